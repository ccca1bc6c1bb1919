import { currentCtx } from '@/lib/auth/session';
import { attachmentHeaders, refusedDownload } from '@/lib/http/file-response';
import { readAgreementFile, type AgreementFileKind } from '@/lib/server/agreements/read-agreement-file';

export const dynamic = 'force-dynamic';

const kinds: readonly AgreementFileKind[] = ['unsigned', 'signed', 'executed'];

/** Agreement PDFs: `?inline=1` to show in the page (the review step), otherwise a download. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; kind: string }> }) {
  const { id, kind } = await params;
  if (!kinds.includes(kind as AgreementFileKind)) return new Response('Not found', { status: 404 });
  try {
    const file = await readAgreementFile(await currentCtx(), id, kind as AgreementFileKind);
    const inline = new URL(request.url).searchParams.get('inline') === '1';
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        ...attachmentHeaders(file.filename, 'application/pdf', file.sha256),
        // Our own PDF, shown in a frame of the review page when asked: inline then, never sniffed either way.
        ...(inline ? { 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}` } : {}),
        'x-frame-options': 'SAMEORIGIN',
        'content-security-policy': "default-src 'none'; frame-ancestors 'self'",
      },
    });
  } catch (error) {
    return refusedDownload(error);
  }
}
