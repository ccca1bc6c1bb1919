import { addDays, addMonths, anchorDayOf, dayOfMonth, type IsoDate } from './dates';
import { withHardshipPause } from './hardship-pause';
import { evaluateOffer, latestPlanEnd } from './offer-checks';
import { extensionLimitMonths, percentOf, type OfferContext, type OfferTerms, type PricedOffer, type Suggestion } from './offer-terms';

/**
 * Tailored offers (when the hardship statement is submitted, and on request):
 * two to four offers within policy and the mediator's authority (checkOffer
 * for 'system' passes on each: art. 12, the longest plan, the cap, …),
 * ordered by regular payment, lowest first (ties: lower total payable first).
 *
 * The search. Relief comes in levels within the mediator's authority, each
 * including the one before: none; penalty and compound waived (the mediator's
 * maximum); + overdue interest waived (maximum); + the rate reduced (maximum)
 * for the whole plan. Shapes: installments alone; when the loan has not
 * matured yet, still has principal not yet due and art. 12 leaves room, also
 * the longest extension allowed with or without installments for the overdue
 * part (art. 12 from the maturity as already extended, and ending within the
 * longest plan). Installments are equal-payment (the lower regular payment of
 * the two methods), with the policy's minimum down payment and the first due
 * date a month away, on the offer date's day (or at the end of the first-due
 * window if that is sooner).
 *
 * With a known, positive disposable income: for the lowest relief level that
 * has any affordable plan, the cheapest (lowest total payable) of each shape's
 * shortest affordable plan ("shortest_affordable"); then the same shape at the
 * longest plan ("lowest_payment") and halfway ("balanced"), and another shape's
 * shortest affordable plan ("alternative"). Every installment length from 1 to
 * the longest allowed is tried at every level (skipped only for a shape whose
 * regular payment cannot rise with the length when its longest plan is already
 * unaffordable), so an affordable suggestion is found whenever any plan of
 * these shapes within authority is affordable — more relief never raises the
 * regular payment, beyond rounding.
 * With no affordable plan, an unknown income, or an income of zero or below:
 * the longest plan with penalty and compound waived ("hardship"), the lowest
 * payment within authority when the income is positive ("lowest_payment"), a
 * standard 12-month plan ("standard") and an extension when one is possible
 * ("extension"); affordable is then false (or null), for a mediator's review.
 * Fewer than two come back only when fewer than two distinct offers are
 * possible within policy (for instance when nothing is owed).
 * An income of zero or below ends with the hook of hardship-pause.ts: a
 * hardship pause first and the lowest-payment plan of these beside it.
 */

export type Shape = 'installments' | 'extension_installments' | 'extension';
type Relief = NonNullable<OfferTerms['relief']>;
type Candidate = { shape: Shape; months: number; level: number; terms: OfferTerms; priced: PricedOffer };

function withoutRateReduction(relief: Relief | undefined): Relief | undefined {
  // Stryker disable next-line ConditionalExpression: equivalent: the probe reads only the spread base and the plan's length, which no rate changes.
  if (!relief?.rateReduction) return relief;
  const { rateReduction: _ignored, ...rest } = relief;
  return rest;
}

/**
 * Whether a shape's regular payment can never rise with the number of installments, so that an unaffordable longest plan
 * rules out the shorter ones: when the installments are the whole plan (the spread base is everything outstanding), or
 * when the extended part of an extension + installments runs at the contract rate (it is then level or falling, from the
 * same first date). Otherwise every length is tried.
 */
export function paymentNeverRisesWithLength(shape: Shape, { policy, loan }: Pick<OfferContext, 'policy' | 'loan'>): boolean {
  if (shape === 'installments') return policy.installments.spreadBase === 'outstanding';
  if (shape !== 'extension_installments') return false;
  return policy.extension.rate === 'contract' || (policy.extension.policyAnnualRatePpm ?? loan.annualRatePpm) === loan.annualRatePpm;
}

