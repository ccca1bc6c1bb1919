// i18n-audience: staff
import { currentCtx } from '@/lib/auth/session';
import { benchmarks, keepMonths } from '@/lib/domain/dashboard';
import { outcomeKinds } from '@/lib/domain/outcomes';
import { CSV_BOM, csvLine } from '@/lib/http/csv';
import { refusedDownload } from '@/lib/http/file-response';
import { getTranslations } from '@/lib/i18n/server';
import { exportDashboardCases, exportDashboardFigures } from '@/lib/server/dashboard/export-dashboard';
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
const iso = (value: Date | null) => value?.toISOString() ?? '';
const nameOf = (kind: string, filter: DashboardFilter) => `concord-${kind}-${filter.from ?? 'start'}-${filter.to ?? 'today'}.csv`;

/** The dashboard's CSV exports, audited by the services: `figures` (what the page shows) or `cases` (the cases behind them). */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  if (kind !== 'figures' && kind !== 'cases') return new Response('Not found', { status: 404 });
  const url = new URL(request.url);
  const filter = readDashboardFilter(Object.fromEntries(url.searchParams));
  const [ctx, t, tOutcome] = await Promise.all([currentCtx(), getTranslations('dashboard'), getTranslations('outcomes')]);
  try {
    if (kind === 'figures') {
      const { counts, rates } = await exportDashboardFigures(ctx, filter);
      const lines = [
        csvLine(['figure', 'value', 'part', 'whole', 'published']),
        csvLine(['filter', JSON.stringify(filter)]),
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
      ];
      return new Response(CSV_BOM + lines.join(''), { headers: headers(nameOf('figures', filter)) });
    }
    const { rows } = await exportDashboardCases(ctx, filter);
    const encoder = new TextEncoder();
    const columns = ['case_no', 'creditor', 'state', 'dpd_bucket_at_opening', 'mediator', 'opened_at', 'engaged_at', 'hardship_at', 'offered_at', 'signed_at', 'breached_at', 'completed_at', 'outcome', 'outcome_at', 'resolved', 'staff_contact', 'restructured_yuan', 'waived_yuan', 'recovered_yuan'];
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(columns)));
        for await (const batch of rows) {
          controller.enqueue(
            encoder.encode(
              batch
                .map((r) =>
                  csvLine([r.caseNo, r.creditorCode, r.state, r.bucket, r.assignee, iso(r.openedAt), iso(r.engagedAt), iso(r.hardshipAt), iso(r.offeredAt), iso(r.signedAt), iso(r.breachedAt), iso(r.completedAt), r.outcome, iso(r.outcomeAt), r.resolved, r.staffContact, fen(r.restructured), fen(r.waived), fen(r.recovered)]),
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
