import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeArrears } from './arrears';
import { addMonths } from './dates';
import { evaluatePausedPlan, pauseInterest, pricePausedPlan, suggestHardshipPause, withHardshipPause, type PausedTerms } from './hardship-pause';
import { hardshipPausePolicySchema } from './hardship-pause-policy';
import { checkOffer } from './offer-checks';
import { priceOffer } from './offer-pricing';
import { suggestOffers } from './offer-suggestions';
import type { OfferContext } from './offer-terms';
import { creditorPolicySchema, defaultPolicy, type CreditorPolicy } from './policy';
import { buildSchedule, type RepaymentMethod } from './schedule';
import { oracleOffer } from './oracle/offer-oracle';

type Spec = { principal: number; ratePpm: number; term: number; method: RepaymentMethod; start: string; paid: number; asOf: string; income: number | null; policy?: CreditorPolicy };

function context(spec: Spec): OfferContext {
  const policy = spec.policy ?? defaultPolicy;
  const schedule = buildSchedule({ principal: spec.principal, annualRatePpm: spec.ratePpm, months: spec.term, method: spec.method, firstDueDate: addMonths(spec.start, 1) });
  const installments = schedule.map((r) => ({ seq: r.seq, dueDate: r.dueDate, principalDue: r.principal, interestDue: r.interest, feesDue: 0 }));
  const payments = installments.slice(0, spec.paid).map((r) => ({ receivedOn: r.dueDate, amount: r.principalDue + r.interestDue }));
  const arrears = computeArrears({ loan: { principal: spec.principal, annualRatePpm: spec.ratePpm, startDate: spec.start }, installments, payments, asOf: spec.asOf, policy });
  return {
    asOf: spec.asOf,
    loan: { principal: spec.principal, annualRatePpm: spec.ratePpm, termMonths: spec.term, startDate: spec.start, maturityDate: schedule.at(-1)!.dueDate, extendedMonths: 0, installments },
    arrears,
    policy,
    disposableIncome: spec.income,
  };
}

/**
 * ¥12,000 at 12% a year over 12 months, equal principal (¥1,000 a month), from 2025-01-15, nothing ever paid; on
 * 2026-03-01 every installment is overdue. Worked by hand: overdue interest = 1% a month of the balance before each
 * installment = ¥120 + ¥110 + … + ¥10 = ¥780; principal ¥12,000.
 */
const matured = context({ principal: 1_200_000, ratePpm: 120_000, term: 12, method: 'equal_principal', start: '2025-01-15', paid: 0, asOf: '2026-03-01', income: -50_000 });
const twoAfterPause = (interest: 'frozen' | 'reduced', ratePct = 0): PausedTerms => ({
  installments: { months: 2, method: 'equal_principal', downPayment: 0, firstDueDate: '2026-07-01' },
  relief: { penaltyWaivePct: 100, compoundWaivePct: 100, interestWaivePct: 0, principalWaive: 0 },
  pause: { months: 3, interest, ratePct },
});