export function suggestOffers(ctx: OfferContext): Suggestion[] {
  const { asOf, loan, policy, arrears } = ctx;
  const t = arrears.totals;
  const mediator = policy.authority.mediator;
  // Within the longest plan: the first due date is at most a month away, so `longestPlanMonths` installments end in time.
  const maxMonths = Math.min(policy.installments.maxMonths, mediator.maxPlanMonths, policy.longestPlanMonths);
  const firstDueDate: IsoDate = [addMonths(asOf, 1), addDays(asOf, policy.installments.firstDueWindowDays)].sort()[0]!;
  // The longest extension art. 12 leaves (cumulatively), that still ends within the longest plan.
  const anchor = anchorDayOf(loan.installments.map((row) => row.dueDate)) ?? dayOfMonth(loan.maturityDate);
  const latestEnd = latestPlanEnd(asOf, policy.longestPlanMonths);
  let maxExtension = extensionLimitMonths(loan.termMonths) - loan.extendedMonths;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: an extension of less than a month is never tried (the line below), and a month too long is refused by evaluateOffer (plan.longest).
  while (maxExtension >= 1 && addMonths(loan.maturityDate, maxExtension, anchor) > latestEnd) maxExtension--;
  const shapes: Shape[] = ['installments'];
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: equivalent: which shapes are tried, to save time; evaluateOffer refuses the same extensions (extension.limit, extension.tooShort, plan.longest).
  if (asOf < loan.maturityDate && maxExtension >= 1 && t.notYetDuePrincipal > 0) shapes.push('extension_installments', 'extension');

  // Relief levels; a level that would waive nothing more than the one before is left out.
  const levels: (Relief | undefined)[] = [undefined];
  const penaltyWaive = t.penalty > 0 ? mediator.maxPenaltyWaivePct : 0;
  const compoundWaive = t.compound > 0 ? mediator.maxCompoundWaivePct : 0;
  const interestWaive = t.overdueInterest > 0 ? mediator.maxInterestWaivePct : 0;
  let relief: Relief = { penaltyWaivePct: 0, compoundWaivePct: 0, interestWaivePct: 0, principalWaive: 0 };
  if (penaltyWaive > 0 || compoundWaive > 0) levels.push((relief = { ...relief, penaltyWaivePct: penaltyWaive, compoundWaivePct: compoundWaive }));
  const hardshipLevel = levels.length - 1;
  if (interestWaive > 0) levels.push((relief = { ...relief, interestWaivePct: interestWaive }));
  const reduceRate = loan.annualRatePpm > 0 && mediator.maxRateReductionPct > 0;
  if (reduceRate) levels.push((relief = { ...relief, rateReduction: { pct: mediator.maxRateReductionPct, months: 1 } }));
  const topLevel = levels.length - 1;

  const termsFor = (shape: Shape, months: number, reliefAt: Relief | undefined, downPayment: number): OfferTerms => ({
    ...(shape !== 'installments' ? { extensionMonths: maxExtension } : {}),
    ...(shape !== 'extension' ? { installments: { months, method: 'equal_installment' as const, downPayment, firstDueDate } } : {}),
    ...(reliefAt ? { relief: reliefAt } : {}),
  });
  // The spread base and the number of plan months do not depend on the down payment: priced once per shape and level.
  const basics = new Map<string, { base: number; planMonths: number } | null>();
  const basicsOf = (shape: Shape, level: number) => {
    const key = `${shape}/${level}`;
    // Stryker disable next-line ConditionalExpression: equivalent: a cache.
    if (!basics.has(key)) {
      const reliefAt = withoutRateReduction(levels[level]);
      // Stryker disable next-line StringLiteral: equivalent: any role but 'supervisor' is held to the mediator's authority, as 'system' is.
      const { priced } = evaluateOffer(ctx, termsFor(shape, 1, reliefAt, 0), 'system');
      basics.set(key, priced && { base: priced.installmentBase, planMonths: priced.schedule.filter((row) => row.source === 'plan').length });
    }
    return basics.get(key)!;
  };
  const candidate = (shape: Shape, months: number, level: number): Candidate | null => {
    const b = basicsOf(shape, level);
    // Stryker disable next-line ConditionalExpression: equivalent: every shape tried can be priced (an extension only before maturity, so its new maturity follows the first due date).
    if (!b) return null;
    let reliefAt = levels[level];
    if (reliefAt?.rateReduction) reliefAt = { ...reliefAt, rateReduction: { ...reliefAt.rateReduction, months: Math.max(months, b.planMonths, 1) } };
    const terms = termsFor(shape, months, reliefAt, percentOf(b.base, policy.installments.minDownPaymentPct));
    // Stryker disable next-line StringLiteral: equivalent: any role but 'supervisor' is held to the mediator's authority, as 'system' is.
    const { priced, violations } = evaluateOffer(ctx, terms, 'system');
    return priced && violations.length === 0 ? { shape, months, level, terms, priced } : null;
  };
  /** The lowest-payment valid plan of the shapes at a level: the longest allowed, shortened only if the longest breaks a rule (the cap). */
  const lowestAt = (level: number): Candidate | null => {
    const found: Candidate[] = [];
    for (const shape of shapes) {
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: an extension's terms have no length, so any length prices the same extension.
      for (let m = shape === 'extension' ? 0 : maxMonths; m >= (shape === 'extension' ? 0 : 1); m--) {
        const c = candidate(shape, m, level);
        if (c) {
          found.push(c);
          break;
        }
      }
    }
    return found.sort((a, b) => a.priced.regularPayment - b.priced.regularPayment || a.priced.totalPayable - b.priced.totalPayable)[0] ?? null;
  };

  const picked: (Candidate & { kind: Suggestion['kind'] })[] = [];
  const add = (kind: Suggestion['kind'], c: Candidate | null | undefined) => {
    if (c) picked.push({ ...c, kind });
  };
  const income = ctx.disposableIncome;
  let affordableFound = false;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent: with no income nothing is affordable (null), and with none above zero no plan that asks a payment is.
  if (income !== null && income > 0) {
    for (let level = 0; level <= topLevel && !affordableFound; level++) {
      const found: Candidate[] = [];
      for (const shape of shapes) {
        // Stryker disable next-line ConditionalExpression,StringLiteral,BlockStatement: equivalent: the loop below finds the same extension at every length.
        if (shape === 'extension') {
          const c = candidate(shape, 0, level);
          if (c?.priced.affordable) found.push(c);
          continue;
        }
        // Where a longer plan never has a higher regular payment, an unaffordable longest plan rules out the shorter ones.
        const longest = candidate(shape, maxMonths, level);
        // Stryker disable next-line ConditionalExpression: equivalent when it never prunes (it only saves time); pruning more is paymentNeverRisesWithLength's to decide.
        if (paymentNeverRisesWithLength(shape, ctx) && longest && !longest.priced.affordable) continue;
        for (let m = 1; m <= maxMonths; m++) {
          // Stryker disable next-line ConditionalExpression: equivalent: the longest plan again, priced twice.
          const c = m === maxMonths ? longest : candidate(shape, m, level);
          if (c?.priced.affordable) {
            found.push(c);
            break;
          }
        }
      }
      if (found.length === 0) continue;
      affordableFound = true;
      found.sort((a, b) => a.priced.totalPayable - b.priced.totalPayable || a.priced.numberOfPayments - b.priced.numberOfPayments);
      const best = found[0]!;
      add('shortest_affordable', best);
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: for an extension these would be the same offer again, left out as a duplicate.
      if (best.shape !== 'extension') {
        add('lowest_payment', candidate(best.shape, maxMonths, level));
        add('balanced', candidate(best.shape, Math.ceil((best.months + maxMonths) / 2), level));
      }
      add('alternative', found[1]);
    }
  }
  if (!affordableFound) {
    add('hardship', lowestAt(hardshipLevel));
    // A known income that covers nothing: also the lowest payment the mediator can offer.
    if (income !== null) add('lowest_payment', lowestAt(topLevel));
    add('standard', candidate('installments', Math.min(12, maxMonths), 0) ?? candidate('installments', Math.min(12, maxMonths), hardshipLevel));
    // Relief within authority only lowers what is owed, so an extension refused with the penalty waived is refused without it too.
    if (shapes.includes('extension')) add('extension', candidate('extension', 0, hardshipLevel));
  }
  const distinct = () => {
    const seen = new Set<string>();
    return picked.filter((c) => {
      const key = JSON.stringify(c.terms);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  // At least two when two distinct offers exist: the lowest payment within authority, then other lengths and levels
  // (where the cap already binds, only the deeper relief levels may be valid).
  if (distinct().length < 2) add('lowest_payment', lowestAt(topLevel));
  // In this order; a length beyond maxMonths is refused by evaluateOffer (installments.maxMonths, authority.planMonths or plan.longest), a repeat left out as a duplicate.
  const lengths = [12, maxMonths, Math.ceil(maxMonths / 2), 6, 3, 1];
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: the loop's own test, repeated before each addition.
  for (let level = 0; level <= topLevel && distinct().length < 2; level++) {
    for (const shape of shapes) {
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: an extension's terms have no length.
      for (const m of shape === 'extension' ? [0] : lengths) {
        if (distinct().length < 2) add(level === 0 ? 'standard' : 'alternative', candidate(shape, m, level));
      }
    }
  }
  // At most four: each path above adds four at most, and the filling stops at two.
  const sorted = distinct()
    .sort((a, b) => a.priced.regularPayment - b.priced.regularPayment || a.priced.totalPayable - b.priced.totalPayable)
    .map(({ kind, terms, priced }) => ({ kind, terms, priced }));
  // Nothing left over: a hardship pause and a long-term plan, for a mediator's review (hardship-pause.ts).
  return withHardshipPause(ctx, sorted);
}
