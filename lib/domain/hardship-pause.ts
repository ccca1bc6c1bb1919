import { addDays, addMonths, type IsoDate } from './dates';
import { divideHalfUp, splitEvenly, type Fen } from './money';
import { evaluateOffer } from './offer-checks';
import { priceOffer } from './offer-pricing';
import { percentOf, pctHundredths, type OfferContext, type OfferRole, type OfferTerms, type OfferViolation, type PricedOffer, type Suggestion } from './offer-terms';

/**
 * The hardship pause (DESIGN.md: a disposable income of zero or below is a valid
 * answer that leads to a hardship pause or a long-term offer and a mediator's
 * review): for policy.hardshipPause.months nothing is due and interest is frozen
 * (none accrues) or reduced, then the whole outstanding balance is repaid in
 * monthly installments. The offer is flagged for a mediator's review.
 *
 * Conventions, on top of offer-pricing.ts:
 * - The pause runs from the offer date (asOf) to asOf + months (`until`). The
 *   installments spread everything carried (the spread base is 'outstanding'
 *   whatever the policy says: the contractual installments cannot keep falling
 *   due during a pause); the first is due one month after the pause ends, or
 *   sooner within the first-due window counted from `until`.
 * - Interest. The plan's interest is offer-pricing's, starting when the pause
 *   ends (PricingOptions.interestFrom = until): the first period runs from `until`
 *   to the first due date for its actual length, then one month's interest per
 *   installment on the running balance; nothing accrues during the pause — so a
 *   'frozen' pause charges nothing for it. The cap still runs from the offer date. A 'reduced' pause
 *   charges the financed principal (after any down payment) × the contract rate ×
 *   reducedRatePct % × months / 12, half-up to the fen, once; it bears no interest
 *   itself and is spread evenly over the installments (the last takes the remainder),
 *   as new interest: in newInterest, the total, the saving and the cap.
 * - Length. Pause and installments together end within the longest plan
 *   (policy.longestPlanMonths from the offer date, and no more months than
 *   policy.installments.maxMonths).
 */

export type HardshipPause = {
  months: number;
  interest: 'frozen' | 'reduced';
  /** The rate during the pause as a percentage of the contract rate (0 when frozen). */
  ratePct: number;
};

export type PauseSummary = HardshipPause & {
  from: IsoDate;
  /** The day the pause ends; the first installment falls due after it. */
  until: IsoDate;
  /** Interest charged for the pause (0 when frozen). */
  interestCharged: Fen;
};

export type PausedTerms = OfferTerms & { pause: HardshipPause; installments: NonNullable<OfferTerms['installments']> };

export type PauseRule = 'pause.disabled' | 'pause.maxMonths' | 'pause.interest' | 'pause.structure' | 'pause.firstDueWindow' | 'pause.planLength';
export type PauseViolation = { rule: PauseRule; params?: Record<string, number | string> };

export function hasPause(terms: OfferTerms): terms is PausedTerms {
  return terms.pause !== undefined;
}

/** The day the pause ends. */
export function pauseEnd(asOf: IsoDate, months: number): IsoDate {
  return addMonths(asOf, months);
}

/** The installments spread the whole outstanding balance during a pause, whatever the policy's spread base. */
function spreadEverything(ctx: OfferContext): OfferContext {
  if (ctx.policy.installments.spreadBase === 'outstanding') return ctx;
  return { ...ctx, policy: { ...ctx.policy, installments: { ...ctx.policy.installments, spreadBase: 'outstanding' } } };
}

/** principal × annual rate × pct % × months / 12, half-up to the fen. */
export function pauseInterest(principal: Fen, annualRatePpm: number, pause: HardshipPause): Fen {
  if (pause.interest === 'frozen' || principal <= 0) return 0;
  const hundredths = pctHundredths(pause.ratePct) ?? 0;
  return divideHalfUp(BigInt(principal) * BigInt(annualRatePpm) * BigInt(hundredths) * BigInt(pause.months), 12n * 1_000_000n * 10_000n);
}

