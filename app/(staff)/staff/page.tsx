import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { caseStates } from '@/lib/domain/case-state';
import { dpdBucket } from '@/lib/domain/dates';
import { formatMoney } from '@/lib/domain/money';
import { listCases, listCasesQuery, PAGE_SIZE } from '@/lib/server/cases/list-cases';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('staff'))('casesTitle') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StaffHomePage({ searchParams }: { searchParams: SearchParams }) {
  const { actor } = await requireStaff();
  const params = await searchParams;
  const parsed = listCasesQuery.safeParse({ state: params.state || undefined, mine: params.mine === '1' || undefined, page: params.page ?? 1 });
  const query = parsed.success ? parsed.data : { page: 1 };
  const [{ rows, total, page }, t, tState, format, locale] = await Promise.all([
    listCases(actor, query),
    getTranslations('staff'),
    getTranslations('staffCaseState'),
    getFormatter(),
    getLocale(),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (p: number) => `/staff?${new URLSearchParams({ ...(query.state ? { state: query.state } : {}), ...(query.mine ? { mine: '1' } : {}), page: String(p) })}`;
  return (
    <main id="main" className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6">
      <h1 className="text-2xl font-bold">{t('casesTitle')}</h1>
      {params.denied ? <Notice tone="warn">{t('denied')}</Notice> : null}
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t('filters')}>
        <div className="flex flex-col gap-1">
          <label htmlFor="state" className="text-sm font-medium">
            {t('stateFilter')}
          </label>
          <select id="state" name="state" defaultValue={query.state ?? ''} className="min-h-11 rounded-lg border border-slate-400 bg-white px-3">
            <option value="">{t('allStates')}</option>
            {caseStates.map((s) => (
              <option key={s} value={s}>
                {tState(s)}
              </option>
            ))}
          </select>
        </div>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="mine" value="1" defaultChecked={Boolean(query.mine)} className="size-5" />
          {t('mineOnly')}
        </label>
        <Button type="submit" variant="secondary">
          {t('apply')}
        </Button>
      </form>
      <p className="text-sm text-slate-700" role="status">
        {t('count', { total })}
      </p>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('casesTitle')}</caption>
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">{t('col.caseNo')}</th>
              <th scope="col" className="px-3 py-2">{t('col.borrower')}</th>
              <th scope="col" className="px-3 py-2">{t('col.contract')}</th>
              <th scope="col" className="px-3 py-2">{t('col.state')}</th>
              <th scope="col" className="px-3 py-2 text-right">{t('col.dpd')}</th>
              <th scope="col" className="px-3 py-2 text-right">{t('col.arrears')}</th>
              <th scope="col" className="px-3 py-2">{t('col.deadline')}</th>
              <th scope="col" className="px-3 py-2">{t('col.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-200">
                <td className="px-3 py-2 font-mono">
                  <Link href={`/staff/cases/${row.id}`} className="text-brand-700 underline">
                    {row.caseNo}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {row.borrowerName} <span className="text-slate-600">{row.borrowerPhone}</span>
                </td>
                <td className="px-3 py-2 font-mono">{row.contractNo}</td>
                <td className="px-3 py-2">
                  {tState(row.state)}
                  {row.reviewPending ? <span className="ml-2 rounded bg-warn-50 px-2 py-0.5 text-xs font-medium text-warn-800">{t('reviewPending')}</span> : null}
                  {row.confirmation ? (
                    <span className={`ml-2 rounded px-2 py-0.5 text-xs font-medium ${row.confirmation.marker === 'due' ? 'bg-warn-50 text-warn-800' : 'bg-danger-50 text-danger-700'}`} data-testid="confirmation-marker">
                      {t(`confirmation.${row.confirmation.marker}`, { date: format.dateTime(new Date(`${row.confirmation.deadline}T00:00:00+08:00`), { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }) })}
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-right">
                  {row.dpdAtOpen} <span className="text-slate-600">{dpdBucket(row.dpdAtOpen)}</span>
                </td>
                <td className="px-3 py-2 text-right">{formatMoney(row.arrearsAtOpen, locale)}</td>
                <td className="px-3 py-2">{format.dateTime(new Date(row.mediationDeadline), { dateStyle: 'medium' })}</td>
                <td className="px-3 py-2">{row.assigneeName ?? <span className="text-slate-600">{t('unassigned')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label={t('pagination')} className="flex items-center gap-3 text-sm">
        {page > 1 ? (
          <Link href={link(page - 1)} className="text-brand-700 underline">
            {t('previous')}
          </Link>
        ) : null}
        <span>{t('pageOf', { page, pages })}</span>
        {page < pages ? (
          <Link href={link(page + 1)} className="text-brand-700 underline">
            {t('next')}
          </Link>
        ) : null}
      </nav>
    </main>
  );
}