describe('a hardship pause, worked by hand', () => {
  it('the case is as described', () => {
    expect(matured.arrears.totals.overduePrincipal).toBe(1_200_000);
    expect(matured.arrears.totals.overdueInterest).toBe(78_000);
  });

  it('frozen: nothing due for three months, then two installments with one month of interest each', () => {
    const priced = pricePausedPlan(matured, twoAfterPause('frozen'));
    // 2026-07-01: ¥6,000 principal + 1% of ¥12,000 + half the ¥780 carried = ¥6,510; 2026-08-01: ¥6,000 + ¥60 + ¥390 = ¥6,450.
    expect(priced.schedule.map((r) => [r.dueDate, r.principal, r.interest, r.charges, r.amount])).toEqual([
      ['2026-07-01', 600_000, 12_000, 39_000, 651_000],
      ['2026-08-01', 600_000, 6_000, 39_000, 645_000],
    ]);
    expect(priced.totalPayable).toBe(1_296_000);
    expect(priced.newInterest).toBe(18_000);
    expect(priced.pause).toEqual({ months: 3, interest: 'frozen', ratePct: 0, from: '2026-03-01', until: '2026-06-01', interestCharged: 0 });
    expect(priced.affordable).toBe(false);
  });

  it('reduced to half the rate: ¥12,000 × 12% × 50% × 3/12 = ¥180 of interest for the pause, spread over the installments', () => {
    expect(pauseInterest(1_200_000, 120_000, { months: 3, interest: 'reduced', ratePct: 50 })).toBe(18_000);
    const frozen = pricePausedPlan(matured, twoAfterPause('frozen'));
    const reduced = pricePausedPlan(matured, twoAfterPause('reduced', 50));
    expect(reduced.schedule.map((r) => [r.interest, r.amount])).toEqual([
      [21_000, 660_000],
      [15_000, 654_000],
    ]);
    expect(reduced.totalPayable).toBe(1_314_000);
    expect(reduced.newInterest).toBe(36_000);
    expect(reduced.regularPayment).toBe(660_000); // equal principal: the first installment is the highest
    expect(frozen.saving - reduced.saving).toBe(18_000);
    expect(reduced.pause?.interestCharged).toBe(18_000);
  });

  it('rounds the pause interest half-up to the fen', () => {
    // 1,000,001 fen × 7.5% × 33.33% × 2/12 = 4,166.254 1… fen → 4,166 fen; at 33.34%: 4,167.504 2… → 4,168.
    expect(pauseInterest(1_000_001, 75_000, { months: 2, interest: 'reduced', ratePct: 33.33 })).toBe(4_166);
    expect(pauseInterest(1_000_001, 75_000, { months: 2, interest: 'reduced', ratePct: 33.34 })).toBe(4_168);
    // ¥100 × 12% × 50% × 1/12 = 50 fen exactly; ¥1.01 at the same terms = 0.505 fen → 1 fen.
    expect(pauseInterest(10_000, 120_000, { months: 1, interest: 'reduced', ratePct: 50 })).toBe(50);
    expect(pauseInterest(101, 120_000, { months: 1, interest: 'reduced', ratePct: 50 })).toBe(1);
  });

  it('is checked against the policy: the longest pause, no harsher interest, the first due date after the pause, five years in all', () => {
    const ok = evaluatePausedPlan(matured, twoAfterPause('frozen'), 'system');
    expect(ok.violations).toEqual([]);
    const rules = (terms: PausedTerms) => evaluatePausedPlan(matured, terms, 'system').violations.map((v) => v.rule);
    expect(rules({ ...twoAfterPause('frozen'), pause: { months: 7, interest: 'frozen', ratePct: 0 }, installments: { ...twoAfterPause('frozen').installments, firstDueDate: '2026-10-15' } })).toEqual(['pause.maxMonths']);
    expect(rules(twoAfterPause('reduced', 50))).toEqual(['pause.interest']); // the default policy freezes interest
    expect(rules({ ...twoAfterPause('frozen'), installments: { ...twoAfterPause('frozen').installments, firstDueDate: '2026-05-01' } })).toEqual(['pause.firstDueWindow']);
    const longPolicy = creditorPolicySchema.parse({ hardshipPause: { months: 6, maxMonths: 6 }, authority: { mediator: { ...defaultPolicy.authority.mediator, maxPlanMonths: 60 }, supervisor: defaultPolicy.authority.supervisor } });
    const long = { ...matured, policy: longPolicy };
    const terms: PausedTerms = { installments: { months: 55, method: 'equal_installment', downPayment: 0, firstDueDate: '2026-10-01' }, pause: { months: 6, interest: 'frozen', ratePct: 0 } };
    expect(evaluatePausedPlan(long, terms, 'system').violations.map((v) => v.rule)).toEqual(['pause.planLength']);
    expect(evaluatePausedPlan(long, { ...terms, installments: { ...terms.installments, months: 54 } }, 'system').violations).toEqual([]);
  });

  it('a policy cannot propose a pause longer than the longest it allows', () => {
    expect(hardshipPausePolicySchema.safeParse({ months: 8, maxMonths: 6 }).success).toBe(false);
    expect(hardshipPausePolicySchema.safeParse({ months: 3, maxMonths: 13 }).success).toBe(false);
    expect(hardshipPausePolicySchema.parse({})).toEqual({ enabled: true, months: 3, maxMonths: 6, interest: 'frozen', reducedRatePct: 50 });
  });
});