/** Prices a paused plan: the installments as offer-pricing prices them, with the pause's interest added as described above. */
export function pricePausedPlan(ctx: OfferContext, terms: PausedTerms): PricedOffer {
  const { pause, ...plan } = terms;
  const priced = priceOffer(spreadEverything(ctx), plan, { interestFrom: pauseEnd(ctx.asOf, pause.months) });
  const charged = pauseInterest(priced.financed.principal, ctx.loan.annualRatePpm, pause);
  const summary: PauseSummary = { ...pause, from: ctx.asOf, until: pauseEnd(ctx.asOf, pause.months), interestCharged: charged };
  if (charged === 0) return { ...priced, pause: summary };

  const planRows = priced.schedule.filter((row) => row.source === 'plan');
  const parts = splitEvenly(charged, planRows.length);
  let next = 0;
  const schedule = priced.schedule.map((row) => (row.source === 'plan' ? { ...row, interest: row.interest + parts[next]!, amount: row.amount + parts[next++]! } : row));
  // The regular payment as offer-pricing counts it: the highest total in any month, a plan's last installment at no more than the one before it.
  const lastPlan = schedule.findLastIndex((row) => row.source === 'plan');
  const previousPlan = schedule.slice(0, lastPlan).findLastIndex((row) => row.source === 'plan');
  const monthly = (pick: (row: (typeof schedule)[number], i: number) => Fen) => {
    const totals = new Map<string, Fen>();
    schedule.forEach((row, i) => totals.set(row.dueDate.slice(0, 7), (totals.get(row.dueDate.slice(0, 7)) ?? 0) + pick(row, i)));
    return Math.max(0, ...totals.values());
  };
  const regularPayment = monthly((row, i) => (i === lastPlan && previousPlan >= 0 ? Math.min(row.amount, schedule[previousPlan]!.amount) : row.amount));
  const capCharges = priced.cap.charges + charged;
  // As offer-pricing measures it: charges paid above the cap to date, in history or credited against principal, are not the plan's.
  const excess = Math.max(0, capCharges - priced.cap.cap - priced.cap.paidAboveCap - (priced.capReduction.principal ?? 0));
  return {
    ...priced,
    schedule,
    regularPayment,
    peakPayment: monthly((row) => row.amount),
    totalPayable: priced.totalPayable + charged,
    newInterest: priced.newInterest + charged,
    saving: priced.saving - charged,
    affordable: ctx.disposableIncome === null ? null : regularPayment <= ctx.disposableIncome,
    cap: { ...priced.cap, charges: capCharges, excess },
    fitsCap: excess === 0,
    pause: summary,
  };
}

/**
 * Prices any offer's terms as they were made: a paused plan with its pause (no interest while it runs, or the reduced
 * rate), any other with offer-pricing. Pricing a paused offer's terms with offer-pricing alone drops the pause: its
 * months bear the plan's interest and the pause is not described.
 */
export function priceTerms(ctx: OfferContext, terms: OfferTerms): PricedOffer {
  return hasPause(terms) ? pricePausedPlan(ctx, terms) : priceOffer(ctx, terms);
}

function pauseViolations(ctx: OfferContext, terms: PausedTerms): PauseViolation[] {
  const policy = ctx.policy.hardshipPause;
  const out: PauseViolation[] = [];
  const { pause, installments } = terms;
  if (!policy.enabled) out.push({ rule: 'pause.disabled' });
  if (!Number.isInteger(pause.months) || pause.months < 1 || pause.months > policy.maxMonths) out.push({ rule: 'pause.maxMonths', params: { max: policy.maxMonths } });
  // The pause may be kinder than the policy (frozen where it reduces), never harsher.
  if (pause.interest === 'reduced' && (policy.interest === 'frozen' || pause.ratePct > policy.reducedRatePct)) {
    out.push({ rule: 'pause.interest', params: { interest: policy.interest, pct: policy.reducedRatePct } });
  }
  if (terms.extensionMonths !== undefined) out.push({ rule: 'pause.structure' });
  const until = pauseEnd(ctx.asOf, pause.months);
  const latest = addDays(until, ctx.policy.installments.firstDueWindowDays);
  if (installments.firstDueDate <= until || installments.firstDueDate > latest) out.push({ rule: 'pause.firstDueWindow', params: { from: addDays(until, 1), to: latest } });
  const longest = Math.min(ctx.policy.installments.maxMonths, ctx.policy.longestPlanMonths);
  if (pause.months + installments.months > longest) out.push({ rule: 'pause.planLength', params: { max: longest } });
  return out;
}

