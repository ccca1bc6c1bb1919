import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { cn } from '@/components/ui/cn';
import { formatMoney } from '@/lib/domain/money';
import { formatDay } from '@/lib/i18n/days';
import { fenToInput } from '@/lib/validation/fields';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { contactRuleName } from '@/lib/i18n/contact-rule';
import type { StaffPlanDto } from '@/lib/server/plans/plan-progress';
import { openMediationStates, type CaseState } from '@/lib/domain/case-state';
import { RefundForm, ReversePaymentForm } from './plan-forms';

/**
 * The repayment plan on the case file (issue 17): its progress as the borrower sees it, every payment with where it
 * went, corrections and refunds, and the reminders and contacts since the plan started; renders nothing before the
 * agreement is executed. New payments are recorded from the case file's action bar.
 */
export async function PlanSection({ plan, canAct, caseState }: { plan: StaffPlanDto | null; canAct: boolean; caseState: CaseState }) {
  if (!plan) return null;
  const [t, tCase, tState, format, locale] = await Promise.all([getTranslations('staffPlan'), getTranslations('staffCaseFile'), getTranslations('staffCaseState'), getFormatter(), getLocale()]);
  const money = (fen: number) => formatMoney(fen, locale);
  const date = (iso: string) => formatDay(iso, locale);
  const time = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const open = plan.status === 'active';
  // After a breach whose relief falls away, the loan contract's claim (in the notice) replaces the plan's balance.
  const planOwed = plan.breach?.waiver !== 'lost';
  const stat = (label: string, value: string, tone?: string) => (
    <div className="rounded-lg bg-slate-50 p-3">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={cn('text-lg font-semibold', tone)}>{value}</dd>
    </div>
  );
  return (
    <ClientMessages namespaces={['staffPlan']}>
      <Card aria-labelledby="staff-plan-heading" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="staff-plan-heading" className="text-xl font-semibold">
            {t('title')}
          </h2>
          <p className="text-sm text-slate-700">
            {t('agreement', { agreementNo: plan.agreementNo, date: date(plan.agreementDate) })} · <span className="font-semibold">{t(`status.${plan.status}`)}</span>
          </p>
        </div>
        {plan.breach ? (
          <Notice tone="error">
            <p className="font-semibold">{t('breached', { date: time(plan.breach.at), misses: plan.breachMisses })}</p>
            <p>{t(`waiver.${plan.breach.waiver}`, { waived: money(plan.breach.waived), paid: money(plan.totals.paid) })}</p>
            {plan.breach.owedUnderContract !== null ? <p className="font-semibold">{t('owedUnderContract', { amount: money(plan.breach.owedUnderContract) })}</p> : null}
            {/* What is left to decide: nothing once the case has moved on (a new offer, escalated, closed). */}
            {caseState === 'breached' ? <p>{t('breachDecision')}</p> : openMediationStates.includes(caseState) ? <p>{t('breachRenegotiating', { state: tState(caseState) })}</p> : null}
          </Notice>
        ) : null}
        {plan.status === 'completed' ? <Notice>{t('completed', { date: time(plan.completedAt!) })}</Notice> : null}
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-3">
          {stat(t('next'), plan.next && open ? `${date(plan.next.dueDate)} · ${money(plan.next.outstanding)}` : '—')}
          {stat(t('paid'), money(plan.totals.paid))}
          {stat(t('remaining'), planOwed ? money(plan.totals.remaining) : '—')}
          {stat(t('overdue'), planOwed ? money(plan.totals.overdue) : '—', planOwed && plan.totals.overdue ? 'text-danger-700' : undefined)}
          {stat(t('misses'), t('missesOf', { n: plan.consecutiveMisses, max: plan.breachMisses }), plan.consecutiveMisses ? 'text-danger-700' : undefined)}
          {stat(t('settleToday'), open ? money(plan.totals.settleToday) : '—')}
          {plan.totals.interestCancelled > 0 ? stat(t('interestCancelled'), money(plan.totals.interestCancelled)) : null}
        </dl>
        {plan.totals.excess > 0 ? (
          <Notice tone="warn">
            <p className="font-semibold">{t('excess', { excess: money(plan.totals.excess), left: money(plan.totals.excessLeft) })}</p>
            {canAct && plan.totals.excessLeft > 0 ? (
              <div className="mt-2">
                <RefundForm caseId={plan.caseId} today={plan.today} max={fenToInput(plan.totals.excessLeft)} />
              </div>
            ) : null}
          </Notice>
        ) : null}
        <p className="text-sm text-slate-700">
          {t('rules', { grace: plan.graceDays, misses: plan.breachMisses })}{' '}
          {plan.delay.used ? t('delayUsed', { from: date(plan.delay.used.fromDate), to: date(plan.delay.used.toDate), at: time(plan.delay.used.at) }) : plan.delay.available ? t('delayNotUsed', { days: plan.delay.maxDays }) : null}
        </p>

        {/* A long plan is many rows: open by default only when short. */}
        <details open={plan.installments.length <= 12}>
          <summary className="min-h-11 cursor-pointer py-2 font-semibold">{t('installmentsSummary', { count: plan.installments.length, paid: plan.installments.filter((i) => i.outstanding === 0).length, missed: plan.installments.filter((i) => i.state === 'missed').length })}</summary>
          <DataTable
            caption={t('installments')}
            columns={[
              { id: 'seq', header: t('col.seq') },
              { id: 'due', header: t('col.due') },
              { id: 'amount', header: t('col.amount'), align: 'right' },
              { id: 'paid', header: t('col.paid'), align: 'right' },
              { id: 'outstanding', header: t('col.outstanding'), align: 'right' },
              { id: 'state', header: t('col.state') },
            ]}
            rows={plan.installments.map((i) => ({
              id: String(i.seq),
              cells: {
                seq: i.seq === 0 ? t('down') : i.seq,
                due: (
                  <>
                    {date(i.dueDate)}
                    {i.delayedFrom ? <span className="block text-xs text-slate-700">{t('movedFrom', { date: date(i.delayedFrom) })}</span> : null}
                  </>
                ),
                amount: money(i.amount - i.interestCancelled),
                paid: money(i.paid),
                outstanding: money(i.outstanding),
                state: (
                  <span className={cn(i.state === 'missed' && 'font-semibold text-danger-700')}>
                    {t(`state.${i.state}`)}
                    {i.paidOn ? <span className="block text-xs font-normal text-slate-700">{t('paidOn', { date: date(i.paidOn) })}</span> : null}
                  </span>
                ),
              },
            }))}
          />
        </details>

        <DataTable
          caption={t('payments')}
          captionVisible
          empty={t('noPayments')}
          columns={[
            { id: 'received', header: t('col.received') },
            { id: 'amount', header: t('col.amount'), align: 'right' },
            { id: 'reference', header: t('col.channelReference') },
            { id: 'allocation', header: t('col.allocation') },
            { id: 'recorded', header: t('col.recorded'), className: 'text-xs' },
            { id: 'actions', header: <span className="sr-only">{t('col.actions')}</span>, className: 'whitespace-nowrap' },
          ]}
          rows={plan.payments.map((p) => ({
            id: p.id,
            className: p.reversal ? 'text-slate-500' : undefined,
            cells: {
              received: date(p.receivedOn),
              amount: <span className={cn('font-medium', p.reversal && 'line-through')}>{money(p.amount)}</span>,
              reference: (
                <>
                  {t(`channels.${p.channel}`)}
                  <span className="block font-mono text-xs">{p.reference}</span>
                  {p.note ? <span className="block text-xs">{p.note}</span> : null}
                </>
              ),
              allocation: p.reversal ? (
                <span>{t('reversed', { reason: p.reversal.reason, by: p.reversal.by ?? '—', at: time(p.reversal.at) })}</span>
              ) : (
                <ul>
                  {/* What the payment paid of each installment, and apart from it, interest paid ahead that came back. */}
                  {p.allocations.flatMap((a) => {
                    const interest = Math.max(0, a.interest);
                    const paid = a.charges + interest + a.principal;
                    return [
                      paid > 0 ? (
                        <li key={a.seq}>{t('allocation', { seq: a.seq === 0 ? t('down') : String(a.seq), total: money(paid), charges: money(a.charges), interest: money(interest), principal: money(a.principal) })}</li>
                      ) : null,
                      a.interest < 0 ? <li key={`${a.seq}-back`}>{t('allocationBack', { seq: String(a.seq), amount: money(-a.interest) })}</li> : null,
                    ];
                  })}
                  {p.excess > 0 ? <li className="font-semibold text-warn-800">{t('paymentExcess', { amount: money(p.excess) })}</li> : null}
                </ul>
              ),
              recorded: (
                <>
                  {t(`source.${p.source}`)}
                  {p.recordedBy ? ` · ${p.recordedBy}` : ''}
                  <span className="block">{time(p.recordedAt)}</span>
                </>
              ),
              actions: canAct && !p.reversal ? <ReversePaymentForm caseId={plan.caseId} paymentId={p.id} label={`${date(p.receivedOn)} ${money(p.amount)} ${p.reference}`} undoesCompletion={p.undoesCompletion} /> : null,
            },
          }))}
        />
        {plan.refunds.length ? (
          <ul className="text-sm">
            {plan.refunds.map((r) => (
              <li key={r.id}>{t('refund', { amount: money(r.amount), date: date(r.refundedOn), reference: r.reference, by: r.recordedBy ?? '—' })}</li>
            ))}
          </ul>
        ) : null}

        <section aria-labelledby="plan-documents-heading">
          <h3 id="plan-documents-heading" className="font-semibold">
            {t('documents')}
          </h3>
          {plan.documents.length === 0 ? <p className="text-sm text-slate-700">{t('noDocuments')}</p> : null}
          <ul className="text-sm">
            {plan.documents.map((d) => (
              <li key={d.id}>
                <a href={`/api/plan-documents/${d.id}`} className="text-brand-700 underline">
                  {t(`documentKind.${d.kind}`)} {d.documentNo}
                </a>{' '}
                · {t('code', { code: d.verificationCode })} · {time(d.issuedAt)}
                {d.withdrawn ? (
                  <span className="font-medium text-danger-700">
                    {' '}
                    · {t('withdrawn', { date: time(d.withdrawn.at), reason: d.withdrawn.reason })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="plan-activity-heading">
          <h3 id="plan-activity-heading" className="font-semibold">
            {t('activity')}
          </h3>
          {plan.activity.length === 0 ? <p className="text-sm text-slate-700">{t('noActivity')}</p> : null}
          <ol className="text-sm">
            {plan.activity.map((a, i) => (
              <li key={i} className="border-b border-slate-100 py-1">
                <span className="text-slate-700">{time(a.at)}</span> · {t(`activityChannel.${a.channel}`)} · {t.has(`template.${a.what}`) ? t(`template.${a.what}`) : a.what} · {t.has(`activityStatus.${a.status}`) ? t(`activityStatus.${a.status}`) : a.status}
                {a.blockedRule ? ` (${contactRuleName(tCase, a.blockedRule)})` : ''}
              </li>
            ))}
          </ol>
        </section>
      </Card>
    </ClientMessages>
  );
}
