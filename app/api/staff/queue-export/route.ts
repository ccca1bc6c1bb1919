// i18n-audience: staff
import { currentCtx } from '@/lib/auth/session';
import { CSV_BOM, csvLine } from '@/lib/http/csv';
import { fenToDecimal } from '@/lib/domain/money';
import { todayIn } from '@/lib/domain/dates';
import { bucketWords, csvInstantFormat, displayTimeZone } from '@/lib/i18n/config';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { isAppError } from '@/lib/server/errors';
import { startQueueExport } from '@/lib/server/queue/export-queue';

export const dynamic = 'force-dynamic';

/**
 * The queue's current view as CSV (UTF-8 with a byte-order mark, so Excel reads Chinese), posted from the queue's
 * export form with a reason; the service records who, when, why and which view before the first row leaves.
 * Posted, not fetched by a link, so that neither a prefetch nor another site can start one (cookies are SameSite=Lax).
 */
export async function POST(request: Request) {
  const ctx = await currentCtx();
  if (ctx.actor.type !== 'staff') return new Response('Not found', { status: 404 });
  const origin = request.headers.get('origin');
  if (origin && origin !== new URL(request.url).origin && origin !== process.env.NEXTAUTH_URL?.replace(/\/$/, '')) return new Response('Forbidden', { status: 403 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  const view = typeof form.get('view') === 'string' ? String(form.get('view')) : '';
  const reason = typeof form.get('reason') === 'string' ? String(form.get('reason')) : '';
  const [t, tState, format, locale] = await Promise.all([getTranslations('staffQueue'), getTranslations('staffCaseState'), getFormatter(), getLocale()]);
  let exported: Awaited<ReturnType<typeof startQueueExport>>;
  try {
    exported = await startQueueExport(ctx, { view, reason });
  } catch (error) {
    if (isAppError(error) && error.status < 500) return new Response(t('exportReason'), { status: error.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    throw error;
  }
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), csvInstantFormat) : '');
  const encoder = new TextEncoder();
  const header = ['caseNo', 'borrower', 'phone', 'contract', 'state', 'dpd', 'bucket', 'arrears', 'deadline', 'assignee', 'next', 'nextAt', 'nextSince', 'lastContact'].map((k) => t(`csv.${k}`));
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvLine(header)));
      for await (const batch of exported.batches) {
        controller.enqueue(
          encoder.encode(
            batch
              .map((r) =>
                csvLine([
                  r.caseNo,
                  r.borrowerName,
                  r.phoneMasked,
                  r.contractNo,
                  tState(r.state),
                  r.daysPastDue,
                  bucketWords(r.bucket, t('bucket.current')),
                  fenToDecimal(r.arrearsAtOpen),
                  when(r.mediationDeadline),
                  r.assigneeName ?? '',
                  r.nextAction ? t(`nextAction.${r.nextAction}`) : '',
                  // A task's time is when it arose, not when it falls due (list-queue.ts, nextActionsPendingSince).
                  r.nextActionSince ? '' : when(r.nextActionAt),
                  r.nextActionSince ? when(r.nextActionAt) : '',
                  when(r.lastContactAt),
                ]),
              )
              .join(''),
          ),
        );
      }
      controller.close();
    },
  });
  // The day in the portal's time zone (as every date in the file), not UTC's: at 00:30 in Beijing it is still yesterday there.
  const stamp = todayIn(displayTimeZone);
  const filename = locale === 'en' ? `Concord cases ${stamp}.csv` : `案件队列 ${stamp}.csv`;
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}
