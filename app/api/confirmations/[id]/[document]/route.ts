import { currentCtx } from '@/lib/auth/session';
import { attachmentHeaders, refusedDownload } from '@/lib/http/file-response';
import { readConfirmationFile } from '@/lib/server/confirmations/confirmation-view';

export const dynamic = 'force-dynamic';

/** A document of an application for judicial confirmation (application, filing, decision): its borrower and the creditor's staff (audited). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; document: string }> }) {
  try {
    const { id, document } = await params;
    const file = await readConfirmationFile(await currentCtx(), id, document);
    return new Response(new Uint8Array(file.bytes), { headers: attachmentHeaders(file.filename, file.contentType, file.sha256) });
  } catch (error) {
    return refusedDownload(error);
  }
}
