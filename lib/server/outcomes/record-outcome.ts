import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { caseOutcomes, cases } from '@/db/schema';
import { canTransition, endedStates, isNegotiable, type CaseState } from '@/lib/domain/case-state';
import { endStateFor, type OutcomeKind } from '@/lib/domain/outcomes';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { todayIn } from '@/lib/domain/dates';
import { voidOpenAgreements } from '../agreements/void-agreements';
import { arrearsOf, loanPartiesWithHistory } from '../loans/loan-history';
import { closeOpenOffers, UNANSWERED } from '../offers/offer-store';

export type OutcomeInput = {
  outcome: OutcomeKind;
  amountRecovered?: number;
  amountWaived?: number;
  amountClaimed?: number;
  amountRestructured?: number;
  note?: string;
};

type CaseRow = typeof cases.$inferSelect;

/**
 * Records a case's outcome inside the caller's transaction, with the case row
 * already locked: the case moves through the state machine to where the
 * outcome takes it (endStateFor), the outcome that was current stays on record
 * as replaced, the case leaves the escalation review list, and both are
 * audited. A case that leaves negotiation closes its unanswered offers (those waiting for approval too), and one
 * that ends voids an agreement not yet in force: neither can be accepted, approved or signed afterwards.
 * The one way an outcome is written: closing, the review's decisions,
 * countersigning ("agreement signed") and plan completion ("paid in full").
 */
export async function recordOutcomeTx(tx: Executor, ctx: Ctx, kase: CaseRow, input: OutcomeInput, now = new Date()): Promise<{ outcomeId: string; state: CaseState }> {
  const to = endStateFor(input.outcome, kase.state);
  if (to !== kase.state && !canTransition(kase.state, to)) {
    throw new AppError('CONFLICT', { message: `a case in ${kase.state} cannot end as ${input.outcome}`, params: { state: kase.state } });
  }
  const staffId = ctx.actor.type === 'staff' ? ctx.actor.id : null;
  const replaced = await tx
    .update(caseOutcomes)
    .set({ supersededAt: now, supersededBy: staffId, supersededReason: 'replaced' })
    .where(and(eq(caseOutcomes.caseId, kase.id), isNull(caseOutcomes.supersededAt)))
    .returning({ id: caseOutcomes.id, outcome: caseOutcomes.outcome });
  const [row] = await tx
    .insert(caseOutcomes)
    .values({
      caseId: kase.id,
      outcome: input.outcome,
      amountRecovered: input.amountRecovered ?? null,
      amountWaived: input.amountWaived ?? null,
      amountClaimed: input.amountClaimed ?? null,
      amountRestructured: input.amountRestructured ?? null,
      fromState: kase.state,
      toState: to,
      recordedBy: staffId,
      note: input.note ?? null,
      recordedAt: now,
    })
    .returning({ id: caseOutcomes.id });
  const ended = endedStates.includes(to);
  await tx
    .update(cases)
    .set({ state: to, closedAt: ended ? now : kase.closedAt, escalationReviewSince: null, version: sql`${cases.version} + 1`, updatedAt: now })
    .where(eq(cases.id, kase.id));
  await recordAudit(tx, ctx, {
    action: 'case.outcome_recorded',
    entityType: 'case',
    entityId: kase.id,
    data: { outcomeId: row!.id, outcome: input.outcome, amountRecovered: input.amountRecovered, amountWaived: input.amountWaived, amountClaimed: input.amountClaimed, amountRestructured: input.amountRestructured, note: input.note, replaced: replaced.map((r) => r.id) },
  });
  if (to !== kase.state) await recordAudit(tx, ctx, { action: 'case.state_changed', entityType: 'case', entityId: kase.id, data: { from: kase.state, to } });
  if (!isNegotiable(to)) await closeOpenOffers(tx, ctx, kase.id, 'superseded', 'the case left negotiation', [], UNANSWERED);
  if (ended) await voidOpenAgreements(tx, ctx, kase.id, { reason: 'case ended', outcome: input.outcome });
  return { outcomeId: row!.id, state: to };
}

/**
 * The amounts a person gives when closing a case, against the loan (the case locked by the caller): a claim no more
 * than the enforceable amount to settle today, and what was received and waived together no more than the borrower
 * owed in this mediation (what settles the loan today, with what was paid since the case opened). A slip (9999999 for
 * a ¥4,823.57 debt) went onto the dashboard's recovered and claimed figures.
 */
export async function checkOutcomeAmounts(tx: Executor, kase: CaseRow, input: OutcomeInput, now = new Date()): Promise<void> {
  if (input.amountClaimed === undefined && input.amountRecovered === undefined && input.amountWaived === undefined) return;
  const history = await loanPartiesWithHistory(tx, kase.loanId);
  const { totals } = arrearsOf(history, todayIn(history.timezone, now));
  if (input.amountClaimed !== undefined && input.amountClaimed > totals.enforceableTotalToSettle) {
    throw new AppError('VALIDATION', { field: 'amountClaimed', message: 'validation.claimAboveEnforceable', params: { max: totals.enforceableTotalToSettle / 100 } });
  }
  const opened = todayIn(history.timezone, kase.openedAt);
  const paidSince = history.payments.filter((p) => p.receivedOn >= opened).reduce((sum, p) => sum + p.amount, 0);
  const most = totals.totalToSettle + paidSince;
  if ((input.amountRecovered ?? 0) + (input.amountWaived ?? 0) > most) {
    const field = (input.amountRecovered ?? 0) > most || input.amountWaived === undefined ? 'amountRecovered' : 'amountWaived';
    throw new AppError('VALIDATION', { field, message: 'validation.outcomeAboveOwed', params: { max: most / 100 } });
  }
}
