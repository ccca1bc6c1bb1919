import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, anchorDayOf, dayOfMonth } from './dates';
import { evaluateOffer } from './offer-checks';
import { percentOf, type OfferContext, type OfferTerms, type PricedOffer, type Suggestion } from './offer-terms';
import { paymentNeverRisesWithLength, suggestOffers } from './offer-suggestions';
import { offerCaseArb, offerCaseOf, type OfferCaseRecord } from './oracle/arbitraries';

/**
 * The suggestion search, checked against its stated rules (offer-suggestions.ts's header) by brute force: every plan of
 * every shape, length and relief level is priced with evaluateOffer (the pricing and the checks, not the search), and
 * the suggestions must be exactly what the rules pick from them. Random cases from the oracle's arbitraries, with a
 * known positive income or none (an income of zero or below is hardship-pause.test.ts's).
 */

type Shape = 'installments' | 'extension_installments' | 'extension';
type Relief = NonNullable<OfferTerms['relief']>;
type Plan = { shape: Shape; months: number; level: number; terms: OfferTerms; priced: PricedOffer };

/** Art. 12 of the General Rules on Loans, written out: ≤ 1 year: the term; 1–5 years: half of it; longer: 3 years. */
const art12 = (termMonths: number) => (termMonths <= 12 ? termMonths : termMonths <= 60 ? Math.floor(termMonths / 2) : 36);

/** Everything the rules say about one case, worked out apart from the search. */
function plansOf(ctx: OfferContext) {
  const { asOf, loan, policy } = ctx;
  const t = ctx.arrears.totals;
  const m = policy.authority.mediator;
  const maxMonths = Math.min(policy.installments.maxMonths, m.maxPlanMonths, policy.longestPlanMonths);
  const inAMonth = addMonths(asOf, 1);
  const windowEnd = addDays(asOf, policy.installments.firstDueWindowDays);
  const firstDueDate = windowEnd < inAMonth ? windowEnd : inAMonth;
  // The longest extension art. 12 leaves, cumulatively, whose new maturity is within the longest plan from the offer date.
  const anchor = anchorDayOf(loan.installments.map((row) => row.dueDate)) ?? dayOfMonth(loan.maturityDate);
  const latestEnd = addMonths(asOf, policy.longestPlanMonths, dayOfMonth(asOf));
  let maxExtension = 0;
  for (let e = 1; e <= art12(loan.termMonths) - loan.extendedMonths; e++) if (addMonths(loan.maturityDate, e, anchor) <= latestEnd) maxExtension = e;
  const shapes: Shape[] = asOf < loan.maturityDate && maxExtension >= 1 && t.notYetDuePrincipal > 0 ? ['installments', 'extension_installments', 'extension'] : ['installments'];
  // Relief levels, each adding to the one before, leaving out a level that waives nothing more.
  const levels: (Relief | undefined)[] = [undefined];
  let relief: Relief = { penaltyWaivePct: 0, compoundWaivePct: 0, interestWaivePct: 0, principalWaive: 0 };
  const penalty = t.penalty > 0 ? m.maxPenaltyWaivePct : 0;
  const compound = t.compound > 0 ? m.maxCompoundWaivePct : 0;
  if (penalty > 0 || compound > 0) levels.push((relief = { ...relief, penaltyWaivePct: penalty, compoundWaivePct: compound }));
  const hardshipLevel = levels.length - 1;
  if (t.overdueInterest > 0 && m.maxInterestWaivePct > 0) levels.push((relief = { ...relief, interestWaivePct: m.maxInterestWaivePct }));
  if (loan.annualRatePpm > 0 && m.maxRateReductionPct > 0) levels.push({ ...relief, rateReduction: { pct: m.maxRateReductionPct, months: 0 } });

  const cache = new Map<string, Plan | null>();
  /** The plan of this shape, length and level, with the policy's down payment; null when a rule refuses it. */
  const plan = (shape: Shape, months: number, level: number): Plan | null => {
    const key = `${shape}/${months}/${level}`;
    if (cache.has(key)) return cache.get(key)!;
    const base = levels[level];
    const withoutRate = base?.rateReduction ? (({ rateReduction: _r, ...rest }) => rest)(base) : base;
    const termsWith = (downPayment: number, reliefAt: Relief | undefined): OfferTerms => ({
      ...(shape !== 'installments' ? { extensionMonths: maxExtension } : {}),
      ...(shape !== 'extension' ? { installments: { months, method: 'equal_installment' as const, downPayment, firstDueDate } } : {}),
      ...(reliefAt ? { relief: reliefAt } : {}),
    });
    // The down payment is the policy's share of what is spread, and the rate is reduced over the whole plan.
    const probe = evaluateOffer(ctx, { ...termsWith(0, withoutRate), ...(shape !== 'extension' ? { installments: { months: 1, method: 'equal_installment' as const, downPayment: 0, firstDueDate } } : {}) }, 'system').priced;
    let result: Plan | null = null;
    if (probe) {
      const planMonths = probe.schedule.filter((row) => row.source === 'plan').length;
      const reliefAt = base?.rateReduction ? { ...base, rateReduction: { pct: base.rateReduction.pct, months: Math.max(months, planMonths, 1) } } : base;
      const terms = termsWith(percentOf(probe.installmentBase, policy.installments.minDownPaymentPct), reliefAt);
      const { priced, violations } = evaluateOffer(ctx, terms, 'system');
      result = priced && violations.length === 0 ? { shape, months: shape === 'extension' ? 0 : months, level, terms, priced } : null;
    }
    cache.set(key, result);
    return result;
  };
  const lengths = (shape: Shape) => (shape === 'extension' ? [0] : Array.from({ length: maxMonths }, (_, i) => i + 1));
  /** Each shape's shortest affordable plan at a level. */
  const shortestAffordable = (level: number) =>
    shapes.map((shape) => lengths(shape).map((n) => plan(shape, n, level)).find((p) => p?.priced.affordable) ?? null).filter((p): p is Plan => p !== null);
  /** The lowest regular payment among each shape's longest valid plan at a level. */
  const lowestAt = (level: number) =>
    shapes
      .map((shape) => [...lengths(shape)].reverse().map((n) => plan(shape, n, level)).find((p) => p !== null) ?? null)
      .filter((p): p is Plan => p !== null)
      .sort((a, b) => a.priced.regularPayment - b.priced.regularPayment || a.priced.totalPayable - b.priced.totalPayable)[0] ?? null;
  return { maxMonths, firstDueDate, maxExtension, shapes, levels, hardshipLevel, plan, shortestAffordable, lowestAt };
}

