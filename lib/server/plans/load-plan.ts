import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { cases } from '@/db/schema';
import { agreements, borrowers, creditors, paymentReversals, payments, planDelays, planDocumentWithdrawals, planDocuments, planInstallments, planRefunds } from '@/db/schema';
import type { AgreementSnapshot } from '@/lib/domain/agreement';
import { todayIn, type IsoDate } from '@/lib/domain/dates';
import { trackPlan, type PlanResult, type PlanRules } from '@/lib/domain/plan';
import type { Actor } from '../actor';
import { parseSnapshot } from '../agreements/snapshot';
import { loadVisibleCase, type CaseAccessOptions } from '../cases/case-access';
import { AppError } from '../errors';

export type CaseRow = typeof cases.$inferSelect;
export type AgreementRow = typeof agreements.$inferSelect;
export type PaymentRecord = typeof payments.$inferSelect & { reversal: typeof paymentReversals.$inferSelect | null };

/** A plan with everything its state depends on: the executed agreement, its installments, payments (reversed ones marked), refunds, the delay and its documents. */
export type LoadedPlan = {
  kase: CaseRow;
  agreement: AgreementRow;
  snapshot: AgreementSnapshot;
  creditor: typeof creditors.$inferSelect;
  borrower: typeof borrowers.$inferSelect;
  installments: (typeof planInstallments.$inferSelect)[];
  payments: PaymentRecord[];
  refunds: (typeof planRefunds.$inferSelect)[];
  delay: typeof planDelays.$inferSelect | null;
  /** With the withdrawal of a settlement certificate whose payment was reversed. */
  documents: PlanDocumentRecord[];
  rules: PlanRules;
};

export type PlanDocumentRecord = typeof planDocuments.$inferSelect & { withdrawal: typeof planDocumentWithdrawals.$inferSelect | null };

/** The agreement's own terms decide how its plan is tracked: what was signed, not today's policy. */
export function planRulesOf(snapshot: AgreementSnapshot, inForceFrom?: IsoDate): PlanRules {
  return {
    // Countersigned after an installment fell due: its grace period runs from the day the agreement came into force.
    ...(inForceFrom ? { inForceFrom } : {}),
    graceDays: snapshot.policy.graceDays,
    breachConsecutiveMisses: Math.max(1, snapshot.policy.breachConsecutiveMisses),
    allocationScope: snapshot.policy.allocationScope ?? 'whole_debt',
    // The first installment's interest runs from the day the accepted offer was priced, or after its hardship pause.
    interestFrom: snapshot.priced.pause?.until ?? snapshot.priced.asOf,
  };
}

/** The day in the borrower's time zone, on which due dates and grace periods are judged. */
export function planToday(plan: LoadedPlan, now: Date) {
  return todayIn(plan.borrower.timezone, now);
}

/** The plan's state on a day, from the payments not reversed. */
export function planState(plan: LoadedPlan, asOf: string): PlanResult {
  return trackPlan(
    plan.installments.map((row) => ({ seq: row.seq, dueDate: row.dueDate, originalDueDate: row.originalDueDate, charges: row.charges, interest: row.interest, principal: row.principal })),
    plan.payments.filter((p) => !p.reversal).map((p) => ({ id: p.id, receivedOn: p.receivedOn, amount: p.amount })),
    plan.rules,
    asOf,
  );
}

/** The case's executed agreement, whose plan is (or was) tracked; null before one is executed. */
async function executedAgreementOf(db: Executor, caseId: string, forUpdate: boolean) {
  const query = db
    .select()
    .from(agreements)
    .where(and(eq(agreements.caseId, caseId), eq(agreements.status, 'executed')))
    .orderBy(desc(agreements.executedAt))
    .limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** Loads the plan of a case already found (and locked, when changing it). */
export async function loadPlanOfCase(db: Executor, kase: CaseRow, options: { forUpdate?: boolean } = {}): Promise<LoadedPlan | null> {
  const agreement = await executedAgreementOf(db, kase.id, options.forUpdate ?? false);
  if (!agreement) return null;
  const snapshot = parseSnapshot(agreement.snapshot, agreement.agreementNo);
  // One after another: inside a transaction the queries share one connection.
  const [creditor] = await db.select().from(creditors).where(eq(creditors.id, kase.creditorId));
  const [borrower] = await db.select().from(borrowers).where(eq(borrowers.id, kase.borrowerId));
  const installments = await db.select().from(planInstallments).where(eq(planInstallments.agreementId, agreement.id)).orderBy(asc(planInstallments.dueDate), asc(planInstallments.seq));
  const paymentRows = await db.select().from(payments).where(eq(payments.agreementId, agreement.id)).orderBy(asc(payments.receivedOn), asc(payments.createdAt), asc(payments.id));
  const refunds = await db.select().from(planRefunds).where(eq(planRefunds.agreementId, agreement.id)).orderBy(asc(planRefunds.createdAt));
  const [delay] = await db.select().from(planDelays).where(eq(planDelays.agreementId, agreement.id));
  const documents = (
    await db
      .select({ document: planDocuments, withdrawal: planDocumentWithdrawals })
      .from(planDocuments)
      .leftJoin(planDocumentWithdrawals, eq(planDocumentWithdrawals.documentId, planDocuments.id))
      .where(eq(planDocuments.agreementId, agreement.id))
      .orderBy(asc(planDocuments.issuedAt))
  ).map((r) => ({ ...r.document, withdrawal: r.withdrawal }));
  const reversals = paymentRows.length ? await db.select().from(paymentReversals).where(inArray(paymentReversals.paymentId, paymentRows.map((p) => p.id))) : [];
  const reversalOf = new Map(reversals.map((r) => [r.paymentId, r]));
  return {
    kase,
    agreement,
    snapshot,
    creditor: creditor!,
    borrower: borrower!,
    installments,
    payments: paymentRows.map((p) => ({ ...p, reversal: reversalOf.get(p.id) ?? null })),
    refunds,
    delay: delay ?? null,
    documents,
    rules: planRulesOf(snapshot, agreement.executedAt ? todayIn(borrower!.timezone, agreement.executedAt) : undefined),
  };
}

/**
 * The plan of a case the actor may see (the case row locked first when changing it: it serialises every change to
 * the case, ADR 0004), else NOT_FOUND; with `act`, one the actor may act on. A case without an executed agreement
 * has no plan: NO_PLAN.
 */
export async function loadVisiblePlan(db: Executor, actor: Actor, caseId: unknown, options: CaseAccessOptions = {}): Promise<LoadedPlan> {
  const kase = await loadVisibleCase(db, actor, caseId, options);
  const plan = await loadPlanOfCase(db, kase, { forUpdate: options.forUpdate });
  if (!plan) throw new AppError('NO_PLAN');
  return plan;
}

/** Whether the plan is still running: executed, neither broken nor paid in full, and its case tracking it. */
export function planIsOpen(plan: LoadedPlan): boolean {
  return !plan.agreement.planBreachedAt && !plan.agreement.planCompletedAt && plan.kase.state === 'plan_active';
}

/** The plan as it would stand with one payment reversed (for a reversal weighed before it is made). */
export function withoutPayment(plan: LoadedPlan, paymentId: string, reason = ''): LoadedPlan {
  return { ...plan, payments: plan.payments.map((p) => (p.id === paymentId && !p.reversal ? { ...p, reversal: { id: '', paymentId: p.id, reason, reversedById: '', reversedAt: new Date(0) } } : p)) };
}
