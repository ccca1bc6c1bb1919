import { currentCtx } from '@/lib/auth/session';
import { isAppError } from '@/lib/server/errors';
import { readStoredFile } from '@/lib/server/files/read-file';

export const dynamic = 'force-dynamic';

/** Downloads a stored file for someone allowed to see it; anything else is a plain 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const file = await readStoredFile(await currentCtx(), (await params).id);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'x-content-sha256': file.sha256,
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    if (isAppError(error)) return new Response('Not found', { status: 404 });
    throw error;
  }
}
