import 'server-only';
import { checkOffer } from '@/lib/domain/offer-checks';
import { priceOffer } from '@/lib/domain/offer-pricing';
import type { OfferContext, OfferRole, OfferTerms, PricedOffer } from '@/lib/domain/offer-terms';
import { offerTermsSchema, type OfferTermsInput } from '@/lib/validation/offer';
import { AppError } from '../errors';

/** Parses terms, checks them for a role and prices them, or refuses with the rules they break (named). */
export function checkedPrice(ctx: OfferContext, raw: OfferTermsInput | unknown, role: OfferRole): { terms: OfferTerms; priced: PricedOffer } {
  const terms: OfferTerms = offerTermsSchema.parse(raw);
  const check = checkOffer(ctx, terms, role);
  if (!check.ok) {
    throw new AppError('OFFER_POLICY', { params: { rules: check.violations.map((v) => v.rule).join(', ') }, details: check.violations });
  }
  return { terms, priced: priceOffer(ctx, terms) };
}
