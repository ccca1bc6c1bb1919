import type { ArrearsInput } from './arrears-model';
import { computeArrears } from './arrears';

/**
 * A repaid loan owes nothing. A loan is marked repaid when its creditor has been paid what it agreed to take: in
 * full, or under a mediated agreement whose plan was paid in full — an agreement that waived part of the contract's
 * charges (or cancelled interest not yet due, for settling early). The contract's arithmetic alone would still count
 * the waived part, and go on charging penalty on it: a borrower who finished their plan was shown days past due and an
 * amount to settle. What the contract would still count on the day of the last payment is discharged that day (a
 * credit of exactly that amount), so from then on nothing is owed and nothing accrues; before that day the arrears are
 * the contract's, as they were.
 */
export function withRepaidDischarge(input: ArrearsInput): ArrearsInput {
  const lastPaid = input.payments.reduce<string | null>((latest, p) => (latest === null || p.receivedOn > latest ? p.receivedOn : latest), null);
  if (lastPaid === null || lastPaid > input.asOf) return input;
  const left = computeArrears({ ...input, asOf: lastPaid }).totals.totalToSettle;
  return left > 0 ? { ...input, payments: [...input.payments, { receivedOn: lastPaid, amount: left }] } : input;
}
