import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { requireStaff } from '@/lib/auth/session';
import { formatMoney } from '@/lib/domain/money';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { getDashboardOptions } from '@/lib/server/dashboard/get-dashboard';
import { assignableStaff } from '@/lib/server/queue/assignable-staff';
import { listQueue, loadOf, queueCounts } from '@/lib/server/queue/list-queue';
import { effectiveAssignee, resolvedSort } from '@/lib/server/queue/queue-filter';
import { listSavedViews } from '@/lib/server/queue/saved-views';
import { QUEUE_PAGE_SIZE, defaultDirection, parseQueueParams, queueSearch, searchTooShortForNumbers, type QueueSort } from '@/lib/validation/queue';
import { QueueFilters } from './_components/queue-filters';
import { QueueTable } from './_components/queue-table';
import { SavedViews } from './_components/saved-views';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('staffQueue'))('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The mediator's queue: every filter, search and sort in the URL (lib/validation/queue.ts), paged on the server. */
export default async function StaffQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const { actor } = await requireStaff();
  const raw = await searchParams;
  const params = parseQueueParams(raw);
  const now = new Date();
  const supervisor = actor.role === 'supervisor';
  const [{ rows, page, kpis, load }, views, people, creditorOptions, t, locale, format] = await Promise.all([
    // The counts first: the KPI count decides how the page's rows are found (a small view is sorted, a large one walked
    // in order); a supervisor's default view takes its KPI cards and each mediator's load from one pass.
    queueCounts(actor, params, now).then(async ({ kpis, load }) => ({ kpis, load, ...(await listQueue(actor, params, now, undefined, kpis.matching)) })),
    listSavedViews(actor),
    actor.role === 'mediator' ? Promise.resolve([]) : assignableStaff(actor),
    // A view narrowed to a creditor (a dashboard link) names it; only supervisors and admins come from the dashboard.
    params.creditor && actor.role !== 'mediator' ? getDashboardOptions(actor).then((o) => o.creditors) : Promise.resolve([]),
    getTranslations('staffQueue'),
    getLocale(),
    getFormatter(),
  ]);
  const mediatorLoad = supervisor && load ? loadOf(people, load) : null;
  const view = queueSearch({ ...params, page: undefined });
  const pages = Math.max(1, Math.ceil(kpis.matching / QUEUE_PAGE_SIZE));
  const { sort, dir } = resolvedSort(params);
  const sortLinks = Object.fromEntries(
    (['priority', 'deadline', 'dpd', 'amount', 'lastContact', 'caseNo'] as QueueSort[]).map((key) => {
      const active = key === sort ? dir : null;
      const nextDir = active ? (active === 'asc' ? 'desc' : 'asc') : defaultDirection(key);
      return [key, { href: `/staff?${queueSearch(params, { sort: key, dir: nextDir, page: undefined })}`, active }];
    }),
  );
  const pageLink = (p: number) => `/staff?${queueSearch(params, { page: p === 1 ? undefined : p })}`;
  // A page past the last (a bookmark, or a bulk assignment that took cases out of the view): the last page, not
  // "page 2 of 1" above an empty table.
  if (page > pages) redirect(pageLink(pages));
  const kpiCards = [
    ['matching', format.number(kpis.matching)],
    ['dueToday', format.number(kpis.dueToday)],
    ['deadlinesSoon', format.number(kpis.deadlinesSoon)],
    ['brokenPromises', format.number(kpis.brokenPromises)],
    ['arrears', formatMoney(kpis.arrears, locale)],
  ] as const;
  return (
    <ClientMessages namespaces={['staffQueue', 'staffCaseState', 'outcomes']}>
      <main id="main" className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">{t('title')}</h1>
          <Link href={`/staff/next${view ? `?view=${encodeURIComponent(view)}` : ''}`} title={t('workNextHint')} className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            {t('workNext')}
          </Link>
        </div>
        {raw.denied ? <Notice tone="warn">{t('denied')}</Notice> : null}
        <section aria-label={t('kpis')}>
          {/* The amount in arrears takes two columns: a portfolio's total runs to a dozen digits. */}
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-6">
            {kpiCards.map(([key, value]) => (
              <div
                key={key}
                className={`min-w-0 rounded-xl border bg-white p-3 ${key === 'arrears' ? 'col-span-2' : ''} ${key === 'brokenPromises' && kpis.brokenPromises ? 'border-red-200' : 'border-slate-200'}`}
              >
                <dt className="text-sm text-slate-700">{t(`kpi.${key}`)}</dt>
                <dd className="text-2xl font-semibold tabular-nums [overflow-wrap:anywhere]" data-kpi={key}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
        </section>
        <QueueFilters
          params={params}
          assignee={effectiveAssignee(actor, params)}
          people={people.map((p) => ({ id: p.id, name: p.name }))}
          creditorName={creditorOptions.filter((c) => c.id === params.creditor).map((c) => (locale === 'en' ? c.nameEn : c.name))[0]}
        />
        <SavedViews views={views} current={view} />
        <QueueTable rows={rows.map(({ assigneeId: _a, promiseBroken: _p, ...row }) => row)} locale={locale} view={view} sortLinks={sortLinks} total={kpis.matching} assignees={supervisor ? people.map((p) => ({ id: p.id, name: p.name })) : null} shortSearch={searchTooShortForNumbers(params.q)} />
        <nav aria-label={t('pagination')} className="flex items-center gap-3 text-sm">
          {page > 1 ? (
            <Link href={pageLink(page - 1)} className="min-h-11 py-3 text-brand-700 underline" rel="prev">
              {t('previous')}
            </Link>
          ) : null}
          <span>{t('total', { total: kpis.matching })}</span>
          <span>{t('pageOf', { page, pages })}</span>
          {page < pages ? (
            <Link href={pageLink(page + 1)} className="min-h-11 py-3 text-brand-700 underline" rel="next">
              {t('next')}
            </Link>
          ) : null}
        </nav>
        <details className="rounded-xl border border-slate-200 bg-white p-4">
          <summary className="min-h-11 cursor-pointer py-2 font-semibold">{t('export')}</summary>
          <form method="post" action="/api/staff/queue-export" className="mt-2 flex flex-wrap items-end gap-3">
            <input type="hidden" name="view" value={view} />
            <div className="flex flex-col gap-1">
              <label htmlFor="export-reason" className="text-sm font-medium">
                {t('exportReason')}
              </label>
              <input id="export-reason" name="reason" required minLength={2} maxLength={500} aria-describedby="export-hint" className="min-h-11 w-80 rounded-lg border border-slate-400 bg-white px-3" />
            </div>
            <Button type="submit" variant="secondary">
              {t('exportButton')}
            </Button>
            <p id="export-hint" className="basis-full text-sm text-slate-700">
              {t('exportHint')}
            </p>
          </form>
        </details>
        {mediatorLoad ? (
          <section aria-labelledby="load-heading" className="flex flex-col gap-2">
            <h2 id="load-heading" className="text-lg font-semibold">
              {t('load')}
            </h2>
            <DataTable
              caption={t('load')}
              framed
              columns={[
                { id: 'name', header: t('loadCol.name'), rowHeader: true },
                { id: 'open', header: t('loadCol.open'), align: 'right' },
                { id: 'dueToday', header: t('loadCol.dueToday'), align: 'right' },
                { id: 'broken', header: t('loadCol.broken'), align: 'right' },
              ]}
              rows={mediatorLoad.map((l) => ({
                id: l.id,
                cells: {
                  name: (
                    <Link href={`/staff?${queueSearch({}, { assignee: l.id })}`} className="text-brand-700 underline">
                      {l.name}
                    </Link>
                  ),
                  open: format.number(l.open),
                  dueToday: format.number(l.dueToday),
                  broken: format.number(l.broken),
                },
              }))}
            />
          </section>
        ) : null}
      </main>
    </ClientMessages>
  );
}
