import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { agreements, caseOutcomes, cases, loans, planDocumentWithdrawals, planInstallments, staffUsers } from '@/db/schema';
import { formatMoney } from '@/lib/domain/money';
import type { PlanInstallmentState, PlanResult } from '@/lib/domain/plan';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { queueNotification, type TemplateValue } from '../notifications';
import { notifyBorrower } from '../notify-borrower';
import { recordOutcomeTx } from '../outcomes/record-outcome';
import { staffServing } from '../staff-scope';
import { refreshOverdueSince } from '../loans/loan-history';
import { planState, planToday, type LoadedPlan } from './load-plan';
import { issuePlanDocument, type SealDeps } from './plan-documents';
import { putLoanUnderAgreement, putLoanUnderContract } from './start-plan';

export type SyncOutcome = {
  result: PlanResult;
  missed: number[];
  missesUndone: number[];
  breached: boolean;
  breachWithdrawn: boolean;
  completed: boolean;
};

const storedStatus = (state: PlanInstallmentState, paid: number): (typeof planInstallments.$inferSelect)['status'] => {
  if (state === 'paid' || state === 'paid_late') return 'paid';
  if (state === 'missed') return 'missed';
  return paid > 0 ? 'partially_paid' : 'scheduled';
};

/**
 * Brings a plan's stored state up to date with its payments on the day of `now`, in the caller's transaction (the
 * case row locked by the caller): every change of state is recorded once, so running it again, or from two workers,
 * does nothing more (idempotent). It is the one place where a plan changes state, whoever triggered it: a payment
 * recorded, imported or reversed, the delay, or the daily job.
 *
 * - Installments: paid so far, state, the day paid in full. A newly missed installment is recorded (audited) and the
 *   borrower reminded; a miss that a back-dated payment shows never happened is cleared and audited.
 * - Breach: the agreement's consecutive misses break the plan: plan_breached_at, the case reopened for a mediator's
 *   decision (state `breached`), and both sides told (the borrower by a mandatory notice, which still obeys the
 *   hours). If a back-dated payment shows it never happened while the case still awaits that decision, it is
 *   withdrawn, and both sides told.
 * - Paid in full: plan_completed_at, the loan repaid, the case closed with the outcome "paid in full", and the
 *   settlement certificate issued.
 */
export async function syncPlan(tx: Executor, ctx: Ctx, plan: LoadedPlan, now: Date, deps?: SealDeps): Promise<SyncOutcome> {
  const today = planToday(plan, now);
  const result = planState(plan, today);
  const outcome: SyncOutcome = { result, missed: [], missesUndone: [], breached: false, breachWithdrawn: false, completed: false };
  const bySeq = new Map(result.installments.map((r) => [r.seq, r]));
  const open = plan.kase.state === 'plan_active' && !plan.agreement.planCompletedAt;

  for (const row of plan.installments) {
    const r = bySeq.get(row.seq)!;
    const status = storedStatus(r.state, r.paidTotal);
    const missedAt = r.missed ? (row.missedAt ?? now) : null;
    if (r.missed && !row.missedAt) outcome.missed.push(row.seq);
    if (!r.missed && row.missedAt) outcome.missesUndone.push(row.seq);
    if (row.paidAmount !== r.paidTotal || row.status !== status || row.paidOn !== r.paidOn || (row.missedAt === null) !== (missedAt === null)) {
      await tx.update(planInstallments).set({ paidAmount: r.paidTotal, status, paidOn: r.paidOn, missedAt }).where(eq(planInstallments.id, row.id));
      Object.assign(row, { paidAmount: r.paidTotal, status, paidOn: r.paidOn, missedAt });
    }
  }
  const entity = { entityType: 'agreement', entityId: plan.agreement.id };
  for (const seq of outcome.missed) {
    const r = bySeq.get(seq)!;
    await recordAudit(tx, ctx, { action: 'plan.installment_missed', ...entity, data: { seq, dueDate: r.dueDate, graceEnds: r.graceEnds, outstanding: r.outstanding, asOf: today } });
  }
  for (const seq of outcome.missesUndone) {
    await recordAudit(tx, ctx, { action: 'plan.miss_withdrawn', ...entity, data: { seq, paidOn: bySeq.get(seq)!.paidOn, reason: 'a payment dated within the grace period' } });
  }

  // The loan's days past due as the queue counts them, from the payments as they now stand.
  await refreshOverdueSince(tx, plan.kase.loanId, today);

  const money = (fen: number) => formatMoney(fen, plan.borrower.locale === 'en' ? 'en' : 'zh-CN');
  const notify = (template: Parameters<typeof notifyBorrower>[1]['template'], values: Record<string, TemplateValue>, mandatory = false) =>
    notifyBorrower(tx, { caseId: plan.kase.id, creditorId: plan.kase.creditorId, borrowerId: plan.kase.borrowerId, template, values, mandatory, now });

  if (open && result.breachedOn && !plan.agreement.planBreachedAt) {
    await breach(tx, ctx, plan, result, now, money, notify);
    outcome.breached = true;
  } else if (!result.breachedOn && plan.agreement.planBreachedAt && plan.kase.state === 'breached') {
    await withdrawBreach(tx, ctx, plan, now, notify);
    outcome.breachWithdrawn = true;
  } else if (open && outcome.missed.length) {
    // A missed installment (without a breach): the borrower is reminded, with what it takes to catch up.
    const latest = bySeq.get(outcome.missed.at(-1)!)!;
    await notify('planInstallmentMissed', { seq: latest.seq, amount: money(result.totals.overdue), dueDate: { day: latest.dueDate }, graceEnds: { day: latest.graceEnds }, left: Math.max(0, plan.rules.breachConsecutiveMisses - result.consecutiveMisses) });
  }

  if (open && !outcome.breached && result.completedOn) {
    await complete(tx, ctx, plan, result, now, deps);
    outcome.completed = true;
  }
  return outcome;
}

