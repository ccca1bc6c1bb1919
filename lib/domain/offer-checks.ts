import { addDays, addMonths, dayOfMonth, type IsoDate } from './dates';
import { priceOffer, type PricingOptions } from './offer-pricing';
import {
  OfferTermsError,
  authorityOf,
  extensionLimitMonths,
  percentOf,
  type OfferCheck,
  type OfferContext,
  type OfferRole,
  type OfferTerms,
  type OfferViolation,
  type PricedOffer,
} from './offer-terms';

/**
 * The rules an offer is checked against, by role: the law (art. 12 extension
 * limit, the longest plan, the total-cost cap), the creditor's policy
 * (installments, first-due window, minimum down payment, a payment that covers
 * its interest), the borrower's proposal bounds, and each staff role's authority.
 */

/** The last day a plan agreed on `asOf` may end: policy.longestPlanMonths months later (the offer date's day, clamped). */
export function latestPlanEnd(asOf: IsoDate, longestPlanMonths: number): IsoDate {
  return addMonths(asOf, longestPlanMonths, dayOfMonth(asOf));
}

const hasRelief = (terms: OfferTerms) => {
  const r = terms.relief;
  return !!r && (r.penaltyWaivePct > 0 || r.compoundWaivePct > 0 || r.interestWaivePct > 0 || r.principalWaive > 0 || (r.rateReduction?.pct ?? 0) > 0);
};

/** Limits of a staff role's authority (the system proposes within the mediator's). */
function authorityViolations(ctx: OfferContext, terms: OfferTerms, role: 'mediator' | 'supervisor' | 'system', priced: PricedOffer): OfferViolation[] {
  const out: OfferViolation[] = [];
  const authority = authorityOf(ctx.policy, role);
  const months = terms.installments?.months;
  if (months !== undefined && months > authority.maxPlanMonths) out.push({ rule: 'authority.planMonths', params: { max: authority.maxPlanMonths, role } });
  const r = terms.relief;
  if (!r) return out;
  const over = (pct: number, max: number, rule: OfferViolation['rule']) => {
    if (pct > max) out.push({ rule, params: { max, role } });
  };
  over(r.penaltyWaivePct, authority.maxPenaltyWaivePct, 'relief.penaltyAuthority');
  over(r.compoundWaivePct, authority.maxCompoundWaivePct, 'relief.compoundAuthority');
  over(r.interestWaivePct, authority.maxInterestWaivePct, 'relief.interestAuthority');
  if (r.rateReduction) over(r.rateReduction.pct, authority.maxRateReductionPct, 'relief.rateAuthority');
  if (r.principalWaive > 0) {
    if (role !== 'supervisor') out.push({ rule: 'relief.principalSupervisorOnly' });
    else {
      const max = percentOf(priced.owedToday.principal, authority.maxPrincipalWaivePct);
      if (r.principalWaive > max) out.push({ rule: 'relief.principalAuthority', params: { max, role } });
    }
  }
  return out;
}

function borrowerViolations(ctx: OfferContext, terms: OfferTerms, priced: PricedOffer): OfferViolation[] {
  const out: OfferViolation[] = [];
  const bounds = ctx.policy.borrowerProposal;
  const inst = terms.installments;
  if (!inst) return out;
  if (inst.months > bounds.maxMonths) out.push({ rule: 'borrower.maxMonths', params: { max: bounds.maxMonths } });
  const min = percentOf(priced.installmentBase, bounds.minDownPaymentPct);
  if (inst.downPayment < min) out.push({ rule: 'borrower.downPaymentMin', params: { min } });
  return out;
}