/**
 * The suggestions as the header's rules pick them, from every plan priced (no pruning, no cache): with a positive
 * income, at the lowest relief level with any affordable plan, the cheapest of each shape's shortest affordable plan,
 * that shape at the longest plan and halfway, and the next shape's; otherwise the hardship plan (lowest payment with the
 * penalty waived), with a known income the lowest payment within authority, the 12-month standard plan and the
 * extension. Then, while fewer than two distinct offers: the lowest payment within authority, then 12, the longest,
 * half, 6, 3 and 1 months of each shape, level by level. At most four, lowest regular payment first.
 */
function expectedSuggestions(ctx: OfferContext): { kind: Suggestion['kind']; terms: OfferTerms }[] {
  const r = plansOf(ctx);
  const top = r.levels.length - 1;
  const picked: { kind: Suggestion['kind']; plan: Plan }[] = [];
  const add = (kind: Suggestion['kind'], plan: Plan | null | undefined) => plan && picked.push({ kind, plan });
  const income = ctx.disposableIncome;
  let affordable = false;
  if (income !== null && income > 0) {
    for (let level = 0; level <= top && !affordable; level++) {
      const found = r.shortestAffordable(level).sort((a, b) => a.priced.totalPayable - b.priced.totalPayable || a.priced.numberOfPayments - b.priced.numberOfPayments);
      if (found.length === 0) continue;
      affordable = true;
      const best = found[0]!;
      add('shortest_affordable', best);
      if (best.shape !== 'extension') {
        add('lowest_payment', r.plan(best.shape, r.maxMonths, level));
        add('balanced', r.plan(best.shape, Math.ceil((best.months + r.maxMonths) / 2), level));
      }
      add('alternative', found[1]);
    }
  }
  if (!affordable) {
    add('hardship', r.lowestAt(r.hardshipLevel));
    if (income !== null) add('lowest_payment', r.lowestAt(top));
    const twelve = Math.min(12, r.maxMonths);
    add('standard', r.plan('installments', twelve, 0) ?? r.plan('installments', twelve, r.hardshipLevel));
    if (r.shapes.includes('extension')) add('extension', r.plan('extension', 0, r.hardshipLevel));
  }
  const distinct = () => picked.filter((p, i) => picked.findIndex((q) => same(q.plan.terms, p.plan.terms)) === i);
  if (distinct().length < 2) add('lowest_payment', r.lowestAt(top));
  const lengths = [Math.min(12, r.maxMonths), r.maxMonths, Math.ceil(r.maxMonths / 2), 6, 3, 1].filter((m, i, all) => m <= r.maxMonths && all.indexOf(m) === i);
  for (let level = 0; level <= top; level++)
    for (const shape of r.shapes)
      for (const m of shape === 'extension' ? [0] : lengths) if (distinct().length < 2) add(level === 0 ? 'standard' : 'alternative', r.plan(shape, m, level));
  return distinct()
    .slice(0, 4)
    .sort((a, b) => a.plan.priced.regularPayment - b.plan.priced.regularPayment || a.plan.priced.totalPayable - b.plan.priced.totalPayable)
    .map(({ kind, plan }) => ({ kind, terms: plan.terms }));
}

