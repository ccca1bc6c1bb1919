// i18n-audience: staff
import { currentCtx } from '@/lib/auth/session';
import { benchmarks, keepMonths } from '@/lib/domain/dashboard';
import { outcomeKinds } from '@/lib/domain/outcomes';
import { CSV_BOM, csvLine } from '@/lib/http/csv';
import { refusedDownload } from '@/lib/http/file-response';
import { bucketWords, csvInstantFormat } from '@/lib/i18n/config';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { exportDashboardCases, exportDashboardFigures } from '@/lib/server/dashboard/export-dashboard';
import { getDashboardOptions } from '@/lib/server/dashboard/get-dashboard';
import { readDashboardFilter, type DashboardFilter } from '@/lib/validation/dashboard';

export const dynamic = 'force-dynamic';

const keptFigure = { 3: 'figure.kept3', 6: 'figure.kept6', 12: 'figure.kept12' } as const;

const headers = (name: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-store',
});
const fen = (value: number) => (value / 100).toFixed(2);
const nameOf = (kind: string, filter: DashboardFilter) => `concord-${kind}-${filter.from ?? 'start'}-${filter.to ?? 'today'}.csv`;
const caseColumns = ['caseNo', 'creditor', 'state', 'bucket', 'mediator', 'openedAt', 'engagedAt', 'hardshipAt', 'offeredAt', 'signedAt', 'breachedAt', 'completedAt', 'outcome', 'outcomeAt', 'resolved', 'staffContact', 'restructured', 'waived', 'recovered'] as const;

/**
 * The dashboard's CSV exports, audited by the services: `figures` (what the page shows, with the filter it was
 * taken under) or `cases` (the cases behind them). Both in the reader's language, as the queue's export is: the
 * column names, states, outcomes, buckets and yes/no, times in the display time zone (a supervisor in Excel read
 * 'plan_active' and times in UTC).
 */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  if (kind !== 'figures' && kind !== 'cases') return new Response('Not found', { status: 404 });
  const url = new URL(request.url);
  const filter = readDashboardFilter(Object.fromEntries(url.searchParams));
  const [ctx, t, tOutcome, tState, tQueue, format, locale] = await Promise.all([
    currentCtx(),
    getTranslations('dashboard'),
    getTranslations('outcomes'),
    getTranslations('staffCaseState'),
    getTranslations('staffQueue'),
    getFormatter(),
    getLocale(),
  ]);
  const when = (value: Date | null) => (value ? format.dateTime(value, csvInstantFormat) : '');
  const bucketName = (bucket: string) => bucketWords(bucket, tQueue('bucket.current'));
  const yesNo = (value: boolean) => t(value ? 'csv.yes' : 'csv.no');
  try {
    if (kind === 'figures') {
      const [{ counts, rates }, options] = await Promise.all([exportDashboardFigures(ctx, filter), getDashboardOptions(ctx.actor)]);
      const creditor = options.creditors.find((c) => c.id === filter.creditor);
      const mediator = options.mediators.find((m) => m.id === filter.mediator);
      const lines = [
        csvLine([t('csv.figure'), t('csv.value'), t('csv.part'), t('csv.whole'), t('csv.published')]),
        ...(['opened', 'engaged', 'hardship', 'offered', 'signed'] as const).map((k) => csvLine([t(`figure.${k}`), counts[k], counts[k], counts.opened])),
        csvLine([t('figure.resolutionRate'), rates.resolutionRate, counts.resolved, counts.concluded, benchmarks.resolutionRate.value]),
        csvLine([t('figure.selfServedShare'), rates.selfServedShare, counts.selfServed, counts.resolved, benchmarks.selfServedShare.value]),
        csvLine([t('figure.medianDays'), counts.medianDays]),
        csvLine([t('figure.p90Days'), counts.p90Days]),
        csvLine([t('figure.meanDays'), counts.meanDays, null, null, benchmarks.meanDaysToAgreement.value]),
        csvLine([t('figure.restructured'), fen(counts.restructured)]),
        csvLine([t('figure.waived'), fen(counts.waived)]),
        csvLine([t('figure.recovered'), fen(counts.recovered)]),
        ...keepMonths.map((m) => csvLine([t(keptFigure[m]), rates.keptRate[m], counts.keep[m].kept, counts.keep[m].eligible])),
        csvLine([t('figure.redefaultRate'), rates.redefaultRate, counts.redefaulted, counts.signed]),
        ...outcomeKinds.map((o) => csvLine([tOutcome(`kind.${o}`), counts.outcomes[o]])),
        // The filter the figures were taken under, as the page's filter form names it.
        csvLine([]),
        csvLine([t('from'), filter.from ?? '']),
        csvLine([t('to'), filter.to ?? '']),
        csvLine([t('mediator'), mediator ? (mediator.active ? mediator.name : t('mediatorInactive', { name: mediator.name })) : t('allMediators')]),
        csvLine([t('bucket'), filter.bucket ? bucketName(filter.bucket) : t('allBuckets')]),
        csvLine([t('creditor'), creditor ? (locale === 'en' ? creditor.nameEn : creditor.name) : t('allCreditors')]),
      ];
      return new Response(CSV_BOM + lines.join(''), { headers: headers(nameOf('figures', filter)) });
    }
    const { rows } = await exportDashboardCases(ctx, filter);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(caseColumns.map((c) => t(`csv.${c}`)))));
        for await (const batch of rows) {
          controller.enqueue(
            encoder.encode(
              batch
                .map((r) =>
                  csvLine([
                    r.caseNo,
                    r.creditorCode,
                    tState(r.state),
                    bucketName(r.bucket),
                    r.assignee,
                    when(r.openedAt),
                    when(r.engagedAt),
                    when(r.hardshipAt),
                    when(r.offeredAt),
                    when(r.signedAt),
                    when(r.breachedAt),
                    when(r.completedAt),
                    r.outcome ? tOutcome(`kind.${r.outcome}`) : '',
                    when(r.outcomeAt),
                    yesNo(r.resolved),
                    yesNo(r.staffContact),
                    fen(r.restructured),
                    fen(r.waived),
                    fen(r.recovered),
                  ]),
                )
                .join(''),
            ),
          );
        }
        controller.close();
      },
    });
    return new Response(stream, { headers: headers(nameOf('cases', filter)) });
  } catch (error) {
    return refusedDownload(error);
  }
}
