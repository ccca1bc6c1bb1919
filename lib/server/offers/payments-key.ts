import 'server-only';
import { createHash } from 'node:crypto';
import type { PricedOffer } from '@/lib/domain/offer-terms';

/**
 * What a borrower pays under a priced offer — the down payment, the total and every installment's day and amount —
 * as a short key. Accepting an offer priced on an earlier day prices it again on today's arrears; when the payments
 * are the ones the borrower was shown (the page prices open offers on today's arrears too, and hands this key to the
 * accept button), they accept what they saw.
 */
export function paymentsKey(priced: PricedOffer): string {
  const payments = [priced.downPayment, priced.totalPayable, priced.schedule.map((row) => [row.dueDate, row.amount])];
  return createHash('sha256').update(JSON.stringify(payments)).digest('base64url').slice(0, 22);
}
