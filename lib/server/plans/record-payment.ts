import 'server-only';
import { getDb } from '@/db/client';
import type { Ctx } from '../actor';
import { AppError } from '../errors';
import { recordPaymentSchema } from '@/lib/validation/plan';
import { applyPayment } from './apply-payment';
import { loadVisiblePlan, planToday } from './load-plan';
import type { SealDeps } from './plan-documents';

/**
 * A mediator (on their case) or supervisor records a payment received on a plan: amount, date, channel and the
 * bank's reference. Money received is always recorded, even on a plan that has ended (it then shows as excess for
 * a refund decision); a reference already recorded is refused; a date before the agreement or in the future too.
 * An amount above everything still owed is recorded only when the one recording it says so: otherwise a typo
 * (99999999 for 999.99) would settle the plan, close the case and text the borrower a settlement certificate.
 */
export async function recordPayment(ctx: Ctx, caseId: unknown, raw: unknown, now: Date = new Date(), deps?: SealDeps) {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  return getDb().transaction(async (tx) => {
    const plan = await loadVisiblePlan(tx, actor, caseId, { forUpdate: true, act: true });
    const input = recordPaymentSchema(() => planToday(plan, now)).parse(raw);
    if (input.receivedOn < plan.snapshot.date) throw new AppError('VALIDATION', { field: 'receivedOn', message: 'validation.beforeAgreement', params: { date: plan.snapshot.date } });
    const { confirmExcess, ...payment } = input;
    const { paymentId, allocation, sync } = await applyPayment(tx, ctx, plan, { ...payment, source: 'staff' }, now, deps);
    // Thrown inside the transaction: nothing of it stays, no certificate, no message.
    if (allocation.excess > 0 && !confirmExcess) throw new AppError('VALIDATION', { field: 'amount', message: 'validation.paymentAboveBalance' });
    return { paymentId, allocations: allocation.allocations, excess: allocation.excess, completed: sync.completed };
  });
}
