import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Card, Notice } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { benchmarks, dpdBuckets, keepMonths, share } from '@/lib/domain/dashboard';
import { formatMoney } from '@/lib/domain/money';
import { outcomeKinds } from '@/lib/domain/outcomes';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { getDashboard, getDashboardOptions } from '@/lib/server/dashboard/get-dashboard';
import { dashboardFilterParams, readDashboardFilter } from '@/lib/validation/dashboard';
import { CohortChart, FunnelChart, TrendChart } from './_components/charts';
import { Figure, RateMeter } from './_components/figures';
import { bucketParam, queueHref, type QueueTarget } from '@/lib/validation/queue';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('dashboard'))('title') };
}

const keptFigure = { 3: 'figure.kept3', 6: 'figure.kept6', 12: 'figure.kept12' } as const;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The supervisor dashboard: every figure for any date range, mediator, bucket and creditor, against published results. */
export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor } = await requireStaff(['supervisor', 'admin']);
  const filter = readDashboardFilter(await searchParams);
  const [data, options, t, tOutcome, tQueue, format, locale] = await Promise.all([
    getDashboard(actor, filter),
    getDashboardOptions(actor),
    getTranslations('dashboard'),
    getTranslations('outcomes'),
    getTranslations('staffQueue'),
    getFormatter(),
    getLocale(),
  ]);
  const { counts, rates } = data;
  const percent = (value: number | null) => (value === null ? t('none') : format.number(value, { style: 'percent', maximumFractionDigits: 1 }));
  const daysText = (value: number | null) => (value === null ? t('none') : t('days', { value: format.number(value, { maximumFractionDigits: 1 }) }));
  const money = (fen: number) => formatMoney(fen, locale);
  const link = (target?: QueueTarget) => queueHref(filter, target);
  const countLink = (count: number, target?: QueueTarget) => ({ href: link(target), linkLabel: t('openInQueue', { count }) });
  const exportQuery = dashboardFilterParams(filter).toString();
  const published = (key: keyof typeof benchmarks, value: string) => t('published', { value, source: t(`source.${benchmarks[key].source}`) });
  const funnel = (['opened', 'engaged', 'hardship', 'offered', 'signed'] as const).map((key) => ({ key, name: t(`figure.${key}`), value: counts[key] }));
  const reachedOf = { opened: undefined, engaged: 'engaged', hardship: 'hardship', offered: 'offered', signed: 'signed' } as const;
  const keptRows = data.cohorts.map((c) => ({ month: c.month, kept3: c.keep[3].rate, kept6: c.keep[6].rate, kept12: c.keep[12].rate }));
  const select = 'min-h-11 rounded-lg border border-slate-400 bg-white px-3';
  const reversed = Boolean(filter.from && filter.to && filter.from > filter.to);

  return (
      <main id="main" className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-bold">{t('title')}</h1>
          <p className="text-slate-700">{t('intro', { date: format.dateTime(new Date(data.asOf), { dateStyle: 'medium' }) })}</p>
        </div>

        <form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4" aria-label={t('filters')}>
          <div className="flex flex-col gap-1">
            <label htmlFor="from" className="text-sm font-medium">{t('from')}</label>
            <input id="from" name="from" type="date" defaultValue={filter.from ?? ''} className={select} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="to" className="text-sm font-medium">{t('to')}</label>
            <input id="to" name="to" type="date" defaultValue={filter.to ?? ''} className={select} aria-invalid={reversed ? true : undefined} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="mediator" className="text-sm font-medium">{t('mediator')}</label>
            <select id="mediator" name="mediator" defaultValue={filter.mediator ?? ''} className={select}>
              <option value="">{t('allMediators')}</option>
              {options.mediators.map((m) => (
                <option key={m.id} value={m.id}>{m.active ? m.name : t('mediatorInactive', { name: m.name })}</option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="bucket" className="text-sm font-medium">{t('bucket')}</label>
            <select id="bucket" name="bucket" defaultValue={filter.bucket ?? ''} className={select}>
              <option value="">{t('allBuckets')}</option>
              {dpdBuckets.map((b) => (
                <option key={b} value={b}>{tQueue(`bucket.${bucketParam(b)}`)}</option>
              ))}
            </select>
          </div>
          {options.creditors.length > 1 ? (
            <div className="flex flex-col gap-1">
              <label htmlFor="creditor" className="text-sm font-medium">{t('creditor')}</label>
              <select id="creditor" name="creditor" defaultValue={filter.creditor ?? ''} className={select}>
                <option value="">{t('allCreditors')}</option>
                {options.creditors.map((c) => (
                  <option key={c.id} value={c.id}>{locale === 'en' ? c.nameEn : c.name}</option>
                ))}
              </select>
            </div>
          ) : null}
          <Button type="submit">{t('apply')}</Button>
          <Link href="/staff/dashboard" className="min-h-11 px-2 py-3 text-sm text-brand-700 underline">{t('reset')}</Link>
          <div className="ml-auto flex items-center gap-3 text-sm" role="group" aria-label={t('export')}>
            <span className="font-medium">{t('export')}</span>
            <a href={`/api/dashboard/figures${exportQuery ? `?${exportQuery}` : ''}`} className="min-h-11 py-3 text-brand-700 underline" download>{t('exportFigures')}</a>
            <a href={`/api/dashboard/cases${exportQuery ? `?${exportQuery}` : ''}`} className="min-h-11 py-3 text-brand-700 underline" download>{t('exportCases')}</a>
          </div>
        </form>

        {/* A range that ends before it starts holds nothing: said so, not shown as an empty portfolio. */}
        {reversed ? (
          <Notice tone="warn">
            <p data-testid="range-reversed">{t('rangeReversed', { from: format.dateTime(new Date(`${filter.from}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }), to: format.dateTime(new Date(`${filter.to}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }) })}</p>
          </Notice>
        ) : counts.opened === 0 ? (
          <Notice>{t('noData')}</Notice>
        ) : null}

        <section aria-labelledby="funnel-heading" className="flex flex-col gap-3">
          <h2 id="funnel-heading" className="text-xl font-semibold">{t('sections.funnel')}</h2>
          <div className="grid gap-3 md:grid-cols-5">
            {funnel.map((step) => (
              <Figure key={step.key} id={step.key} title={step.name} value={format.number(step.value)} detail={step.key === 'opened' ? undefined : t('ofOpened', { share: percent(share(step.value, counts.opened)) })}
                definition={t(`define.${step.key}`)} definitionLabel={t('definition')} {...countLink(step.value, { reached: reachedOf[step.key] })} />
            ))}
          </div>
          <Card>
            <FunnelChart steps={funnel.map(({ name, value }) => ({ name, value }))} label={t('chart.funnel')} />
            <details className="mt-2 text-sm">
              <summary className="min-h-11 cursor-pointer py-2 text-brand-700">{t('showTable')}</summary>
              <table className="w-full text-left">
                <caption className="sr-only">{t('funnelTable.caption')}</caption>
                <thead><tr><th scope="col">{t('funnelTable.step')}</th><th scope="col" className="text-right">{t('funnelTable.cases')}</th></tr></thead>
                <tbody>{funnel.map((s) => <tr key={s.key}><th scope="row" className="font-normal">{s.name}</th><td className="text-right">{s.value}</td></tr>)}</tbody>
              </table>
            </details>
          </Card>
        </section>

        <section aria-labelledby="results-heading" className="flex flex-col gap-3">
          <h2 id="results-heading" className="text-xl font-semibold">{t('sections.results')}</h2>
          <div className="grid gap-3 md:grid-cols-3">
            <Figure id="resolutionRate" title={t('figure.resolutionRate')} value={percent(rates.resolutionRate)} detail={t('rateOf', { part: counts.resolved, whole: counts.concluded })}
              definition={t('define.resolutionRate')} definitionLabel={t('definition')} {...countLink(counts.resolved, { reached: 'resolved' })}>
              <RateMeter rate={rates.resolutionRate} benchmark={benchmarks.resolutionRate.value} benchmarkLabel={published('resolutionRate', percent(benchmarks.resolutionRate.value))} />
            </Figure>
            <Figure id="selfServedShare" title={t('figure.selfServedShare')} value={percent(rates.selfServedShare)} detail={t('rateOf', { part: counts.selfServed, whole: counts.resolved })}
              definition={t('define.selfServedShare')} definitionLabel={t('definition')} {...countLink(counts.selfServed, { reached: 'selfServed' })}>
              <RateMeter rate={rates.selfServedShare} benchmark={benchmarks.selfServedShare.value} benchmarkLabel={published('selfServedShare', percent(benchmarks.selfServedShare.value))} />
            </Figure>
            <Figure id="redefaultRate" title={t('figure.redefaultRate')} value={percent(rates.redefaultRate)} detail={t('rateOf', { part: counts.redefaulted, whole: counts.signed })}
              definition={t('define.redefaultRate')} definitionLabel={t('definition')} {...countLink(counts.redefaulted, { reached: 'redefaulted' })} />
          </div>
          <h3 className="text-lg font-semibold">{t('sections.speed')}</h3>
          <div className="grid gap-3 md:grid-cols-3">
            <Figure id="medianDays" title={t('figure.medianDays')} value={daysText(counts.medianDays)} definition={t('define.medianDays')} definitionLabel={t('definition')} {...countLink(counts.signed, { reached: 'signed' })} />
            <Figure id="p90Days" title={t('figure.p90Days')} value={daysText(counts.p90Days)} definition={t('define.p90Days')} definitionLabel={t('definition')} />
            <Figure id="meanDays" title={t('figure.meanDays')} value={daysText(counts.meanDays)} definition={t('define.meanDays')} definitionLabel={t('definition')}>
              <p className="text-xs text-warn-800">{published('meanDaysToAgreement', t('days', { value: benchmarks.meanDaysToAgreement.value }))}</p>
            </Figure>
          </div>
        </section>

        <section aria-labelledby="amounts-heading" className="flex flex-col gap-3">
          <h2 id="amounts-heading" className="text-xl font-semibold">{t('sections.amounts')}</h2>
          <div className="grid gap-3 md:grid-cols-3">
            <Figure id="restructured" title={t('figure.restructured')} value={money(counts.restructured)} definition={t('define.restructured')} definitionLabel={t('definition')} />
            <Figure id="waived" title={t('figure.waived')} value={money(counts.waived)} definition={t('define.waived')} definitionLabel={t('definition')} />
            <Figure id="recovered" title={t('figure.recovered')} value={money(counts.recovered)} definition={t('define.recovered')} definitionLabel={t('definition')} />
          </div>
        </section>

        <section aria-labelledby="outcomes-heading" className="flex flex-col gap-3">
          <h2 id="outcomes-heading" className="text-xl font-semibold">{t('sections.outcomes')}</h2>
          <Card>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('sections.outcomes')}</caption>
              <thead className="text-slate-700"><tr><th scope="col" className="py-2">{t('outcome')}</th><th scope="col" className="py-2 text-right">{t('count')}</th></tr></thead>
              <tbody>
                {outcomeKinds.map((kind) => (
                  <tr key={kind} className="border-t border-slate-200" data-outcome={kind}>
                    <th scope="row" className="py-2 font-normal">{tOutcome(`kind.${kind}`)}</th>
                    <td className="py-2 text-right">
                      <Link href={link({ outcome: kind })} className="inline-block min-h-6 min-w-6 text-brand-700 underline" aria-label={`${tOutcome(`kind.${kind}`)}: ${t('openInQueue', { count: counts.outcomes[kind] })}`}>
                        {counts.outcomes[kind]}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </section>

        <section aria-labelledby="keeping-heading" className="flex flex-col gap-3">
          <h2 id="keeping-heading" className="text-xl font-semibold">{t('sections.keeping')}</h2>
          <div className="grid gap-3 md:grid-cols-3">
            {keepMonths.map((m) => (
              <Figure key={m} id={`kept${m}`} title={t(keptFigure[m])} value={percent(rates.keptRate[m])} detail={t('rateOf', { part: counts.keep[m].kept, whole: counts.keep[m].eligible })}
                definition={t('define.kept', { months: m })} definitionLabel={t('definition')} />
            ))}
          </div>
          <Card className="flex flex-col gap-3">
            <h3 className="text-lg font-semibold">{t('sections.cohorts')}</h3>
            {data.cohorts.length === 0 ? (
              <p className="text-sm text-slate-700" data-empty="cohorts">
                {t('noCohorts')}
              </p>
            ) : (
              <>
                <CohortChart cohorts={keptRows} labels={{ kept3: t('figure.kept3'), kept6: t('figure.kept6'), kept12: t('figure.kept12') }} label={t('chart.cohorts')} />
                <div className="overflow-x-auto">
                  <table className="w-full text-left text-sm" data-table="cohorts">
                    <caption className="text-left text-sm text-slate-700">{t('keepTable.caption')}</caption>
                    <thead className="bg-slate-100 text-slate-700">
                      <tr>
                        <th scope="col" className="px-2 py-2">{t('keepTable.month')}</th>
                        <th scope="col" className="px-2 py-2 text-right">{t('keepTable.signed')}</th>
                        {keepMonths.map((m) => <th key={m} scope="col" className="px-2 py-2 text-right">{t('keepTable.kept', { months: m })}</th>)}
                        <th scope="col" className="px-2 py-2 text-right">{t('keepTable.redefaulted')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.cohorts.map((c) => (
                        <tr key={c.month} className="border-t border-slate-200">
                          <th scope="row" className="px-2 py-2 font-normal">{c.month}</th>
                          <td className="px-2 py-2 text-right">{c.signed}</td>
                          {keepMonths.map((m) => (
                            <td key={m} className="px-2 py-2 text-right">
                              {c.keep[m].eligible === 0 ? <span className="text-slate-600">{t('keepTable.notYet')}</span> : t('keepTable.cell', { rate: percent(c.keep[m].rate), kept: c.keep[m].kept, eligible: c.keep[m].eligible })}
                            </td>
                          ))}
                          <td className="px-2 py-2 text-right">{c.redefaulted}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </Card>
        </section>

        <section aria-labelledby="trend-heading" className="flex flex-col gap-3">
          <h2 id="trend-heading" className="text-xl font-semibold">{t('sections.trend')}</h2>
          <Card>
            <TrendChart weeks={data.weeks} labels={{ opened: t('trendTable.opened'), engaged: t('trendTable.engaged'), signed: t('trendTable.signed') }} label={t('chart.trend')} />
            <details className="mt-2 text-sm">
              <summary className="min-h-11 cursor-pointer py-2 text-brand-700">{t('showTable')}</summary>
              <table className="w-full text-left">
                <caption className="sr-only">{t('trendTable.caption')}</caption>
                <thead><tr><th scope="col">{t('trendTable.week')}</th><th scope="col" className="text-right">{t('trendTable.opened')}</th><th scope="col" className="text-right">{t('trendTable.engaged')}</th><th scope="col" className="text-right">{t('trendTable.signed')}</th></tr></thead>
                <tbody>{data.weeks.map((w) => <tr key={w.week}><th scope="row" className="font-normal">{w.week}</th><td className="text-right">{w.opened}</td><td className="text-right">{w.engaged}</td><td className="text-right">{w.signed}</td></tr>)}</tbody>
              </table>
            </details>
          </Card>
        </section>
      </main>
  );
}
