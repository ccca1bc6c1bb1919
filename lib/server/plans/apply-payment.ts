import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { payments } from '@/db/schema';
import { formatMoney } from '@/lib/domain/money';
import { askedNow, type PlanPaymentResult } from '@/lib/domain/plan';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { queueNotification } from '../notifications';
import { planState, planToday, type LoadedPlan } from './load-plan';
import type { SealDeps } from './plan-documents';
import { syncPlan, type SyncOutcome } from './sync-plan';

export type NewPayment = { amount: number; receivedOn: string; channel: string; reference: string; note?: string | null; source: 'staff' | 'import'; importId?: string | null };

/** A reference already used by any payment (one payment is recorded once, whoever recorded it). */
export async function paymentWithReference(tx: Executor, reference: string) {
  const [row] = await tx.select().from(payments).where(eq(payments.reference, reference)).limit(1);
  return row ?? null;
}

export function referenceUsed(existing: { reference: string; receivedOn: string; amount: number }, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return new AppError('REFERENCE_USED', { field: 'reference', params: { reference: existing.reference, date: existing.receivedOn, amount: formatMoney(existing.amount, locale) } });
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505' || (error as { cause?: { code?: string } })?.cause?.code === '23505';

/**
 * Records a payment on a plan (the case locked by the caller), allocated by the domain rules and the agreement's
 * terms: the payment row (never changed afterwards), its allocation in the audit log, the plan's state brought up
 * to date (which may close it as paid in full, or withdraw a miss the payment's date shows never happened), and a
 * receipt in the borrower's portal.
 */
export async function applyPayment(tx: Executor, ctx: Ctx, plan: LoadedPlan, input: NewPayment, now: Date, deps?: SealDeps): Promise<{ paymentId: string; allocation: PlanPaymentResult; sync: SyncOutcome }> {
  const existing = await paymentWithReference(tx, input.reference);
  if (existing) throw referenceUsed(existing);
  const recordedById = ctx.actor.type === 'staff' ? ctx.actor.id : null;
  let row: typeof payments.$inferSelect;
  try {
    [row] = (await tx
      .insert(payments)
      .values({ loanId: plan.kase.loanId, agreementId: plan.agreement.id, receivedOn: input.receivedOn, amount: input.amount, channel: input.channel, reference: input.reference, note: input.note || null, source: input.source, recordedById, importId: input.importId ?? null })
      .returning()) as [typeof payments.$inferSelect];
  } catch (error) {
    // Two people recording the same reference at once: the second is told, as if it had come later.
    if (isUniqueViolation(error)) throw referenceUsed({ reference: input.reference, receivedOn: input.receivedOn, amount: input.amount });
    throw error;
  }
  plan.payments.push({ ...row, reversal: null });
  const today = planToday(plan, now);
  const allocation = planState(plan, today).payments.find((p) => p.id === row.id)!;
  await recordAudit(tx, ctx, {
    action: 'plan.payment_recorded',
    entityType: 'agreement',
    entityId: plan.agreement.id,
    data: { paymentId: row.id, amount: row.amount, receivedOn: row.receivedOn, channel: row.channel, reference: row.reference, source: row.source, importId: row.importId, allocations: allocation.allocations, excess: allocation.excess, settledEarly: allocation.settledEarly },
  });
  const sync = await syncPlan(tx, ctx, plan, now, deps);
  const locale = plan.borrower.locale === 'en' ? 'en' : 'zh-CN';
  const money = (fen: number) => formatMoney(fen, locale);
  const next = sync.result.next;
  // With more than one installment due, their total, as the plan page says (askedNow).
  const asked = askedNow(sync.result);
  await queueNotification(tx, {
    channel: 'in_app',
    recipientType: 'borrower',
    recipientId: plan.borrower.id,
    toAddress: plan.borrower.phone,
    template: 'planPaymentReceived',
    locale,
    timeZone: plan.borrower.timezone,
    values: { amount: money(row.amount), date: { day: row.receivedOn }, agreementNo: plan.snapshot.agreementNo, paid: money(sync.result.totals.paid), left: money(sync.result.totals.remaining), hasNext: !asked ? 'none' : asked.several ? 'several' : 'yes', nextAmount: money(asked?.amount ?? 0), nextDate: { day: next?.dueDate ?? row.receivedOn } },
    caseId: plan.kase.id,
  });
  return { paymentId: row.id, allocation, sync };
}
