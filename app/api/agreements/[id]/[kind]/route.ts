import { currentCtx } from '@/lib/auth/session';
import { readAgreementFile, type AgreementFileKind } from '@/lib/server/agreements/read-agreement-file';
import { isAppError } from '@/lib/server/errors';

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
        'content-type': 'application/pdf',
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'x-content-sha256': file.sha256,
        'cache-control': 'private, no-store',
        // The review page shows the PDF in a frame of its own origin.
        'x-frame-options': 'SAMEORIGIN',
        'content-security-policy': "default-src 'none'; frame-ancestors 'self'",
      },
    });
  } catch (error) {
    if (isAppError(error)) return new Response('Not found', { status: 404 });
    throw error;
  }
}
