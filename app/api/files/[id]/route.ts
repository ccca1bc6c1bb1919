import { currentCtx } from '@/lib/auth/session';
import { attachmentHeaders, refusedDownload } from '@/lib/http/file-response';
import { readStoredFile } from '@/lib/server/files/read-file';

export const dynamic = 'force-dynamic';

/** Downloads a stored file for someone allowed to see it; anything else is a plain 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const file = await readStoredFile(await currentCtx(), (await params).id);
    return new Response(new Uint8Array(file.bytes), { headers: attachmentHeaders(file.filename, file.contentType, file.sha256) });
  } catch (error) {
    return refusedDownload(error);
  }
}