function policyViolations(ctx: OfferContext, terms: OfferTerms, role: OfferRole, priced: PricedOffer): OfferViolation[] {
  const { asOf, loan, policy } = ctx;
  const out: OfferViolation[] = [];
  if (terms.extensionMonths !== undefined) {
    const limit = extensionLimitMonths(loan.termMonths);
    if (loan.extendedMonths + terms.extensionMonths > limit) {
      out.push({ rule: 'extension.limit', params: { limit, alreadyExtended: loan.extendedMonths, requested: terms.extensionMonths, termMonths: loan.termMonths } });
    }
  }
  const inst = terms.installments;
  if (inst) {
    if (inst.months > policy.installments.maxMonths) out.push({ rule: 'installments.maxMonths', params: { max: policy.installments.maxMonths } });
    const min = percentOf(priced.installmentBase, policy.installments.minDownPaymentPct);
    if (inst.downPayment < min) out.push({ rule: 'installments.downPaymentMin', params: { min, base: priced.installmentBase, pct: policy.installments.minDownPaymentPct } });
    const latest = addDays(asOf, policy.installments.firstDueWindowDays);
    if (inst.firstDueDate <= asOf || inst.firstDueDate > latest) out.push({ rule: 'installments.firstDueWindow', params: { from: addDays(asOf, 1), to: latest } });
  }
  // Every plan, installments or extension or both, ends within the longest plan from the agreement date (the plan's
  // own installments: contractual ones that continue unchanged on an 'arrears' spread are not part of it).
  const latestEnd = latestPlanEnd(asOf, policy.longestPlanMonths);
  const planEnd = priced.schedule.findLast((row) => row.source === 'plan')?.dueDate ?? asOf;
  if (planEnd > latestEnd) out.push({ rule: 'plan.longest', params: { max: policy.longestPlanMonths, latestEnd, endDate: planEnd } });
  if (priced.coversInterest === false) out.push({ rule: 'installments.paymentBelowInterest' });
  if (role === 'borrower') out.push(...borrowerViolations(ctx, terms, priced));
  else out.push(...authorityViolations(ctx, terms, role, priced));
  if (!priced.fitsCap) out.push({ rule: 'cap.exceeded', params: { cap: priced.cap.cap, charges: priced.cap.charges, paidAboveCap: priced.cap.paidAboveCap, excess: priced.cap.excess } });
  return out;
}

/** Prices the terms and lists every rule they break for the role (priced is null when the values cannot be priced). */
export function evaluateOffer(ctx: OfferContext, terms: OfferTerms, role: OfferRole, options: PricingOptions = {}): { priced: PricedOffer | null; violations: OfferViolation[] } {
  let priced: PricedOffer;
  try {
    priced = priceOffer(ctx, terms, options);
  } catch (error) {
    if (error instanceof OfferTermsError) return { priced: null, violations: error.violations };
    throw error;
  }
  return { priced, violations: policyViolations(ctx, terms, role, priced) };
}

/**
 * Whether the role may make (or, for a borrower, propose) this offer. Law and
 * policy apply to every role (art. 12, plan length, minimum down payment,
 * first-due window, the cap); borrowers are held to the borrower-proposal
 * bounds and may ask for relief (authorityNeeded says who must grant it); staff
 * to their authority, the system to the mediator's.
 */
export function checkOffer(ctx: OfferContext, terms: OfferTerms, role: OfferRole): OfferCheck {
  const { violations } = evaluateOffer(ctx, terms, role);
  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}

/**
 * Whose authority the terms need: 'none' (no relief, within the borrower's and
 * the mediator's bounds), 'mediator', or 'supervisor' (beyond the mediator; when
 * beyond the supervisor too, checkOffer(…, 'supervisor') says why). Terms whose
 * values cannot be priced throw OfferTermsError.
 */
export function authorityNeeded(ctx: OfferContext, terms: OfferTerms): 'none' | 'mediator' | 'supervisor' {
  const priced = priceOffer(ctx, terms);
  const mediatorOk = authorityViolations(ctx, terms, 'mediator', priced).length === 0;
  if (!hasRelief(terms) && mediatorOk && borrowerViolations(ctx, terms, priced).length === 0) return 'none';
  return mediatorOk ? 'mediator' : 'supervisor';
}
