import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoriesNeedingExplanation, computeAffordability, spendingBenchmarks, type HardshipNumbers } from './hardship';

const household = { adults: 2, childrenUnder6: 1, children6to17: 0, otherDependants: 0, housing: 'rent' as const, employment: 'employed' as const };
const zero = <K extends string>(keys: K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const base: HardshipNumbers = {
  household,
  income: { ...zero(['wages', 'business', 'pension', 'benefits', 'familySupport', 'otherIncome']), wages: 600_000 },
  fixedCosts: { ...zero(['housing', 'utilities', 'transport', 'education', 'medical', 'insurance', 'otherFixed']), housing: 150_000, utilities: 30_000 },
  flexibleCosts: { ...zero(['food', 'communications', 'personal', 'otherFlexible']), food: 200_000 },
  debts: [
    { lender: 'rent arrears', monthlyPayment: 20_000, priority: true },
    { lender: 'card', monthlyPayment: 50_000, priority: false },
  ],
};

describe('affordability', () => {
  it('disposable income = income − fixed − flexible − priority repayments', () => {
    // 6,000 − (1,500 + 300) − 2,000 − 200 = 2,000.00; minus the card's 500 = 1,500.00
    expect(computeAffordability(base)).toEqual({
      totalIncome: 600_000,
      totalFixedCosts: 180_000,
      totalFlexibleCosts: 200_000,
      priorityRepayments: 20_000,
      otherRepayments: 50_000,
      disposableIncome: 200_000,
      afterOtherDebts: 150_000,
    });
  });

  it('zero or negative is a valid answer, not an error', () => {
    const broke = { ...base, income: { ...base.income, wages: 100_000 } };
    expect(computeAffordability(broke).disposableIncome).toBe(-300_000);
  });

  it('always adds up', () => {
    const amount = fc.integer({ min: 0, max: 100_000_000 });
    fc.assert(
      fc.property(fc.array(amount, { minLength: 6, maxLength: 6 }), fc.array(amount, { minLength: 11, maxLength: 11 }), fc.array(fc.tuple(amount, fc.boolean()), { maxLength: 10 }), (inc, costs, debts) => {
        const numbers: HardshipNumbers = {
          household,
          income: Object.fromEntries(['wages', 'business', 'pension', 'benefits', 'familySupport', 'otherIncome'].map((k, i) => [k, inc[i]!])) as HardshipNumbers['income'],
          fixedCosts: Object.fromEntries(['housing', 'utilities', 'transport', 'education', 'medical', 'insurance', 'otherFixed'].map((k, i) => [k, costs[i]!])) as HardshipNumbers['fixedCosts'],
          flexibleCosts: Object.fromEntries(['food', 'communications', 'personal', 'otherFlexible'].map((k, i) => [k, costs[7 + i]!])) as HardshipNumbers['flexibleCosts'],
          debts: debts.map(([monthlyPayment, priority]) => ({ lender: 'x', monthlyPayment, priority })),
        };
        const a = computeAffordability(numbers);
        expect(a.totalIncome).toBe(inc.reduce((s, v) => s + v, 0));
        expect(a.totalFixedCosts + a.totalFlexibleCosts).toBe(costs.reduce((s, v) => s + v, 0));
        expect(a.priorityRepayments + a.otherRepayments).toBe(debts.reduce((s, [v]) => s + v, 0));
        expect(a.disposableIncome).toBe(a.totalIncome - a.totalFixedCosts - a.totalFlexibleCosts - a.priorityRepayments);
        expect(a.afterOtherDebts).toBe(a.disposableIncome - a.otherRepayments);
      }),
    );
  });
});

describe('spending benchmarks', () => {
  it('count each kind of person in the household at its own figure', () => {
    // 2 adults, a child under 6, two of 6–17 and a grandparent: 3 children, 6 people.
    const family = { adults: 2, childrenUnder6: 1, children6to17: 2, otherDependants: 1, housing: 'rent', employment: 'employed' } as const;
    expect(spendingBenchmarks(family)).toEqual({
      food: 660_000, // 2 × 1,500 + 3 × 800 + 1 × 1,200 = 6,600.00
      communications: 40_000, // 100 + 6 × 50 = 400.00
      personal: 190_000, // 2 × 500 + 3 × 200 + 1 × 300 = 1,900.00
      utilities: 80_000, // 200 + 6 × 100 = 800.00
    });
  });

  it('scale with the household', () => {
    // food: 2 adults × 1,500 + 1 child × 800 = 3,800.00
    expect(spendingBenchmarks(household).food).toBe(380_000);
    expect(spendingBenchmarks({ ...household, adults: 1, childrenUnder6: 0 }).food).toBe(150_000);
  });

  it('ask for an explanation only above one and a half times the benchmark', () => {
    expect(categoriesNeedingExplanation({ household, fixedCosts: base.fixedCosts, flexibleCosts: { ...base.flexibleCosts, food: 570_000 } })).toEqual([]);
    expect(categoriesNeedingExplanation({ household, fixedCosts: base.fixedCosts, flexibleCosts: { ...base.flexibleCosts, food: 570_001 } })).toEqual(['food']);
    expect(categoriesNeedingExplanation({ household, fixedCosts: { ...base.fixedCosts, utilities: 1_000_000 }, flexibleCosts: base.flexibleCosts })).toEqual(['utilities']);
  });
});
