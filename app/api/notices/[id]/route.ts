import { currentCtx } from '@/lib/auth/session';
import { attachmentHeaders, refusedDownload } from '@/lib/http/file-response';
import { readNoticeFile } from '@/lib/server/notices/list-notices';

export const dynamic = 'force-dynamic';

/** A notice's sealed PDF: its borrower once it was sent, the creditor's staff always (audited). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const file = await readNoticeFile(await currentCtx(), (await params).id);
    return new Response(new Uint8Array(file.bytes), { headers: attachmentHeaders(file.filename, 'application/pdf', file.sha256) });
  } catch (error) {
    return refusedDownload(error);
  }
}