const same = (a: OfferTerms, b: OfferTerms) => JSON.stringify(a) === JSON.stringify(b);
const cases = offerCaseArb.filter((ctx) => ctx.disposableIncome === null || ctx.disposableIncome > 0);
/** The same cases under a mediator's authority that grants less (or none) of each relief: levels drop out. */
const casesAnyAuthority = fc
  .tuple(cases, fc.record({ maxPenaltyWaivePct: fc.constantFrom(100, 50, 0), maxCompoundWaivePct: fc.constantFrom(100, 0), maxInterestWaivePct: fc.constantFrom(30, 0, 100), maxRateReductionPct: fc.constantFrom(30, 0) }))
  .map(([ctx, grant]): OfferContext => ({ ...ctx, policy: { ...ctx.policy, authority: { ...ctx.policy.authority, mediator: { ...ctx.policy.authority.mediator, ...grant } } } }));

describe('offer suggestions, by their stated rules', () => {
  it('are exactly the offers the rules pick from every plan priced, with their kinds', () => {
    fc.assert(
      fc.property(fc.oneof(cases, casesAnyAuthority), (ctx) => {
        expect(suggestOffers(ctx).map(({ kind, terms }) => ({ kind, terms }))).toEqual(expectedSuggestions(ctx));
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('two to four distinct offers, lowest regular payment first, each a plan the rules allow at one of the relief levels, priced as evaluateOffer prices it', () => {
    fc.assert(
      fc.property(cases, (ctx) => {
        const r = plansOf(ctx);
        const suggestions = suggestOffers(ctx);
        expect(suggestions.length).toBeLessThanOrEqual(4);
        for (let i = 1; i < suggestions.length; i++) {
          const [a, b] = [suggestions[i - 1]!.priced, suggestions[i]!.priced];
          expect(a.regularPayment < b.regularPayment || (a.regularPayment === b.regularPayment && a.totalPayable <= b.totalPayable)).toBe(true);
          for (let j = 0; j < i; j++) expect(same(suggestions[j]!.terms, suggestions[i]!.terms)).toBe(false);
        }
        for (const s of suggestions) {
          const shape: Shape = s.terms.extensionMonths === undefined ? 'installments' : s.terms.installments ? 'extension_installments' : 'extension';
          expect(r.shapes).toContain(shape);
          if (s.terms.extensionMonths !== undefined) expect(s.terms.extensionMonths).toBe(r.maxExtension);
          const months = s.terms.installments?.months ?? 0;
          if (s.terms.installments) expect(s.terms.installments).toMatchObject({ method: 'equal_installment', firstDueDate: r.firstDueDate });
          expect(months).toBeLessThanOrEqual(r.maxMonths);
          const level = r.levels.findIndex((_, l) => r.plan(shape, months, l) && same(r.plan(shape, months, l)!.terms, s.terms));
          expect(level, JSON.stringify(s.terms)).toBeGreaterThanOrEqual(0);
          expect(s.priced).toEqual(r.plan(shape, months, level)!.priced);
        }
        // Fewer than two only when fewer than two distinct plans exist at all.
        if (suggestions.length < 2) {
          const distinct = new Set<string>();
          for (const shape of r.shapes) for (let l = 0; l < r.levels.length; l++) for (let n = 0; n <= r.maxMonths; n++) {
            const p = r.plan(shape, n, l);
            if (p) distinct.add(JSON.stringify(p.terms));
          }
          expect(distinct.size).toBeLessThan(2);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('with an income: the cheapest of the shortest affordable plans at the lowest relief level that has one, then that shape at the longest plan and halfway', () => {
    fc.assert(
      fc.property(
        cases.filter((ctx) => ctx.disposableIncome !== null),
        (ctx) => {
          const r = plansOf(ctx);
          const suggestions = suggestOffers(ctx);
          const kinds = suggestions.map((s) => s.kind);
          const level = r.levels.findIndex((_, l) => r.shortestAffordable(l).length > 0);
          if (level < 0) {
            // No affordable plan at any level: none is called affordable, and the hardship plan is the lowest payment with the penalty waived.
            expect(kinds).not.toContain('shortest_affordable');
            expect(kinds).not.toContain('balanced');
            const hardship = r.lowestAt(r.hardshipLevel);
            if (hardship && suggestions.length > 0) expect(suggestions.some((s) => same(s.terms, hardship.terms))).toBe(true);
            return;
          }
          const found = r.shortestAffordable(level).sort((a, b) => a.priced.totalPayable - b.priced.totalPayable || a.priced.numberOfPayments - b.priced.numberOfPayments);
          const best = found[0]!;
          const pick = (kind: Suggestion['kind']) => suggestions.find((s) => s.kind === kind);
          expect(pick('shortest_affordable')?.terms).toEqual(best.terms);
          expect(kinds).not.toContain('hardship');
          if (best.shape !== 'extension') {
            const longest = r.plan(best.shape, r.maxMonths, level);
            if (longest && !same(longest.terms, best.terms)) expect(suggestions.some((s) => same(s.terms, longest.terms))).toBe(true);
            const halfway = r.plan(best.shape, Math.ceil((best.months + r.maxMonths) / 2), level);
            if (halfway && !same(halfway.terms, best.terms) && !(longest && same(halfway.terms, longest.terms))) expect(suggestions.some((s) => same(s.terms, halfway.terms))).toBe(true);
          }
          // Another shape's shortest affordable plan, when there is one and room is left.
          const other = found[1];
          if (other && suggestions.length < 4 && !suggestions.some((s) => same(s.terms, other.terms))) expect.unreachable('the alternative shape is missing');
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('relief within authority never turns an allowed extension into a refused one (why no extension without relief is tried after one with it is refused)', () => {
    fc.assert(
      fc.property(fc.oneof(cases, casesAnyAuthority), (ctx) => {
        const r = plansOf(ctx);
        if (!r.shapes.includes('extension')) return;
        for (let level = 1; level < r.levels.length; level++) if (r.plan('extension', 0, level - 1)) expect(r.plan('extension', 0, level), `level ${level}`).not.toBeNull();
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('with no income known: the longest plan with the penalty waived, a 12-month standard plan and an extension when one is possible', () => {
    fc.assert(
      fc.property(
        offerCaseArb.map((ctx) => ({ ...ctx, disposableIncome: null })),
        (ctx) => {
          const r = plansOf(ctx);
          const suggestions = suggestOffers(ctx);
          for (const s of suggestions) expect(s.priced.affordable).toBe(null);
          const has = (p: Plan | null) => !p || suggestions.length === 4 || suggestions.some((s) => same(s.terms, p.terms));
          expect(has(r.lowestAt(r.hardshipLevel))).toBe(true);
          const twelve = Math.min(12, r.maxMonths);
          expect(has(r.plan('installments', twelve, 0) ?? r.plan('installments', twelve, r.hardshipLevel))).toBe(true);
          if (r.shapes.includes('extension')) expect(has(r.plan('extension', 0, r.hardshipLevel))).toBe(true);
          expect(suggestions.map((s) => s.kind)).not.toContain('shortest_affordable');
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('the shortcut of the search: a shape whose regular payment never rises with the number of installments', () => {
  const [base] = fc.sample(offerCaseArb, { numRuns: 1, seed: 1 });
  const at = (installments: Partial<OfferContext['policy']['installments']>, extension: Partial<OfferContext['policy']['extension']>, annualRatePpm = 180_000) => ({
    loan: { ...base!.loan, annualRatePpm },
    policy: { ...base!.policy, installments: { ...base!.policy.installments, ...installments }, extension: { ...base!.policy.extension, ...extension } },
  });
  it('installments alone, only when they are the whole plan (everything outstanding spread)', () => {
    expect(paymentNeverRisesWithLength('installments', at({ spreadBase: 'outstanding' }, {}))).toBe(true);
    expect(paymentNeverRisesWithLength('installments', at({ spreadBase: 'arrears' }, {}))).toBe(false);
  });
  it('an extension with installments, only when the extended part runs at the contract rate', () => {
    expect(paymentNeverRisesWithLength('extension_installments', at({ spreadBase: 'arrears' }, { rate: 'contract', policyAnnualRatePpm: 90_000 }))).toBe(true);
    expect(paymentNeverRisesWithLength('extension_installments', at({ spreadBase: 'outstanding' }, { rate: 'policy', policyAnnualRatePpm: 180_000 }))).toBe(true);
    expect(paymentNeverRisesWithLength('extension_installments', at({ spreadBase: 'outstanding' }, { rate: 'policy', policyAnnualRatePpm: undefined }))).toBe(true);
    expect(paymentNeverRisesWithLength('extension_installments', at({ spreadBase: 'outstanding' }, { rate: 'policy', policyAnnualRatePpm: 90_000 }))).toBe(false);
  });
  it('an extension alone has no installments to count', () => {
    expect(paymentNeverRisesWithLength('extension', at({ spreadBase: 'outstanding' }, { rate: 'contract' }))).toBe(false);
  });
});

/**
 * Cases where a finer point of the rules decides what is offered. Each was found by pricing thousands of random cases
 * and keeping one where a plausible slip in the search would change the offers (the first was worked out by hand); the
 * fact it shows is checked as stated, and the whole answer against the brute force above.
 */
describe('offer suggestions, where a finer point decides', () => {
  const policy = (p: Partial<OfferCaseRecord['policy']>): OfferCaseRecord['policy'] => ({
    markup: 50, cap: 24, scope: 'whole_debt', spreadBase: 'arrears', extensionRate: 'contract', minDownPaymentPct: 0, maxMonths: 36, longest: 60, mediatorMonths: 36,
    pause: { months: 1, interest: 'frozen', reducedRatePct: 0 },
    ...p,
  });
  /** The case those makings give, under a mediator's authority that grants what `grant` says. */
  const caseOf = (record: OfferCaseRecord, grant: Partial<OfferContext['policy']['authority']['mediator']> = {}): OfferContext => {
    const ctx = offerCaseOf(record);
    return { ...ctx, policy: { ...ctx.policy, authority: { ...ctx.policy.authority, mediator: { ...ctx.policy.authority.mediator, ...grant } } } };
  };
  const suggest = (ctx: OfferContext) => {
    const suggestions = suggestOffers(ctx);
    expect(suggestions.map(({ kind, terms }) => ({ kind, terms }))).toEqual(expectedSuggestions(ctx));
    return suggestions;
  };
  const kindOf = (suggestions: Suggestion[], kind: Suggestion['kind']) => suggestions.find((s) => s.kind === kind);

  it('an extension of a loan due on the 31st is counted in months from that day, not from a shorter month’s end', () => {
    // 13 months from 2023-01-31: due on the last day of each month, maturity 2024-02-29. On 2023-08-30, with plans of at most
    // 12 months (so ending by 2024-08-30), six more months would mature on 2024-08-31, a day too late: five (2024-07-31).
    // Counted from the 29th, six would end on 2024-08-29 and pass.
    const ctx = caseOf({
      loan: { principal: 1_000_000, annualRatePpm: 120_000, months: 13, method: 'equal_installment', start: '2023-01-31', fee: 0 },
      paid: 5, early: 0, extraDays: 30, extendedMonths: 0, policy: policy({ maxMonths: 12, longest: 12, mediatorMonths: 24 }), income: null,
    });
    expect([ctx.asOf, ctx.loan.maturityDate]).toEqual(['2023-08-30', '2024-02-29']);
    const extensions = suggest(ctx).filter((s) => s.terms.extensionMonths !== undefined);
    expect(extensions.length).toBeGreaterThan(0);
    for (const s of extensions) expect(s.terms.extensionMonths).toBe(5);
  });

  it('a loan at 0 % has no rate to reduce: no offer carries a rate reduction, and the standard plan stays', () => {
    const ctx = caseOf({
        loan: { principal: 15_517, annualRatePpm: 0, months: 13, method: 'equal_installment', start: '2024-02-29', fee: 1_909 },
        paid: 42, early: 0, extraDays: 13, extendedMonths: 3, policy: policy({ markup: 49, spreadBase: 'arrears', extensionRate: 'policy', minDownPaymentPct: 12.5, longest: 24, mediatorMonths: 9 }), income: null,
    });
    expect(ctx.policy.authority.mediator.maxRateReductionPct).toBeGreaterThan(0);
    const suggestions = suggest(ctx);
    for (const s of suggestions) expect(s.terms.relief?.rateReduction).toBeUndefined();
    expect(kindOf(suggestions, 'standard')?.terms.installments?.months).toBe(5);
  });

  it('when only the longest plan is affordable, it is the shortest affordable one', () => {
    const ctx = caseOf(
      {
        loan: { principal: 31_674_419, annualRatePpm: 189_000, months: 6, method: 'interest_only_bullet', start: '2025-06-29', fee: 326 },
        paid: 10, early: 0, extraDays: 190, extendedMonths: 0, policy: policy({ markup: 45, scope: 'per_installment', extensionRate: 'policy', maxMonths: 60, longest: 24 }), income: 1_667_166,
      },
      { maxPenaltyWaivePct: 100, maxCompoundWaivePct: 100, maxInterestWaivePct: 0, maxRateReductionPct: 30 },
    );
    const r = plansOf(ctx);
    const shortest = kindOf(suggest(ctx), 'shortest_affordable');
    expect(shortest?.terms.installments?.months).toBe(r.maxMonths);
    expect(shortest?.priced.regularPayment).toBeLessThanOrEqual(ctx.disposableIncome!);
    expect(r.plan('installments', r.maxMonths - 1, 1)?.priced.affordable).toBe(false);
  });

  it('of the shapes’ shortest affordable plans the cheapest comes first, whichever shape was tried first; the next cheapest is the alternative', () => {
    const ctx = caseOf(
      {
        loan: { principal: 12_739_389, annualRatePpm: 200_175, months: 39, method: 'interest_only_bullet', start: '2024-01-31', fee: 0 },
        paid: 2, early: 0, extraDays: 90, extendedMonths: 0, policy: policy({ markup: 47, scope: 'per_installment', spreadBase: 'outstanding', extensionRate: 'policy', maxMonths: 12, mediatorMonths: 9 }), income: 2_656_310,
      },
      { maxPenaltyWaivePct: 100, maxCompoundWaivePct: 100, maxInterestWaivePct: 100, maxRateReductionPct: 30 },
    );
    const suggestions = suggest(ctx);
    const [best, alternative] = [kindOf(suggestions, 'shortest_affordable')!, kindOf(suggestions, 'alternative')!];
    expect(best.terms.installments?.months).toBe(6);
    expect(alternative.terms).toEqual({ extensionMonths: 19 });
    expect(best.priced.totalPayable).toBeLessThan(alternative.priced.totalPayable);
  });

  it('a 12-month standard plan the cap refuses without relief is offered with the penalty waived', () => {
    const ctx = caseOf(
      {
        loan: { principal: 99_997, annualRatePpm: 57_685, months: 5, method: 'interest_only_bullet', start: '2023-03-31', fee: 721 },
        paid: 47, early: 2, extraDays: 397, extendedMonths: 0, policy: policy({ markup: 34, cap: 5, scope: 'per_installment', minDownPaymentPct: 12.5, mediatorMonths: 24 }), income: null,
      },
      { maxPenaltyWaivePct: 100, maxCompoundWaivePct: 0, maxInterestWaivePct: 30, maxRateReductionPct: 30 },
    );
    const r = plansOf(ctx);
    expect(r.plan('installments', 12, 0)).toBeNull();
    const standard = kindOf(suggest(ctx), 'standard');
    expect(standard?.terms.installments?.months).toBe(12);
    expect(standard?.terms.relief).toMatchObject({ penaltyWaivePct: 100, interestWaivePct: 0 });
  });

  it('with only one offer found, the next is filled from the standard lengths: a level-0 plan is called standard', () => {
    const ctx = caseOf(
      {
        loan: { principal: 20_442_996, annualRatePpm: 22_414, months: 41, method: 'interest_only_bullet', start: '2023-01-11', fee: 0 },
        paid: 1, early: 0, extraDays: 6, extendedMonths: 0, policy: policy({ markup: 43, scope: 'per_installment', spreadBase: 'outstanding', extensionRate: 'policy', minDownPaymentPct: 12.5, maxMonths: 12, longest: 24, mediatorMonths: 6 }), income: 1_608_834,
      },
      { maxPenaltyWaivePct: 100, maxCompoundWaivePct: 0, maxInterestWaivePct: 0, maxRateReductionPct: 0 },
    );
    const suggestions = suggest(ctx);
    expect(suggestions.map((s) => [s.kind, s.terms.installments?.months])).toEqual([['hardship', 6], ['standard', 3]]);
  });

  it('between plans with the same regular payment, the lower total payable is the lowest payment', () => {
    // A loan of 1.15 yuan: every plan's regular payment rounds to the same fen, so the total decides.
    const ctx = caseOf(
      {
        loan: { principal: 115, annualRatePpm: 236_000, months: 30, method: 'equal_principal', start: '2023-10-22', fee: 0 },
        paid: 0, early: 0, extraDays: 267, extendedMonths: 3, policy: policy({ markup: 46, scope: 'per_installment', spreadBase: 'outstanding', minDownPaymentPct: 10, maxMonths: 60, longest: 24, mediatorMonths: 24 }), income: 6,
      },
      { maxPenaltyWaivePct: 0, maxCompoundWaivePct: 100, maxInterestWaivePct: 30, maxRateReductionPct: 0 },
    );
    const r = plansOf(ctx);
    const lowest = kindOf(suggest(ctx), 'lowest_payment')!;
    expect(lowest.terms).toEqual({ extensionMonths: 3, relief: { penaltyWaivePct: 0, compoundWaivePct: 100, interestWaivePct: 30, principalWaive: 0 } });
    const installments = r.plan('installments', r.maxMonths, r.levels.length - 1)!;
    expect(installments.priced.regularPayment).toBe(lowest.priced.regularPayment);
    expect(installments.priced.totalPayable).toBeGreaterThan(lowest.priced.totalPayable);
  });

  it('the rate is reduced over the plan’s own months, not over the contract’s instalments that go on beside it', () => {
    // Installments for the overdue part only (spread base 'arrears'): the rest of the 37-month contract keeps its schedule.
    const ctx = caseOf(
      {
        loan: { principal: 29_224_478, annualRatePpm: 200_000, months: 37, method: 'equal_principal', start: '2024-03-10', fee: 0 },
        paid: 6, early: 0, extraDays: 94, extendedMonths: 0, policy: policy({ markup: 48, scope: 'per_installment', spreadBase: 'arrears', minDownPaymentPct: 12.5, maxMonths: 60, longest: 24, mediatorMonths: 6 }), income: 6,
      },
      { maxPenaltyWaivePct: 0, maxCompoundWaivePct: 100, maxInterestWaivePct: 0, maxRateReductionPct: 30 },
    );
    const lowest = kindOf(suggest(ctx), 'lowest_payment')!;
    expect(lowest.terms.installments?.months).toBe(6);
    expect(lowest.terms.relief?.rateReduction).toEqual({ pct: 30, months: 6 });
    expect(lowest.priced.schedule.filter((row) => row.source !== 'plan').length).toBeGreaterThan(0);
  });

  it('the filling tries 12 months first, and half the longest (rounded up) before 6', () => {
    const twelve = caseOf({
        loan: { principal: 99_999_992, annualRatePpm: 269_459, months: 47, method: 'equal_installment', start: '2023-08-31', fee: 0 },
        paid: 12, early: 2, extraDays: 1, extendedMonths: 1, policy: policy({ markup: 31, scope: 'per_installment', minDownPaymentPct: 12.5, maxMonths: 60 }), income: 2_101_719,
    });
    expect(kindOf(suggest(twelve), 'alternative')?.terms.installments?.months).toBe(12);
    const half = caseOf(
      {
        loan: { principal: 84_063_999, annualRatePpm: 289_908, months: 48, method: 'equal_principal', start: '2024-01-30', fee: 0 },
        paid: 46, early: 0, extraDays: 69, extendedMonths: 1, policy: policy({ markup: 32, cap: 8.01, scope: 'per_installment', spreadBase: 'outstanding', mediatorMonths: 9 }), income: null,
      },
      { maxPenaltyWaivePct: 0, maxCompoundWaivePct: 0, maxInterestWaivePct: 0, maxRateReductionPct: 0 },
    );
    expect(suggest(half).map((s) => [s.kind, s.terms.installments?.months])).toEqual([['hardship', 9], ['standard', 5]]);
  });
});
