import 'server-only';
import { getDb } from '@/db/client';
import { paymentReversals } from '@/db/schema';
import { reversePaymentSchema } from '@/lib/validation/plan';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { excessLeft } from './record-refund';
import { loadVisiblePlan, planState, planToday } from './load-plan';
import { syncPlan } from './sync-plan';

/**
 * A correction: a payment recorded in error (a bounced transfer, a wrong amount) is reversed with a reason, never
 * edited or deleted. The plan is tracked again without it, which may make an installment missed after all. A payment
 * on a plan already paid in full is reversed only if the plan stays paid in full without it (an excess payment);
 * otherwise the certificate issued would be wrong, and the case must be reopened first.
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
    const without = { ...plan, payments: plan.payments.map((p) => (p.id === payment.id ? { ...p, reversal: { id: '', paymentId: p.id, reason: input.reason, reversedById: actor.id, reversedAt: now } } : p)) };
    if (plan.agreement.planCompletedAt && !planState(without, today).completedOn) throw new AppError('PLAN_CLOSED', { params: { reason: 'paidInFull' } });
    const refunded = plan.refunds.reduce((sum, r) => sum + r.amount, 0);
    if (refunded > planState(without, today).totals.excess) throw new AppError('PLAN_CLOSED', { params: { reason: 'refunded' } });
    const [reversal] = await tx.insert(paymentReversals).values({ paymentId: payment.id, reason: input.reason, reversedById: actor.id, reversedAt: now }).returning();
    payment.reversal = reversal!;
    await recordAudit(tx, ctx, { action: 'plan.payment_reversed', entityType: 'agreement', entityId: plan.agreement.id, data: { paymentId: payment.id, amount: payment.amount, receivedOn: payment.receivedOn, reference: payment.reference, reason: input.reason } });
    const sync = await syncPlan(tx, ctx, plan, now);
    return { excessLeft: excessLeft(plan, sync.result) };
  });
}