describe('the suggestions for a borrower with nothing left over', () => {
  it('are a pause and a long-term plan, the pause first; both within policy', () => {
    const suggestions = suggestOffers(matured);
    expect(suggestions.map((s) => s.kind)).toEqual(['hardship_pause', expect.any(String)]);
    const [pause, longTerm] = suggestions;
    expect(pause!.terms.pause).toEqual({ months: 3, interest: 'frozen', ratePct: 0 });
    // The longest plan within the mediator's authority (36 payments) after three months with nothing to pay.
    expect(pause!.terms.installments).toMatchObject({ months: 36, firstDueDate: '2026-07-01' });
    expect(pause!.priced.schedule[0]!.dueDate).toBe('2026-07-01');
    expect(pause!.terms.relief).toMatchObject({ penaltyWaivePct: 100, compoundWaivePct: 100 });
    expect(longTerm!.terms.pause).toBeUndefined();
    expect(checkOffer(matured, longTerm!.terms, 'system')).toEqual({ ok: true });
  });

  it('the same at zero income; none with a positive or unknown income, or when the policy has no pause', () => {
    expect(suggestOffers({ ...matured, disposableIncome: 0 })[0]!.kind).toBe('hardship_pause');
    expect(suggestOffers({ ...matured, disposableIncome: 1 }).some((s) => s.terms.pause)).toBe(false);
    expect(suggestOffers({ ...matured, disposableIncome: null }).some((s) => s.terms.pause)).toBe(false);
    const off = { ...matured, policy: creditorPolicySchema.parse({ hardshipPause: { enabled: false } }) };
    expect(suggestOffers(off).some((s) => s.terms.pause)).toBe(false);
    expect(withHardshipPause({ ...matured, disposableIncome: 100 }, [])).toEqual([]);
  });

  it('follow a reduced-interest policy', () => {
    const reducing = { ...matured, policy: creditorPolicySchema.parse({ hardshipPause: { interest: 'reduced', reducedRatePct: 25, months: 2 } }) };
    const pause = suggestHardshipPause(reducing)!;
    expect(pause.terms.pause).toEqual({ months: 2, interest: 'reduced', ratePct: 25 });
    expect(pause.priced.pause!.interestCharged).toBe(pauseInterest(pause.priced.financed.principal, 120_000, pause.terms.pause!));
    expect(pause.priced.pause!.interestCharged).toBeGreaterThan(0);
  });
});

