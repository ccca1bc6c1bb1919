import 'server-only';
import { getDb } from '@/db/client';
import { planRefunds } from '@/db/schema';
import { formatMoney } from '@/lib/domain/money';
import type { PlanResult } from '@/lib/domain/plan';
import { recordRefundSchema } from '@/lib/validation/plan';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { paymentWithReference, referenceUsed } from './apply-payment';
import { loadVisiblePlan, planState, planToday, type LoadedPlan } from './load-plan';

/** What was paid above the plan and is not yet refunded. */
export function excessLeft(plan: LoadedPlan, result: PlanResult): number {
  return result.totals.excess - plan.refunds.reduce((sum, r) => sum + r.amount, 0);
}

/**
 * The refund decision on an excess: a supervisor, or the case's mediator, records the money paid back (amount, day,
 * the bank's reference). At most the excess not yet refunded; recorded once, never changed.
 */
export async function recordRefund(ctx: Ctx, caseId: unknown, raw: unknown, now: Date = new Date()) {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  return getDb().transaction(async (tx) => {
    const plan = await loadVisiblePlan(tx, actor, caseId, { forUpdate: true, act: true });
    const today = planToday(plan, now);
    const input = recordRefundSchema(() => today).parse(raw);
    const left = excessLeft(plan, planState(plan, today));
    if (input.amount > left) throw new AppError('REFUND_TOO_LARGE', { field: 'amount', params: { max: formatMoney(Math.max(0, left), 'zh-CN') } });
    const [usedByPayment] = [await paymentWithReference(tx, input.reference)];
    if (usedByPayment) throw referenceUsed(usedByPayment);
    const [refund] = await tx
      .insert(planRefunds)
      .values({ agreementId: plan.agreement.id, amount: input.amount, refundedOn: input.refundedOn, reference: input.reference, note: input.note || null, recordedById: actor.id, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!refund) throw new AppError('REFERENCE_USED', { field: 'reference', params: { reference: input.reference, date: input.refundedOn, amount: formatMoney(input.amount, 'zh-CN') } });
    await recordAudit(tx, ctx, { action: 'plan.refund_recorded', entityType: 'agreement', entityId: plan.agreement.id, data: { refundId: refund.id, amount: refund.amount, refundedOn: refund.refundedOn, reference: refund.reference, excessBefore: left } });
    return { excessLeft: left - refund.amount };
  });
}
