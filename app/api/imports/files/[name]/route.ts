// i18n-audience: staff
import { currentActor } from '@/lib/auth/session';
import { attachmentHeaders } from '@/lib/http/file-response';
import { isLocale } from '@/lib/i18n/config';
import { sha256Hex } from '@/lib/server/crypto';
import { fieldReferenceCsv, portfolioTemplateCsv } from '@/lib/server/imports/import-report';

export const dynamic = 'force-dynamic';

/** The portfolio template and the field reference, per language: /api/imports/files/template-zh-CN.csv, reference-en.csv. */
export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  const actor = await currentActor();
  const match = /^(template|reference)-(zh-CN|en)\.csv$/.exec((await params).name);
  if (actor.type !== 'staff' || actor.role !== 'admin' || !match || !isLocale(match[2])) return new Response('Not found', { status: 404 });
  const file = match[1] === 'template' ? portfolioTemplateCsv(match[2]) : fieldReferenceCsv(match[2]);
  return new Response(new Uint8Array(file.body), { headers: attachmentHeaders(file.filename, 'text/csv; charset=utf-8', sha256Hex(file.body)) });
}
