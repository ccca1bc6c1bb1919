import { currentCtx } from '@/lib/auth/session';
import { attachmentHeaders, refusedDownload } from '@/lib/http/file-response';
import { readPlanDocument } from '@/lib/server/plans/read-plan-document';

export const dynamic = 'force-dynamic';

/** A plan's sealed documents: the delay addendum and the settlement certificate (结清证明), as downloads. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const file = await readPlanDocument(await currentCtx(), id);
    return new Response(new Uint8Array(file.bytes), { headers: attachmentHeaders(file.filename, 'application/pdf', file.sha256) });
  } catch (error) {
    return refusedDownload(error);
  }
}