describe('properties of paused plans', () => {
  const specs = fc.record({
    principal: fc.integer({ min: 100_000, max: 50_000_000 }),
    ratePpm: fc.integer({ min: 0, max: 200_000 }),
    term: fc.integer({ min: 3, max: 36 }),
    method: fc.constantFrom<RepaymentMethod>('equal_installment', 'equal_principal'),
    paid: fc.integer({ min: 0, max: 2 }),
    overdueMonths: fc.integer({ min: 1, max: 12 }),
    income: fc.integer({ min: -500_000, max: 0 }),
    months: fc.integer({ min: 1, max: 6 }),
    planMonths: fc.integer({ min: 1, max: 48 }),
    pct: fc.integer({ min: 0, max: 100 }),
  });

  it('nothing is due during the pause; frozen costs what the same plan costs without one; reduced costs exactly the pause interest more', () => {
    fc.assert(
      fc.property(specs, (s) => {
        const start = '2025-01-10';
        const asOf = addMonths(start, s.paid + 1 + s.overdueMonths);
        const ctx = context({ principal: s.principal, ratePpm: s.ratePpm, term: s.term, method: s.method, start, paid: s.paid, asOf, income: s.income });
        const firstDueDate = addMonths(asOf, s.months + 1);
        const plan = { installments: { months: s.planMonths, method: 'equal_installment' as const, downPayment: 0, firstDueDate } };
        const frozen = pricePausedPlan(ctx, { ...plan, pause: { months: s.months, interest: 'frozen', ratePct: 0 } });
        const reduced = pricePausedPlan(ctx, { ...plan, pause: { months: s.months, interest: 'reduced', ratePct: s.pct } });
        const until = addMonths(asOf, s.months);
        expect(frozen.schedule.every((r) => r.dueDate > until)).toBe(true);
        // Shifting the plan in time changes no interest: one month of interest per installment either way.
        const unpaused = priceOffer({ ...ctx, policy: { ...ctx.policy, installments: { ...ctx.policy.installments, spreadBase: 'outstanding' } } }, { installments: { ...plan.installments, firstDueDate: addMonths(asOf, 1) } });
        expect(frozen.totalPayable).toBe(unpaused.totalPayable);
        // An independent oracle for the pause interest: exact rational arithmetic, rounded half-up.
        const exact = (BigInt(frozen.financed.principal) * BigInt(s.ratePpm) * BigInt(s.pct * 100) * BigInt(s.months) * 2n + 12n * 1_000_000n * 10_000n) / (2n * 12n * 1_000_000n * 10_000n);
        expect(BigInt(reduced.totalPayable - frozen.totalPayable)).toBe(exact);
        expect(reduced.totalPayable).toBe(reduced.downPayment + reduced.schedule.reduce((sum, r) => sum + r.amount, 0));
        expect(reduced.schedule.reduce((sum, r) => sum + r.principal, 0)).toBe(frozen.financed.principal);
        expect(reduced.saving).toBe(reduced.owedBefore - reduced.totalPayable);
      }),
      { numRuns: 150 },
    );
  });

  it('a suggested pause always passes its checks and ends within five years of the offer', () => {
    fc.assert(
      fc.property(specs, (s) => {
        const start = '2025-01-10';
        const asOf = addMonths(start, s.paid + 1 + s.overdueMonths);
        const ctx = context({ principal: s.principal, ratePpm: s.ratePpm, term: s.term, method: s.method, start, paid: s.paid, asOf, income: s.income });
        const pause = suggestHardshipPause(ctx);
        if (!pause) return;
        expect(evaluatePausedPlan(ctx, pause.terms as PausedTerms, 'system').violations).toEqual([]);
        expect(pause.priced.endDate <= addMonths(asOf, 60)).toBe(true);
        expect(pause.priced.schedule[0]!.dueDate > addMonths(asOf, ctx.policy.hardshipPause.months)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('a hardship pause within the cap (issue 10)', () => {
  it('at the cap rate, a pause charged at the full rate after a down payment stays within the cap, as the oracle measures it', () => {
    // Defect 1's loan: ¥10,000 at 24 % over 6 months from 2025-01-10, nothing paid, on 2025-05-11; a 3-month pause at
    // the full contract rate, then 36 installments of equal principal, after a down payment of ¥3,670.24.
    const atCap = context({ principal: 1_000_000, ratePpm: 240_000, term: 6, method: 'equal_installment', start: '2025-01-10', paid: 0, asOf: '2025-05-11', income: 0 });
    const terms: PausedTerms = { installments: { months: 36, method: 'equal_principal', downPayment: 367_024, firstDueDate: '2025-09-10' }, pause: { months: 3, interest: 'reduced', ratePct: 100 } };
    const priced = pricePausedPlan(atCap, terms);
    const { schedule, ...oracle } = oracleOffer(atCap, terms);
    expect(priced).toMatchObject(oracle);
    expect(priced.schedule.map((r) => r.amount)).toEqual(schedule.map((r) => r.amount));
    // The down payment pays the charges first, then principal: the pause's interest is on what is left.
    expect(priced.pause?.interestCharged).toBe(pauseInterest(priced.financed.principal, 240_000, terms.pause));
    expect(oracle.cap.charges - oracle.capReduction.principal - oracle.cap.paidAboveCap).toBeLessThanOrEqual(oracle.cap.cap);
    expect(priced.fitsCap).toBe(true);
  });
});
