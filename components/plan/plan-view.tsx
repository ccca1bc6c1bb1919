import { Fragment } from 'react';
import type { getTranslations } from '@/lib/i18n/server';
import { Card, Notice } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { formatMoney } from '@/lib/domain/money';
import { askedNow, type PlanInstallmentState } from '@/lib/domain/plan';
import type { PlanProgressDto } from '@/lib/server/plans/plan-progress';
import { accountNumberGroups } from './account-number';
import { installmentRuns } from './installment-runs';

/**
 * The repayment plan as the borrower sees it, once the agreement is in force: the next payment, what is paid and
 * left, each installment, how to pay, the one-time delay and the documents. No hooks and no client code, so it
 * renders in the App Router case page and in the plain documents (home, loan: ADR 0007) alike. `t` is the
 * translator of the `plan` namespace; `date` formats a calendar day in the reader's language.
 */
type Translate = Awaited<ReturnType<typeof getTranslations>>;
type Props = { plan: PlanProgressDto; t: Translate; locale: string; date: (iso: string) => string; headingLevel?: 2 | 3 };

const stateTone: Record<PlanInstallmentState, string> = {
  paid: 'bg-ok-50 text-ok-700',
  paid_late: 'bg-ok-50 text-ok-700',
  due: 'bg-warn-50 text-warn-800',
  missed: 'bg-danger-50 text-danger-700',
  upcoming: 'bg-slate-100 text-slate-700',
};

/**
 * Missed and due installments, then the next three to pay (or the last ones, once everything is paid). Once a breach
 * has ended the agreement, nothing is due or coming under it: only the installments that were missed.
 */
function firstToShow(plan: PlanProgressDto) {
  const open = plan.installments.filter((i) => i.outstanding > 0);
  if (plan.breach) return open.filter((i) => i.state === 'missed');
  if (open.length === 0) return plan.installments.slice(-3);
  const urgent = open.filter((i) => i.state === 'missed' || i.state === 'due');
  const upcoming = open.filter((i) => i.state === 'upcoming').slice(0, Math.max(1, 3 - urgent.length));
  return [...urgent, ...upcoming];
}

/** Payments the plan counted, newest first: the day received, the amount, and the installments it paid. */
function ReceivedList({ items, t, locale, date, testId }: { items: PlanProgressDto['received']; t: Translate; locale: string; date: (iso: string) => string; testId?: string }) {
  const list = new Intl.ListFormat(locale, { style: 'narrow', type: 'conjunction' });
  return (
    <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid={testId}>
      {items.map((p, k) => (
        <li key={k} className="flex items-baseline justify-between gap-3 p-3">
          <span>
            {date(p.receivedOn)}
            {p.installments.length > 0 ? (
              <span className="block text-xs text-slate-600">
                {list.format(installmentRuns(p.installments).map(([from, to]) => (from === to ? (from === 0 ? t('downPayment') : t('installmentN', { n: from })) : t('installmentRange', { from, to }))))}
              </span>
            ) : null}
          </span>
          <span className="font-semibold">{formatMoney(p.amount, locale)}</span>
        </li>
      ))}
    </ul>
  );
}

