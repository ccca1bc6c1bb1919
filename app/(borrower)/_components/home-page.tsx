import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { Card, Notice } from '@/components/ui/card';
import { formatMoney } from '@/lib/domain/money';
import { formatDay } from '@/lib/i18n/days';
import { instantFormat } from '@/lib/i18n/config';
import type { Actor } from '@/lib/server/actor';
import { listMyCasesAndLoans } from '@/lib/server/borrowers/list-my-cases';
import { getMyPlans, planReplacesArrears, planStates } from '@/lib/server/plans/plan-progress';
import { PlanStatusNotice, PlanSummary } from '@/components/plan/plan-view';
import type { DocumentPage } from './borrower-document';

type BorrowerActor = Extract<Actor, { type: 'borrower' }>;

/** The borrower's home: each case with what it takes to settle today, the next step, and each loan. */
export async function homePage(actor: BorrowerActor): Promise<DocumentPage> {
  const [{ cases, loans, timeZone }, t, tPlan, tState, tStep, locale] = await Promise.all([
    listMyCasesAndLoans(actor),
    getTranslations('home'),
    getTranslations('plan'),
    getTranslations('caseState'),
    getTranslations('nextStep'),
    getLocale(),
  ]);
  const format = await getFormatter({ timeZone });
  const en = locale === 'en';
  // Cases whose agreement is in force show their plan instead of the arrears it replaced.
  const plans = await getMyPlans(actor, cases.filter((c) => (planStates as readonly string[]).includes(c.state)).map((c) => c.id));
  const planOfLoan = new Map([...plans.values()].map((p) => [cases.find((c) => c.id === p.caseId)!.loanId, p]));
  const date = (iso: string) => formatDay(iso, locale, 'long');
  const main = (
    <main id="main" className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('intro')}</p>

      <h2 className="text-xl font-semibold">{t('casesHeading')}</h2>
      {cases.length === 0 ? <Notice>{t('noCases')}</Notice> : null}
      <ul className="flex flex-col gap-3" aria-label={t('casesHeading')}>
        {cases.map((c) => (
          <li key={c.id}>
            {/* Named by the lender and the case number: one borrower may have two cases with one lender. */}
            <Card aria-labelledby={`case-${c.id} case-no-${c.id}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 id={`case-${c.id}`} className="text-lg font-semibold">
                  {en ? c.creditorNameEn : c.creditorName}
                </h3>
                <span className="rounded-full bg-brand-50 px-3 py-1 text-sm font-medium text-brand-800">{tState(c.state)}</span>
              </div>
              {plans.get(c.id) ? (
                <div className="mt-3 flex flex-col gap-3">
                  <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
                    <dt className="text-slate-600">{t('caseNo')}</dt>
                    <dd id={`case-no-${c.id}`} className="font-mono">{c.caseNo}</dd>
                    <dt className="text-slate-600">{t('contractNo')}</dt>
                    <dd className="font-mono">{c.contractNo}</dd>
                  </dl>
                  <PlanStatusNotice plan={plans.get(c.id)!} t={tPlan} locale={locale} date={date} />
                  <PlanSummary plan={plans.get(c.id)!} t={tPlan} locale={locale} date={date} />
                </div>
              ) : (
              <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
                  <dt className="text-slate-600">{t('caseNo')}</dt>
                  <dd id={`case-no-${c.id}`} className="font-mono">{c.caseNo}</dd>
                  <dt className="text-slate-600">{t('contractNo')}</dt>
                  <dd className="font-mono">{c.contractNo}</dd>
                  <dt className="text-slate-600">{t('totalOverdue')}</dt>
                  <dd className="font-semibold">{formatMoney(c.totalOverdue, locale)}</dd>
                  <dt className="text-slate-600">{t('totalToSettle')}</dt>
                  <dd>
                    {formatMoney(c.totalToSettle, locale)}
                    {c.enforceableTotalToSettle < c.totalToSettle ? <span className="block text-xs text-slate-700">{t('enforceable', { amount: formatMoney(c.enforceableTotalToSettle, locale) })}</span> : null}
                  </dd>
                  <dt className="text-slate-600">{t('daysPastDue')}</dt>
                  <dd>{c.daysPastDue > 0 ? t('days', { days: c.daysPastDue, bucket: c.bucket }) : t('notOverdue')}</dd>
                  <dt className="text-slate-600">{t('deadline')}</dt>
                  <dd>{t(c.deadlinePassed ? 'deadlinePassed' : 'deadlineOn', { date: format.dateTime(new Date(c.mediationDeadline), { dateStyle: 'long' }) })}</dd>
                </dl>
              )}
              <p className="mt-3 rounded-lg bg-slate-100 p-3 text-sm">
                <span className="font-semibold">{t('nextStep')}</span> {tStep(`text.${c.next.kind}`, { count: c.next.kind === 'answerOffers' ? c.next.count : 0, date: c.firstOfferEnds ? format.dateTime(new Date(c.firstOfferEnds), instantFormat) : '' })}
              </p>
              <div className="mt-3 flex flex-wrap gap-2">
                <a href={`/cases/${c.id}`} className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
                  {plans.get(c.id)?.status === 'active' ? tPlan('openPlan') : t('openCase')}
                </a>
                <a href={`/loans/${c.loanId}`} className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 font-medium">
                  {planReplacesArrears(plans.get(c.id)) ? t('loanDetails') : t('whatIOwe')}
                </a>
              </div>
            </Card>
          </li>
        ))}
      </ul>

      <h2 className="text-xl font-semibold">{t('loansHeading')}</h2>
      <ul className="flex flex-col gap-3" aria-label={t('loansHeading')}>
        {loans.map((loan) => (
          <li key={loan.id}>
            <Card aria-labelledby={`loan-${loan.id}`}>
              <h3 id={`loan-${loan.id}`} className="font-semibold">
                <a href={`/loans/${loan.id}`} className="text-brand-700 underline">
                  {loan.product} · <span className="font-mono">{loan.contractNo}</span>
                </a>
              </h3>
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
                <dt className="text-slate-600">{t('lender')}</dt>
                <dd>{en ? loan.creditorNameEn : loan.creditorName}</dd>
                <dt className="text-slate-600">{t('principal')}</dt>
                <dd>{formatMoney(loan.principal, locale)}</dd>
                <dt className="text-slate-600">{t('rate')}</dt>
                <dd>{t('ratePct', { rate: (loan.annualRatePpm / 10_000).toFixed(2) })}</dd>
                <dt className="text-slate-600">{t('term')}</dt>
                <dd>{t('months', { months: loan.termMonths })}</dd>
                <dt className="text-slate-600">{t('method')}</dt>
                <dd>{t(`methods.${loan.repaymentMethod as 'equal_installment'}`)}</dd>
                {planReplacesArrears(planOfLoan.get(loan.id)) ? (
                  <>
                    <dt className="text-slate-600">{tPlan('left')}</dt>
                    <dd>{formatMoney(planOfLoan.get(loan.id)!.totals.remaining, locale)}</dd>
                  </>
                ) : (
                  <>
                    <dt className="text-slate-600">{t('overdueNow')}</dt>
                    <dd>{formatMoney(loan.totalOverdue, locale)}</dd>
                  </>
                )}
                <dt className="text-slate-600">{t('maturity')}</dt>
                <dd>{format.dateTime(new Date(`${loan.maturityDate}T00:00:00+08:00`), { dateStyle: 'long' })}</dd>
                {/* A plan may run past the contract's maturity: say when it ends. */}
                {planOfLoan.get(loan.id)?.status === 'active' && planOfLoan.get(loan.id)!.installments.length ? (
                  <>
                    <dt className="text-slate-600">{tPlan('lastInstallment')}</dt>
                    <dd>{date(planOfLoan.get(loan.id)!.installments.at(-1)!.dueDate)}</dd>
                  </>
                ) : null}
              </dl>
            </Card>
          </li>
        ))}
      </ul>
      <Notice>{t('rights')}</Notice>
    </main>
  );
  return { title: t('title'), main };
}