/** The plan's case to another state, audited; back to tracking the plan, it is no longer closed. */
async function moveCaseOfPlan(tx: Executor, ctx: Ctx, plan: LoadedPlan, to: 'breached' | 'plan_active', now: Date) {
  await tx
    .update(cases)
    .set({ state: to, ...(to === 'plan_active' ? { closedAt: null } : {}), version: sql`${cases.version} + 1`, updatedAt: now })
    .where(eq(cases.id, plan.kase.id));
  await recordAudit(tx, ctx, { action: 'case.state_changed', entityType: 'case', entityId: plan.kase.id, data: { from: plan.kase.state, to } });
  plan.kase.state = to;
}

type Notify = (template: 'planBreached' | 'planBreachWithdrawn', values: Record<string, TemplateValue>, mandatory?: boolean) => Promise<unknown>;

async function staffToTell(tx: Executor, plan: LoadedPlan) {
  if (plan.kase.assigneeId) return tx.select().from(staffUsers).where(and(eq(staffUsers.id, plan.kase.assigneeId), eq(staffUsers.active, true)));
  return tx.select().from(staffUsers).where(and(staffServing(plan.kase.creditorId, staffUsers.creditorId), eq(staffUsers.role, 'supervisor'), eq(staffUsers.active, true)));
}

async function breach(tx: Executor, ctx: Ctx, plan: LoadedPlan, result: PlanResult, now: Date, money: (fen: number) => string, notify: Notify) {
  const { snapshot } = plan;
  const relief = snapshot.priced.waived.total > 0 || Boolean(snapshot.terms.relief?.rateReduction);
  const waiver = !relief ? 'none' : snapshot.policy.waiverFallsAwayOnBreach ? 'lost' : 'kept';
  await tx.update(agreements).set({ planBreachedAt: now }).where(eq(agreements.id, plan.agreement.id));
  plan.agreement.planBreachedAt = now;
  await putLoanUnderContract(tx, plan.kase.loanId, snapshot);
  await moveCaseOfPlan(tx, ctx, plan, 'breached', now);
  await recordAudit(tx, ctx, {
    action: 'plan.breached',
    entityType: 'agreement',
    entityId: plan.agreement.id,
    data: { breachedOn: result.breachedOn, consecutiveMisses: result.consecutiveMisses, overdue: result.totals.overdue, paid: result.totals.paid, waiver, waived: snapshot.priced.waived.total },
  });
  const values = { agreementNo: snapshot.agreementNo, misses: result.consecutiveMisses, waiver, waived: money(snapshot.priced.waived.total), paid: money(result.totals.paid), servicePhone: snapshot.creditor.servicePhone };
  await notify('planBreached', values, true);
  for (const staff of await staffToTell(tx, plan)) {
    await queueNotification(tx, { channel: 'email', recipientType: 'staff', recipientId: staff.id, toAddress: staff.email, template: 'planBreached', locale: 'zh-CN', values: { ...values, caseNo: plan.kase.caseNo }, caseId: plan.kase.id });
  }
}

async function withdrawBreach(tx: Executor, ctx: Ctx, plan: LoadedPlan, now: Date, notify: Notify) {
  await tx.update(agreements).set({ planBreachedAt: null }).where(eq(agreements.id, plan.agreement.id));
  plan.agreement.planBreachedAt = null;
  await putLoanUnderAgreement(tx, plan.kase.loanId, plan.snapshot);
  await moveCaseOfPlan(tx, ctx, plan, 'plan_active', now);
  await recordAudit(tx, ctx, { action: 'plan.breach_withdrawn', entityType: 'agreement', entityId: plan.agreement.id, data: { reason: 'a payment dated before the miss' } });
  const values = { agreementNo: plan.snapshot.agreementNo, caseNo: plan.kase.caseNo };
  await notify('planBreachWithdrawn', values);
  for (const staff of await staffToTell(tx, plan)) {
    await queueNotification(tx, { channel: 'email', recipientType: 'staff', recipientId: staff.id, toAddress: staff.email, template: 'planBreachWithdrawn', locale: 'zh-CN', values, caseId: plan.kase.id });
  }
}

