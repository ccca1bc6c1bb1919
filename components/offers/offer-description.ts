import type { OfferTerms, PricedOffer } from '@/lib/domain/offer-terms';
import type { OfferDto } from '@/lib/server/offers/list-offers';

/**
 * What an offer is, as parts to say in words (offerTerms.kinds / offerTerms.parts):
 * a pause, an extension, installments, a one-off settlement, relief — in the order
 * they happen. Shared by the offer cards and the previews.
 */
export type OfferKind = 'pause' | 'extension' | 'installments' | 'settlement' | 'relief';

export function offerKinds(terms: OfferTerms, priced: PricedOffer): OfferKind[] {
  const kinds: OfferKind[] = [];
  if (terms.pause) kinds.push('pause');
  if (terms.extensionMonths !== undefined) kinds.push('extension');
  if (terms.installments) kinds.push('installments');
  if (priced.structure === 'settlement') kinds.push('settlement');
  if (priced.waived.total > 0 || (terms.relief?.rateReduction?.pct ?? 0) > 0) kinds.push('relief');
  return kinds;
}

/** The waivers, item by item, and the charges above the legal cap that the offer drops. */
export function offerReliefItems(terms: OfferTerms, priced: PricedOffer) {
  const waived = (['penalty', 'compound', 'interest', 'principal'] as const).filter((k) => priced.waived[k] > 0).map((k) => ({ key: k, amount: priced.waived[k] }));
  const rate = terms.relief?.rateReduction && terms.relief.rateReduction.pct > 0 ? terms.relief.rateReduction : null;
  return { waived, rate, capReduction: priced.capReduction.total };
}

/**
 * A level plan's monthly payment: every installment but the first and the last within two fen of each other (a level
 * payment spreads its rounding a fen at a time: schedule.ts amortise; carried charges are split evenly, a fen apart:
 * money.ts splitEvenly). The first, whose interest is for its own period (the offer date to the first due date, rarely
 * exactly a month), is given beside it when it is more than two fen from any of them; the last, which absorbs the rounding, whenever it is
 * more than the monthly payment or more than two fen less. `monthly` is the highest of the others, `fenApart` whether
 * some of them are a fen or two less: every payment is then the amount the card gives for it or a fen or two less,
 * never more. Null for a plan that is not level (its highest month is priced.regularPayment).
 */
export function levelPayments(priced: Pick<PricedOffer, 'regularPayment'> & { schedule: readonly { amount: number }[] }): { monthly: number; first: number | null; last: number | null; fenApart: boolean } | null {
  const rows = priced.schedule;
  const middle = rows.slice(1, -1).map((row) => row.amount);
  if (middle.length === 0) return { monthly: priced.regularPayment, first: null, last: null, fenApart: false };
  const high = Math.max(...middle);
  const low = Math.min(...middle);
  if (high - low > 2) return null;
  const firstAmount = rows[0]!.amount;
  const lastAmount = rows.at(-1)!.amount;
  // The first goes with the others where all of them are within two fen of the highest.
  const first = Math.max(high, firstAmount) - Math.min(low, firstAmount) > 2 ? firstAmount : null;
  const monthly = first === null ? Math.max(high, firstAmount) : high;
  const last = lastAmount > monthly || monthly - lastAmount > 2 ? lastAmount : null;
  const covered = [...middle, ...(first === null ? [firstAmount] : []), ...(last === null ? [lastAmount] : [])];
  return { monthly, first, last, fenApart: covered.some((amount) => amount !== monthly) };
}

/**
 * The one line the negotiation's history gives an offer. "X a month × N, T in all" only where it multiplies out (every
 * payment the same, nothing down); otherwise the payments' range, and the down payment first, so that the figures on
 * the line always add up to the total beside them.
 */
export function historyFigures(summary: OfferDto['summary']):
  | { kind: 'level'; payment: number; count: number; total: number }
  | { kind: 'range'; down: number; lowest: number; highest: number; count: number; total: number } {
  const { lowestPayment: lowest, highestPayment: highest, numberOfPayments: count, totalPayable: total, downPayment: down } = summary;
  if (down === 0 && lowest === highest && lowest * count === total) return { kind: 'level', payment: lowest, count, total };
  return { kind: 'range', down, lowest, highest, count, total };
}