export function PlanStatusNotice({ plan, t, locale, date }: Props) {
  const money = (fen: number) => formatMoney(fen, locale);
  if (plan.status === 'completed') {
    const certificate = plan.documents.find((d) => d.kind === 'settlement_certificate' && !d.withdrawn);
    return (
      <Notice>
        <p className="font-semibold">{t('completed', { date: date(plan.completedAt!.slice(0, 10)) })}</p>
        {certificate ? (
          <a href={`/api/plan-documents/${certificate.id}`} className="mt-2 inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
            {t('certificateDownload')}
          </a>
        ) : null}
      </Notice>
    );
  }
  if (plan.breach) {
    return (
      <Notice tone="error">
        <p className="font-semibold">{t('breachedTitle')}</p>
        <p className="mt-1">{t('breachedBody', { misses: plan.breachMisses })}</p>
        {plan.breach.waiver === 'lost' ? <p className="mt-1">{t('waiverLost', { waived: money(plan.breach.waived), paid: money(plan.totals.paid) })}</p> : null}
        {plan.breach.waiver === 'lost' && plan.breach.owedUnderContract !== null ? <p className="mt-1 font-semibold">{t('owedUnderContract', { amount: money(plan.breach.owedUnderContract) })}</p> : null}
        {plan.breach.waiver === 'kept' ? <p className="mt-1">{t('waiverKept', { waived: money(plan.breach.waived) })}</p> : null}
        <p className="mt-1">{t('breachedNext')}</p>
      </Notice>
    );
  }
  // A certificate the borrower may still hold, withdrawn when the payment that paid the plan off was reversed.
  const withdrawn = plan.documents.findLast((d) => d.kind === 'settlement_certificate' && d.withdrawn);
  if (withdrawn?.withdrawn) {
    return (
      <Notice tone="error">
        <p className="font-semibold" data-testid="certificate-withdrawn">
          {t('certificateWithdrawn', { documentNo: withdrawn.documentNo, date: date(withdrawn.withdrawn.on), reason: withdrawn.withdrawn.reason })}
        </p>
        <p className="mt-1">{t('certificateWithdrawnNext')}</p>
      </Notice>
    );
  }
  return null;
}

