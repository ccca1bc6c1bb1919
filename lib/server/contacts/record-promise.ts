import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import type { cases} from '@/db/schema';
import { promisesToPay } from '@/db/schema';
import { addDays, todayIn } from '@/lib/domain/dates';
import { endOfLocalDay } from '@/lib/domain/local-day';
import { amountField } from '@/lib/validation/fields';
import { promiseFormSchema } from '@/lib/validation/contact';
import { systemCtx, type Ctx } from '../actor';
import { recordAudit, recordAuditBatch } from '../audit';
import { AppError } from '../errors';
import { loadVisibleCase } from '../cases/case-access';
import { arrearsOf, loanPartiesWithHistory } from '../loans/loan-history';
import { loadPlanOfCase, planIsOpen, planState } from '../plans/load-plan';
import { contactContext } from './contact-context';

/** A promise may be for today or a day within this many days. */
export const PROMISE_HORIZON_DAYS = 60;

/**
 * Writes a promise to pay in the caller's transaction (a contact's, or recordPromise's): for a day from today
 * (the borrower's) within the horizon, checked after that day and the creditor's grace days. An open promise
 * it replaces is cancelled.
 */
export async function insertPromise(
  tx: Executor,
  ctx: Ctx,
  kase: typeof cases.$inferSelect,
  input: { promisedOn: string; amountText: string; contactId?: string; graceDays: number; timeZone: string },
  now: Date,
): Promise<{ id: string }> {
  if (ctx.actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const today = todayIn(input.timeZone, now);
  if (input.promisedOn < today) throw new AppError('VALIDATION', { field: 'promiseDate', message: 'validation.promisePast' });
  if (input.promisedOn > addDays(today, PROMISE_HORIZON_DAYS)) throw new AppError('VALIDATION', { field: 'promiseDate', message: 'validation.promiseFar', params: { days: PROMISE_HORIZON_DAYS } });
  const amount = amountField.parse(input.amountText);
  const most = await mostOwedBy(tx, kase, input.promisedOn, today);
  if (amount > most) throw new AppError('VALIDATION', { field: 'promiseAmount', message: 'validation.promiseAboveOwed', params: { max: most / 100 } });
  const cancelled = await tx
    .update(promisesToPay)
    .set({ status: 'cancelled', resolvedAt: now })
    .where(and(eq(promisesToPay.caseId, kase.id), eq(promisesToPay.status, 'open')))
    .returning({ id: promisesToPay.id });
  const [row] = await tx
    .insert(promisesToPay)
    .values({
      caseId: kase.id,
      loanId: kase.loanId,
      contactId: input.contactId,
      promisedOn: input.promisedOn,
      amount,
      madeOn: today,
      graceDays: input.graceDays,
      dueAt: endOfLocalDay(input.promisedOn, input.timeZone, input.graceDays),
      createdBy: ctx.actor.id,
      createdAt: now,
    })
    .returning({ id: promisesToPay.id });
  await recordAudit(tx, ctx, { action: 'promise.recorded', entityType: 'case', entityId: kase.id, data: { promiseId: row!.id, promisedOn: input.promisedOn, amount, graceDays: input.graceDays, replaces: cancelled.map((c) => c.id) } });
  return row!;
}

/**
 * The most a promise on the case can be for: what would settle the whole loan on the promised day if nothing were
 * paid before it (its arrears then, and the principal not yet due), or, while a repayment plan runs, what is left to
 * pay on the plan if that is more. A promise above it is a typing slip (71113 for 7111.3) that could never be kept,
 * and would be marked broken and put the case at the top of the queue.
 */
async function mostOwedBy(tx: Executor, kase: typeof cases.$inferSelect, promisedOn: string, today: string): Promise<number> {
  const history = await loanPartiesWithHistory(tx, kase.loanId);
  const settle = arrearsOf(history, promisedOn).totals.totalToSettle;
  const plan = await loadPlanOfCase(tx, kase);
  return plan && planIsOpen(plan) ? Math.max(settle, planState(plan, today).totals.remaining) : settle;
}

/** A promise to pay recorded on its own (made in a message, or in person). */
export async function recordPromise(ctx: Ctx, raw: { caseId: string; promiseDate: string; promiseAmount: string }, now: Date = new Date()): Promise<{ id: string }> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const parsed = promiseFormSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, raw.caseId, { forUpdate: true, act: true });
    const { policy, borrower } = await contactContext(tx, kase, now);
    return insertPromise(tx, ctx, kase, { promisedOn: parsed.promiseDate, amountText: raw.promiseAmount, graceDays: policy.graceDays, timeZone: borrower.timezone }, now);
  });
}

/**
 * The promises job (run with `now`; idempotent, and safe on two workers at once): every open promise whose loan
 * has received, since the promise was made and by its day plus grace, at least the promised amount is kept; every
 * other one whose grace has ended by `now` is broken — which puts its case at the top of its mediator's queue.
 */
export async function checkPromises(now: Date = new Date(), db: Executor = getDb()): Promise<{ kept: number; broken: number }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: string; case_id: string; amount: string; paid: string; due: boolean }>(sql`
      select p.id, p.case_id, p.amount, p.due_at <= ${now} as due,
        coalesce((select sum(pay.amount) from payments pay
          where pay.loan_id = p.loan_id and pay.received_on >= p.made_on and pay.received_on <= p.promised_on + p.grace_days
            -- a reversed payment (a bounced transfer, a correction) never keeps a promise
            and not exists (select 1 from payment_reversals r where r.payment_id = pay.id)), 0) as paid
      from promises_to_pay p
      where p.status = 'open'
      for update of p skip locked`);
    const kept = rows.filter((r) => Number(r.paid) >= Number(r.amount));
    const broken = rows.filter((r) => r.due && Number(r.paid) < Number(r.amount));
    for (const [list, status] of [[kept, 'kept'], [broken, 'broken']] as const) {
      for (const r of list) await tx.update(promisesToPay).set({ status, paidAmount: Number(r.paid), resolvedAt: now }).where(eq(promisesToPay.id, r.id));
      await recordAuditBatch(tx, systemCtx, list.map((r) => ({ action: `promise.${status}`, entityType: 'case', entityId: r.case_id, data: { promiseId: r.id, amount: Number(r.amount), paid: Number(r.paid) } })));
    }
    return { kept: kept.length, broken: broken.length };
  });
}
