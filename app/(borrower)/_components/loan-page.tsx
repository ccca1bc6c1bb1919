import { getLocale, getTranslations } from '@/lib/i18n/server';
import { Card, Notice } from '@/components/ui/card';
import { InstallmentList } from '@/components/loan/installment-list';
import { isOwed } from '@/lib/domain/arrears-view';
import { formatMoney } from '@/lib/domain/money';
import { formatDay } from '@/lib/i18n/days';
import type { Actor } from '@/lib/server/actor';
import { getLoanDetail } from '@/lib/server/loans/get-loan-detail';
import { getPlanOfLoan, planReplacesArrears } from '@/lib/server/plans/plan-progress';
import { PlanView } from '@/components/plan/plan-view';
import type { DocumentPage } from './borrower-document';

const pct = (ppm: number) => (ppm / 10_000).toFixed(2).replace(/\.?0+$/, '');

/**
 * What the borrower owes on one loan and why: the breakdown in plain words, the
 * cap notice, the terms, the schedule (what is owed first, all of it with
 * `?schedule=all`) and the payments received. Not found unless it is theirs.
 */
export async function loanPage(actor: Extract<Actor, { type: 'borrower' }>, id: string, schedule: string | null): Promise<DocumentPage> {
  const [loan, t, tc, tPlan, locale] = await Promise.all([getLoanDetail(actor, id), getTranslations('loanPage'), getTranslations('common'), getTranslations('plan'), getLocale()]);
  const plan = await getPlanOfLoan(actor, loan.id);
  // While a plan is in force (or once paid in full) it replaces the contract's arrears; after a breach whose relief
  // falls away, the contract's arrears are what is owed again, and are shown below the plan.
  const contractArrears = !planReplacesArrears(plan);
  const title = contractArrears ? t('title') : t('titlePlan');
  const money = (fen: number) => formatMoney(fen, locale);
  const { totals, cap } = loan.arrears;
  const overdueRows = loan.arrears.installments.filter(isOwed);
  const penaltyDays = Math.max(0, ...overdueRows.map((i) => i.penaltyDays));
  const line = (label: string, value: number, explain?: string, strong = false) => (
    <div className="flex flex-wrap justify-between gap-x-4 border-b border-slate-100 py-2">
      <dt className={strong ? 'font-semibold' : ''}>{label}</dt>
      <dd className={strong ? 'text-lg font-bold' : 'font-medium'}>{money(value)}</dd>
      {explain ? <dd className="mt-1 w-full text-sm text-slate-700">{explain}</dd> : null}
    </div>
  );
  const main = (
    <main id="main" className="mx-auto flex max-w-3xl flex-col gap-5 px-4 py-6">
      <nav aria-label={tc('breadcrumb')} className="text-sm">
        <a href="/" className="text-brand-700 underline">
          {t('backHome')}
        </a>
      </nav>
      <div>
        <h1 className="text-2xl font-bold">{title}</h1>
        <p className="text-sm text-slate-700">
          {loan.product} · <span className="font-mono">{loan.contractNo}</span> · {locale === 'en' ? loan.creditorNameEn : loan.creditorName}
        </p>
      </div>
      {plan ? <PlanView plan={plan} t={tPlan} locale={locale} date={(iso) => formatDay(iso, locale, 'long')} /> : null}
      {contractArrears ? (
      <Card aria-labelledby="breakdown-heading">
        <h2 id="breakdown-heading" className="text-lg font-semibold">
          {t('breakdownTitle', { date: formatDay(loan.arrears.asOf, locale, 'long') })}
        </h2>
        <dl className="mt-2">
          {line(t('overduePrincipal'), totals.overduePrincipal, t('overduePrincipalExplain'))}
          {line(t('overdueInterest'), totals.overdueInterest, t('overdueInterestExplain', { rate: pct(loan.annualRatePpm) }))}
          {line(t('penalty'), totals.penalty, t('penaltyExplain', { rate: pct(loan.annualRatePpm), markup: loan.penaltyMarkupPct, penaltyRate: pct(loan.arrears.penaltyRatePpm), days: penaltyDays }))}
          {line(t('compound'), totals.compound, t('compoundExplain', { penaltyRate: pct(loan.arrears.penaltyRatePpm) }))}
          {totals.fees ? line(t('fees'), totals.fees) : null}
          {line(t('totalOverdue'), totals.totalOverdue, t('totalOverdueExplain'), true)}
          {line(t('notYetDue'), totals.notYetDuePrincipal, t('notYetDueExplain'))}
          {line(t('totalToSettle'), totals.totalToSettle, undefined, true)}
        </dl>
        {cap.capApplies ? (
          <Notice tone="warn" className="mt-3">
            <p className="font-semibold">{t('capTitle')}</p>
            <p>{t('capExplain', { pct: cap.annualPct, charges: money(cap.charges), cap: money(cap.cap), excess: money(cap.capExcess) })}</p>
            {cap.principalCredit ? <p className="mt-1">{t('capCredit', { credit: money(cap.principalCredit) })}</p> : null}
            <p className="mt-1 font-semibold">{t('enforceable', { overdue: money(totals.enforceableTotalOverdue), settle: money(totals.enforceableTotalToSettle) })}</p>
          </Notice>
        ) : (
          <p className="mt-3 text-sm text-slate-700">{t('capOk', { pct: cap.annualPct })}</p>
        )}
      </Card>
      ) : null}
      <Card aria-labelledby="terms-heading">
        <h2 id="terms-heading" className="text-lg font-semibold">
          {t('termsTitle')}
        </h2>
        <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
          <dt className="text-slate-600">{t('principal')}</dt>
          <dd>{money(loan.principal)}</dd>
          <dt className="text-slate-600">{t('rate')}</dt>
          <dd>{pct(loan.annualRatePpm)}%</dd>
          <dt className="text-slate-600">{t('term')}</dt>
          <dd>{t('months', { months: loan.termMonths })}</dd>
          <dt className="text-slate-600">{t('method')}</dt>
          <dd>{t(`methods.${loan.repaymentMethod as 'equal_installment'}`)}</dd>
          <dt className="text-slate-600">{t('period')}</dt>
          <dd>
            {formatDay(loan.startDate, locale, 'long')} – {formatDay(loan.maturityDate, locale, 'long')}
          </dd>
        </dl>
      </Card>
      {contractArrears ? (
      <InstallmentList
        t={t}
        installments={loan.arrears.installments}
        schedule={loan.schedule}
        locale={locale}
        showAll={schedule === 'all'}
        href={{ all: `/loans/${loan.id}?schedule=all#schedule-heading`, owed: `/loans/${loan.id}#schedule-heading` }}
      />
      ) : null}
      <section aria-labelledby="payments-heading">
        <h2 id="payments-heading" className="text-xl font-semibold">
          {/* Beside the plan's own "payments received": every payment on the loan, under a name of its own. */}
          {plan ? t('paymentsTitleWithPlan') : t('paymentsTitle')}
        </h2>
        {loan.payments.length === 0 ? (
          <p className="text-slate-700">{t('noPayments')}</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            {loan.payments.map((p, i) => (
              <li key={i} className="flex justify-between rounded border border-slate-200 bg-white px-3 py-2">
                <span>{formatDay(p.receivedOn, locale, 'long')}</span>
                <span className="font-medium">{money(p.amount)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-sm text-slate-700">{t('allocation')}</p>
      </section>
    </main>
  );
  return { title, main };
}