/** Prices a paused plan and lists every rule it breaks for the role: the pause's own, and the offer rules but the first-due window (which the pause moves). */
export function evaluatePausedPlan(ctx: OfferContext, terms: PausedTerms, role: OfferRole): { priced: PricedOffer | null; violations: (OfferViolation | PauseViolation)[] } {
  const { pause, ...plan } = terms;
  const checked = evaluateOffer(spreadEverything(ctx), plan, role, { interestFrom: pauseEnd(ctx.asOf, pause.months) });
  if (!checked.priced) return checked;
  const priced = pricePausedPlan(ctx, terms);
  const violations: OfferViolation[] = checked.violations.filter((v) => v.rule !== 'installments.firstDueWindow' && v.rule !== 'cap.exceeded');
  if (!priced.fitsCap) violations.push({ rule: 'cap.exceeded', params: { cap: priced.cap.cap, charges: priced.cap.charges, paidAboveCap: priced.cap.paidAboveCap, excess: priced.cap.excess } });
  const own = pauseViolations(ctx, terms);
  // The longest plan, measured in months of pause and installments, is the pause's own rule: not said twice.
  const said = own.some((v) => v.rule === 'pause.planLength') ? violations.filter((v) => v.rule !== 'plan.longest') : violations;
  return { priced, violations: [...said, ...own] };
}

/**
 * The pause the system proposes to a borrower with nothing left over: the
 * policy's pause and interest, then the longest installment plan within the
 * mediator's authority that still ends within the longest plan, with penalty and
 * compound interest waived as far as the mediator may (as the "hardship" offer),
 * the policy's minimum down payment; shortened only if the longest breaks a rule.
 * Null when the income is unknown or positive, or the policy has no pause.
 */
export function suggestHardshipPause(ctx: OfferContext): Suggestion | null {
  const policy = ctx.policy.hardshipPause;
  if (!policy.enabled || ctx.disposableIncome === null || ctx.disposableIncome > 0) return null;
  const t = ctx.arrears.totals;
  if (t.totalToSettle <= 0) return null;
  const mediator = ctx.policy.authority.mediator;
  const pause: HardshipPause = { months: policy.months, interest: policy.interest, ratePct: policy.interest === 'frozen' ? 0 : policy.reducedRatePct };
  const until = pauseEnd(ctx.asOf, pause.months);
  const firstDueDate = [addMonths(until, 1), addDays(until, ctx.policy.installments.firstDueWindowDays)].sort()[0]!;
  const penaltyWaivePct = t.penalty > 0 ? mediator.maxPenaltyWaivePct : 0;
  const compoundWaivePct = t.compound > 0 ? mediator.maxCompoundWaivePct : 0;
  const relief = penaltyWaivePct > 0 || compoundWaivePct > 0 ? { penaltyWaivePct, compoundWaivePct, interestWaivePct: 0, principalWaive: 0 } : undefined;
  const longest = Math.min(mediator.maxPlanMonths, ctx.policy.installments.maxMonths - pause.months, ctx.policy.longestPlanMonths - pause.months);
  const termsFor = (months: number, downPayment: Fen): PausedTerms => ({ installments: { months, method: 'equal_installment', downPayment, firstDueDate }, ...(relief ? { relief } : {}), pause });
  for (let months = longest; months >= 1; months--) {
    const base = priceOffer(spreadEverything(ctx), termsFor(months, 0), { interestFrom: until }).installmentBase;
    const terms = termsFor(months, percentOf(base, ctx.policy.installments.minDownPaymentPct));
    const { priced, violations } = evaluatePausedPlan(ctx, terms, 'system');
    if (priced && violations.length === 0) return { kind: 'hardship_pause', terms, priced };
  }
  return null;
}

/**
 * The hook into the suggestions: for a borrower with nothing left over, the
 * pause first and the longest-term plan beside it (the lowest monthly payment
 * of the others), instead of a list of offers that all exceed what they can pay.
 */
export function withHardshipPause(ctx: OfferContext, suggestions: Suggestion[]): Suggestion[] {
  const pause = suggestHardshipPause(ctx);
  if (!pause) return suggestions;
  const longTerm = [...suggestions].sort((a, b) => a.priced.regularPayment - b.priced.regularPayment || b.priced.numberOfPayments - a.priced.numberOfPayments)[0];
  return longTerm ? [pause, longTerm] : [pause];
}

/** Whether an offer's terms call for a mediator's review before the agreement is countersigned. */
export function needsMediatorReview(terms: OfferTerms): boolean {
  return hasPause(terms);
}
