import { currentCtx } from '@/lib/auth/session';
import { attachmentHeaders, refusedDownload } from '@/lib/http/file-response';
import { readAgreementFile, type AgreementFileKind } from '@/lib/server/agreements/read-agreement-file';
import { getLocale } from '@/lib/i18n/server';

const names: Record<'zh-CN' | 'en', Record<AgreementFileKind, string>> = {
  'zh-CN': { unsigned: '签署前审阅版', signed: '借款人签署版', executed: '已生效版' },
  en: { unsigned: 'for review', signed: 'signed by the borrower', executed: 'in force' },
};

/** The name a copy is saved under: which agreement and which copy, in the reader's language. */
function downloadName(agreementNo: string, kind: AgreementFileKind, locale: string): string {
  return locale === 'en' ? `Repayment agreement ${agreementNo} (${names.en[kind]}).pdf` : `还款协议 ${agreementNo}（${names['zh-CN'][kind]}）.pdf`;
}

export const dynamic = 'force-dynamic';

const kinds: readonly AgreementFileKind[] = ['unsigned', 'signed', 'executed'];

/** Agreement PDFs: `?inline=1` to show in the page (the review step), otherwise a download. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; kind: string }> }) {
  const { id, kind } = await params;
  if (!kinds.includes(kind as AgreementFileKind)) return new Response('Not found', { status: 404 });
  try {
    const file = await readAgreementFile(await currentCtx(), id, kind as AgreementFileKind);
    const inline = new URL(request.url).searchParams.get('inline') === '1';
    const name = downloadName(file.agreementNo, kind as AgreementFileKind, await getLocale());
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        ...attachmentHeaders(name, 'application/pdf', file.sha256),
        // Our own PDF, shown in a frame of the review page when asked: inline then, never sniffed either way.
        ...(inline ? { 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(name)}` } : {}),
        'x-frame-options': 'SAMEORIGIN',
        'content-security-policy': "default-src 'none'; frame-ancestors 'self'",
      },
    });
  } catch (error) {
    return refusedDownload(error);
  }
}
