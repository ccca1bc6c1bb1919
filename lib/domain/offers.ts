/**
 * The offer engine, public entry: restructuring offers — extension (展期),
 * installments (分期), relief (减免) and their combinations — priced from the
 * arrears, the loan, the creditor's policy and the borrower's disposable income.
 * Conventions (financed balance, interest, status quo, cap over the plan's life,
 * affordability) are in offer-pricing.ts; the tailored suggestions in
 * offer-suggestions.ts; types and rule codes in offer-terms.ts.
 */
export * from './offer-terms';
export { priceOffer } from './offer-pricing';
export { authorityNeeded, checkOffer, evaluateOffer } from './offer-checks';
export { suggestOffers } from './offer-suggestions';