/** The next payment and the totals: what the home page shows of a plan. */
export function PlanSummary({ plan, t, locale, date }: Props) {
  const money = (fen: number) => formatMoney(fen, locale);
  const next = plan.next;
  const overdue = next && next.graceEnds < plan.today;
  const asked = askedNow(plan);
  const dueCount = plan.installments.filter((i) => i.dueDate <= plan.today && i.outstanding > 0).length;
  // Once a breach has ended the plan and its relief with it, the plan's own figures are no longer what is owed: the
  // notice above says what the loan contract claims, and only what was paid under the plan is shown here (not what it
  // left, was overdue, or did not charge).
  const planOwed = plan.status !== 'breached' || plan.breach?.waiver !== 'lost';
  return (
    <div className="flex flex-col gap-3">
      {next && asked && plan.status === 'active' ? (
        <div className={cn('rounded-lg p-3', overdue ? 'bg-danger-50 text-danger-700' : 'bg-brand-50 text-brand-800')}>
          <p className="text-sm">{overdue ? t('nextOverdue') : next.dueDate === plan.today ? t('nextToday') : next.dueDate < plan.today ? t('nextInGrace') : t('nextLabel')}</p>
          {/* With more than one installment due, their total (askedNow). */}
          <p className="text-2xl font-bold">{money(asked.amount)}</p>
          {asked.several ? <p className="text-sm font-semibold">{t('dueSeveral', { count: dueCount })}</p> : null}
          <p className="text-sm">{t('nextOn', { date: date(next.dueDate), grace: date(next.graceEnds) })}</p>
        </div>
      ) : null}
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-600">{t('paid')}</dt>
        <dd className="font-semibold">{money(plan.totals.paid)}</dd>
        {planOwed ? (
          <>
            <dt className="text-slate-600">{t('left')}</dt>
            <dd className="font-semibold">{money(plan.totals.remaining)}</dd>
          </>
        ) : null}
        {planOwed && plan.totals.overdue > 0 ? (
          <>
            <dt className="text-slate-600">{t('overdue')}</dt>
            <dd className="font-semibold text-danger-700">{money(plan.totals.overdue)}</dd>
          </>
        ) : null}
        {plan.totals.excess > 0 ? (
          <>
            <dt className="text-slate-600">{t('paidAbove')}</dt>
            <dd className="font-semibold">{money(plan.totals.excess)}</dd>
          </>
        ) : null}
        {/* The interest the plan did not charge is the plan's arithmetic, gone with it when the contract applies again. */}
        {planOwed && plan.totals.interestCancelled > 0 ? (
          <>
            <dt className="text-slate-600">{t('interestSaved')}</dt>
            <dd className="font-semibold">{money(plan.totals.interestCancelled)}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t('progress')}</dt>
        <dd>{t('progressCount', { paid: plan.installments.filter((i) => i.outstanding === 0).length, total: plan.installments.length })}</dd>
      </dl>
      {/* "Paid in all" is what the plan took; anything above it is the borrower's money, and they are told what becomes of it. */}
      {plan.totals.excess > 0 ? (
        <p className="text-sm text-slate-700">
          {plan.totals.excessLeft > 0
            ? t('excessNote', { excess: money(plan.totals.excess), refunded: money(plan.totals.excess - plan.totals.excessLeft), left: money(plan.totals.excessLeft), phone: plan.howToPay.servicePhone })
            : t('excessRefunded', { excess: money(plan.totals.excess) })}
        </p>
      ) : null}
    </div>
  );
}

/** The whole plan: the case and loan pages. */
export function PlanView(props: Props) {
  const { plan, t, locale, date, headingLevel = 2 } = props;
  const money = (fen: number) => formatMoney(fen, locale);
  const H = `h${headingLevel}` as 'h2';
  const Sub = `h${headingLevel + 1}` as 'h3';
  const account = plan.howToPay.account;
  const en = locale === 'en';
  const addendum = plan.documents.find((d) => d.kind === 'delay_addendum');
  return (
    <>
      <Card aria-labelledby="plan-heading">
        <H id="plan-heading" className="text-lg font-semibold">
          {t('title')}
        </H>
        <p className="text-sm text-slate-700">{t('agreement', { agreementNo: plan.agreementNo, date: date(plan.agreementDate) })}</p>
        <div className="mt-3 flex flex-col gap-3">
          <PlanStatusNotice {...props} />
          <PlanSummary {...props} />
          {/* Beside the installments it explains (the home page's summary has none). */}
          {plan.totals.interestCancelled > 0 && plan.status === 'active' ? <p className="text-sm text-slate-700">{t('interestSavedNote', { amount: money(plan.totals.interestCancelled) })}</p> : null}
          {plan.status === 'active' && plan.totals.settleToday < plan.totals.remaining ? <p className="text-sm text-slate-700">{t('settleToday', { amount: money(plan.totals.settleToday) })}</p> : null}
        </div>
      </Card>

      {plan.status === 'active' && plan.delay.offered ? (
        <Card aria-labelledby="delay-heading">
          <H id="delay-heading" className="text-lg font-semibold">
            {t('delayTitle')}
          </H>
          {plan.delay.used ? (
            <p className="mt-1 text-sm">{t('delayUsed', { from: date(plan.delay.used.fromDate), to: date(plan.delay.used.toDate), days: plan.delay.used.days })}</p>
          ) : plan.delay.available ? (
            <>
              <p className="mt-1 text-sm">{t('delayOffer', { days: plan.delay.maxDays })}</p>
              <a href={`/cases/${plan.caseId}/delay`} className="mt-2 inline-flex min-h-11 items-center rounded-lg border border-brand-600 bg-white px-4 font-medium text-brand-700">
                {t('delayLink')}
              </a>
            </>
          ) : (
            <p className="mt-1 text-sm">{t('delayUnavailable')}</p>
          )}
          {addendum ? (
            <a href={`/api/plan-documents/${addendum.id}`} className="mt-2 block text-sm text-brand-700 underline">
              {t('addendumDownload')}
            </a>
          ) : null}
        </Card>
      ) : null}

      {plan.status === 'active' ? (
        <Card aria-labelledby="pay-heading">
          <H id="pay-heading" className="text-lg font-semibold">
            {t('howToPay')}
          </H>
          {account ? (
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">{t('bank')}</dt>
              <dd>{account.bankName}</dd>
              <dt className="text-slate-600">{t('accountName')}</dt>
              <dd>{account.accountName}</dd>
              <dt className="text-slate-600">{t('accountNo')}</dt>
              <dd className="font-mono text-base font-semibold" data-testid="account-no">
                {accountNumberGroups(account.accountNo).map((group, i) => (
                  <Fragment key={i}>
                    {i ? ' ' : null}
                    <span className="whitespace-nowrap">{group}</span>
                  </Fragment>
                ))}
              </dd>
              <dt className="text-slate-600">{t('reference')}</dt>
              <dd className="font-mono text-base font-semibold" data-testid="transfer-reference">
                {plan.howToPay.contractNo}
              </dd>
            </dl>
          ) : (
            <p className="mt-1 text-sm">{t('noAccount')}</p>
          )}
          {account && (en ? account.noteEn : account.note) ? <p className="mt-2 text-sm">{en ? account.noteEn : account.note}</p> : null}
          <p className="mt-2 text-sm text-slate-700">{t('payHint', { phone: plan.howToPay.servicePhone })}</p>
        </Card>
      ) : null}

      <section aria-labelledby="plan-schedule-heading" className="flex flex-col gap-2">
        <Sub id="plan-schedule-heading" className="text-xl font-semibold">
          {t('scheduleTitle')}
        </Sub>
        {/* What needs attention first (missed, due, the next ones), the whole schedule one tap away: a long plan is many rows. */}
        <ul className="flex flex-col gap-2" aria-label={t(plan.breach ? 'missedList' : 'comingUp')}>
          {firstToShow(plan).map((i) => (
            <li key={i.seq} className={cn('rounded-lg border bg-white p-3 text-sm', i.state === 'missed' ? 'border-red-200' : 'border-slate-200')}>
              <p className="flex items-baseline justify-between gap-2">
                <span className="font-semibold">{i.seq === 0 ? t('downPayment') : t('installmentN', { n: i.seq })}</span>
                <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', stateTone[i.state])}>{t(`state.${i.state}`)}</span>
              </p>
              <dl className="mt-1 grid grid-cols-2 gap-x-3">
                <dt className="text-slate-600">{t('dueDate')}</dt>
                <dd>
                  {date(i.dueDate)}
                  {i.delayedFrom ? <span className="block text-xs text-slate-700">{t('movedFrom', { date: date(i.delayedFrom) })}</span> : null}
                </dd>
                <dt className="text-slate-600">{t('amount')}</dt>
                <dd>{money(i.amount - i.interestCancelled)}</dd>
                {i.paid > 0 && i.outstanding > 0 ? (
                  <>
                    <dt className="text-slate-600">{t('paidPart')}</dt>
                    <dd>{money(i.paid)}</dd>
                    <dt className="text-slate-600">{t('stillOwed')}</dt>
                    <dd className="font-semibold">{money(i.outstanding)}</dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
        <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-700">{t('allInstallments', { count: plan.installments.length })}</summary>
          <table className="w-full text-left">
            <caption className="sr-only">{t('scheduleTitle')}</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1 pr-2">{t('dueDate')}</th>
                <th scope="col" className="py-1 pr-2 text-right">{t('amount')}</th>
                <th scope="col" className="py-1">{t('stateHeading')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.installments.map((i) => (
                <tr key={i.seq} className="border-b border-slate-100">
                  <td className="py-1 pr-2">
                    <span className="block text-xs text-slate-600">{i.seq === 0 ? t('downPayment') : t('installmentN', { n: i.seq })}</span>
                    {date(i.dueDate)}
                  </td>
                  <td className="py-1 pr-2 text-right">{money(i.amount - i.interestCancelled)}</td>
                  <td className="py-1">{plan.breach && (i.state === 'upcoming' || i.state === 'due') ? t('stateEnded') : t(`state.${i.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
        {plan.breach ? null : <p className="text-sm text-slate-700">{t('graceNote', { days: plan.graceDays, misses: plan.breachMisses })}</p>}
      </section>

      <section aria-labelledby="plan-received-heading" className="flex flex-col gap-2">
        <Sub id="plan-received-heading" className="text-xl font-semibold">
          {t('receivedTitle')}
        </Sub>
        {plan.received.length === 0 ? (
          <p className="text-sm text-slate-700">{t('receivedNone')}</p>
        ) : (
          <>
            <ReceivedList items={plan.received.slice(0, 3)} t={t} locale={locale} date={date} testId="plan-received" />
            {plan.received.length > 3 ? (
              <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-700">{t('receivedAll', { count: plan.received.length })}</summary>
                <ReceivedList items={plan.received} t={t} locale={locale} date={date} />
              </details>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
