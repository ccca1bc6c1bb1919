import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { creditors, type PaymentAccount } from '@/db/schema';
import { paymentAccountSchema, type PaymentAccountInput } from '@/lib/validation/plan';
import type { Actor, Ctx } from '../actor';
import { assertAdmin, type Admin } from '../admin/admin-actor';
import { isUuid } from '../cases/case-access';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { creditorScope } from '../staff-scope';

const scoped = (actor: Admin, creditorId: unknown) => and(eq(creditors.id, isUuid(creditorId) ? creditorId : '00000000-0000-0000-0000-000000000000'), creditorScope(actor, creditors.id));

/** A creditor's repayment account, for its administration page: admins of the creditors they administer. */
export async function getPaymentAccount(actor: Actor, creditorId: unknown): Promise<PaymentAccount | null> {
  assertAdmin(actor);
  const [row] = await getDb().select({ account: creditors.paymentAccount }).from(creditors).where(scoped(actor, creditorId));
  if (!row) throw new AppError('NOT_FOUND');
  return row.account ?? null;
}

/**
 * Sets (or, all empty, removes) the account borrowers pay their plan into, shown on every plan of the creditor from
 * the next page they open; before and after audited. The creditor's `updated_at` is left alone: it is the policy
 * form's version, and the account is not policy.
 */
export async function setPaymentAccount(ctx: Ctx, creditorId: unknown, raw: PaymentAccountInput): Promise<{ account: PaymentAccount | null }> {
  const { actor } = ctx;
  assertAdmin(actor);
  const account = paymentAccountSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const [row] = await tx.select({ id: creditors.id, before: creditors.paymentAccount }).from(creditors).where(scoped(actor, creditorId)).for('update');
    if (!row) throw new AppError('NOT_FOUND');
    await tx.update(creditors).set({ paymentAccount: account }).where(eq(creditors.id, row.id));
    await recordAudit(tx, ctx, { action: 'creditor.payment_account_changed', entityType: 'creditor', entityId: row.id, data: { before: row.before ?? null, after: account } });
    return { account };
  });
}