async function complete(tx: Executor, ctx: Ctx, plan: LoadedPlan, result: PlanResult, now: Date, deps?: SealDeps) {
  await tx.update(agreements).set({ planCompletedAt: now }).where(eq(agreements.id, plan.agreement.id));
  plan.agreement.planCompletedAt = now;
  await tx.update(loans).set({ status: 'repaid' }).where(eq(loans.id, plan.kase.loanId));
  const counted = result.payments.filter((p) => p.allocated > 0);
  const certificate = await issuePlanDocument(
    tx,
    plan,
    {
      kind: 'settlement_certificate',
      totalPaid: result.totals.paid,
      payments: counted.length,
      firstPaymentOn: counted[0]?.receivedOn ?? null,
      completedOn: result.completedOn!,
      interestCancelled: result.totals.interestCancelled,
      excess: result.totals.excess,
    },
    now,
    deps,
  );
  await recordAudit(tx, ctx, {
    action: 'plan.completed',
    entityType: 'agreement',
    entityId: plan.agreement.id,
    data: { completedOn: result.completedOn, paid: result.totals.paid, excess: result.totals.excess, interestCancelled: result.totals.interestCancelled, certificate: certificate.documentNo, sha256: certificate.sha256 },
  });
  // The case closes with the outcome "paid in full" (issue 15's outcome service moves it to `completed`).
  const { state } = await recordOutcomeTx(tx, ctx, plan.kase, { outcome: 'paid_in_full', amountRecovered: result.totals.paid }, now);
  plan.kase.state = state;
  plan.documents.push({ ...certificate, withdrawal: null });
  await notifyBorrower(tx, { caseId: plan.kase.id, creditorId: plan.kase.creditorId, borrowerId: plan.kase.borrowerId, template: 'planCompleted', values: { agreementNo: plan.snapshot.agreementNo }, now });
}

/**
 * The payment that paid the plan off is reversed (a bounced transfer, a payment of another loan): the plan is not paid
 * off after all. Undoes `complete` in the caller's transaction, before the plan is synced again without the payment:
 * the settlement certificate is withdrawn (it stays on record, and /verify says it was withdrawn), the outcome "paid in
 * full" is superseded, the loan is under its restructuring again, and the case tracks the plan again. The borrower is
 * told, as a mandatory notice: a certificate they may have shown someone no longer holds.
 */
export async function withdrawCompletion(tx: Executor, ctx: Ctx, staffId: string, plan: LoadedPlan, payment: { amount: number; receivedOn: string }, reason: string, now: Date) {
  await tx.update(agreements).set({ planCompletedAt: null }).where(eq(agreements.id, plan.agreement.id));
  plan.agreement.planCompletedAt = null;
  // The certificate in force (issued and not withdrawn): withdrawn by a record of its own, the certificate unchanged.
  const withdrawn = plan.documents.filter((d) => d.kind === 'settlement_certificate' && !d.withdrawal);
  for (const document of withdrawn) {
    const [withdrawal] = await tx.insert(planDocumentWithdrawals).values({ documentId: document.id, reason, withdrawnById: staffId, withdrawnAt: now }).returning();
    document.withdrawal = withdrawal!;
  }
  await tx.update(loans).set({ status: 'restructured' }).where(eq(loans.id, plan.kase.loanId));
  const superseded = await tx
    .update(caseOutcomes)
    .set({ supersededAt: now, supersededBy: staffId, supersededReason: `payment reversed: ${reason}` })
    .where(and(eq(caseOutcomes.caseId, plan.kase.id), isNull(caseOutcomes.supersededAt)))
    .returning({ id: caseOutcomes.id, outcome: caseOutcomes.outcome });
  await moveCaseOfPlan(tx, ctx, plan, 'plan_active', now);
  await recordAudit(tx, ctx, {
    action: 'plan.completion_withdrawn',
    entityType: 'agreement',
    entityId: plan.agreement.id,
    data: { reason, payment, certificates: withdrawn.map((d) => d.documentNo), outcomeId: superseded[0]?.id ?? null, earlierOutcome: superseded[0]?.outcome ?? null },
  });
  const money = formatMoney(payment.amount, plan.borrower.locale === 'en' ? 'en' : 'zh-CN');
  await notifyBorrower(tx, {
    caseId: plan.kase.id,
    creditorId: plan.kase.creditorId,
    borrowerId: plan.kase.borrowerId,
    template: 'planCompletionWithdrawn',
    values: { agreementNo: plan.snapshot.agreementNo, amount: money, receivedOn: { day: payment.receivedOn }, reason, servicePhone: plan.snapshot.creditor.servicePhone },
    mandatory: true,
    now,
  });
}
