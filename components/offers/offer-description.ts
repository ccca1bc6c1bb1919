import type { OfferTerms, PricedOffer } from '@/lib/domain/offer-terms';

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

/** Whether every installment but the last (which absorbs rounding) is the same amount. */
export function paymentsAreLevel(priced: PricedOffer): boolean {
  const amounts = priced.schedule.slice(0, -1).map((row) => row.amount);
  return amounts.every((a) => a === amounts[0]);
}
