import 'server-only';
import { getDb } from '@/db/client';
import { paymentReversals } from '@/db/schema';
import { reversePaymentSchema } from '@/lib/validation/plan';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { excessLeft } from './record-refund';
import { loadVisiblePlan, planState, planToday, withoutPayment } from './load-plan';
import { syncPlan, withdrawCompletion } from './sync-plan';

/**
 * A correction: a payment recorded in error (a bounced transfer, a wrong amount) is reversed with a reason, never
 * edited or deleted. The plan is tracked again without it, which may make an installment missed after all. If the plan
 * was paid off only with it, the settlement certificate is withdrawn and the case tracks the plan again
 * (withdrawCompletion). Refused when money already refunded as excess would no longer be excess, or when the case
 * paid off has since been reopened or ended otherwise.
 */
export async function reversePayment(ctx: Ctx, caseId: unknown, raw: unknown, now: Date = new Date()) {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const input = reversePaymentSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const plan = await loadVisiblePlan(tx, actor, caseId, { forUpdate: true, act: true });
    const payment = plan.payments.find((p) => p.id === input.paymentId);
    if (!payment) throw new AppError('NOT_FOUND');
    if (payment.reversal) throw new AppError('ALREADY_REVERSED');
    const today = planToday(plan, now);
    const afterwards = planState(withoutPayment(plan, payment.id, input.reason), today);
    const refunded = plan.refunds.reduce((sum, r) => sum + r.amount, 0);
    if (refunded > afterwards.totals.excess) throw new AppError('PLAN_CLOSED', { params: { reason: 'refunded' } });
    // Paid off only with this payment: the certificate is withdrawn and the plan tracked again, while the case still
    // stands as the plan left it (not reopened since, or ended otherwise).
    const unpaid = Boolean(plan.agreement.planCompletedAt) && !afterwards.completedOn;
    if (unpaid && plan.kase.state !== 'completed') throw new AppError('PLAN_CLOSED', { params: { reason: 'caseMoved' } });
    const [reversal] = await tx.insert(paymentReversals).values({ paymentId: payment.id, reason: input.reason, reversedById: actor.id, reversedAt: now }).returning();
    payment.reversal = reversal!;
    await recordAudit(tx, ctx, { action: 'plan.payment_reversed', entityType: 'agreement', entityId: plan.agreement.id, data: { paymentId: payment.id, amount: payment.amount, receivedOn: payment.receivedOn, reference: payment.reference, reason: input.reason } });
    if (unpaid) await withdrawCompletion(tx, ctx, actor.id, plan, { amount: payment.amount, receivedOn: payment.receivedOn }, input.reason, now);
    const sync = await syncPlan(tx, ctx, plan, now);
    return { excessLeft: excessLeft(plan, sync.result) };
  });
}
