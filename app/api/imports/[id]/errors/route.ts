// i18n-audience: staff
import { currentActor } from '@/lib/auth/session';
import { attachmentHeaders, refusedDownload } from '@/lib/http/file-response';
import { isLocale } from '@/lib/i18n/config';
import { getLocale } from '@/lib/i18n/server';
import { sha256Hex } from '@/lib/server/crypto';
import { importErrorReport } from '@/lib/server/imports/import-report';

export const dynamic = 'force-dynamic';

/** A batch's error report (the rows that cannot be imported, with a reason column), in the admin's language. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const chosen = await getLocale();
  const locale = isLocale(chosen) ? chosen : 'zh-CN';
  try {
    const file = await importErrorReport(await currentActor(), (await params).id, locale);
    return new Response(new Uint8Array(file.body), { headers: attachmentHeaders(file.filename, 'text/csv; charset=utf-8', sha256Hex(file.body)) });
  } catch (error) {
    return refusedDownload(error);
  }
}
