import type { Fen } from './money';

/**
 * The hardship statement, modelled on the UK Standard Financial Statement and
 * adapted to China (DESIGN.md): household, monthly income by source, fixed and
 * flexible costs, other debts, and the reason. Amounts are monthly, in fen.
 */
export const housingTypes = ['own', 'mortgage', 'rent', 'family', 'other'] as const;
export const employmentTypes = ['employed', 'self_employed', 'unemployed', 'retired', 'student', 'unable_to_work', 'other'] as const;
export const hardshipReasons = ['illness', 'job_loss', 'business_downturn', 'family_event', 'disaster', 'other'] as const;
export const hardshipDurations = ['temporary', 'lasting', 'unsure'] as const;

export const incomeKeys = ['wages', 'business', 'pension', 'benefits', 'familySupport', 'otherIncome'] as const;
export const fixedCostKeys = ['housing', 'utilities', 'transport', 'education', 'medical', 'insurance', 'otherFixed'] as const;
export const flexibleCostKeys = ['food', 'communications', 'personal', 'otherFlexible'] as const;

export type IncomeKey = (typeof incomeKeys)[number];
export type FixedCostKey = (typeof fixedCostKeys)[number];
export type FlexibleCostKey = (typeof flexibleCostKeys)[number];

export type Household = {
  adults: number;
  childrenUnder6: number;
  children6to17: number;
  otherDependants: number;
  housing: (typeof housingTypes)[number];
  employment: (typeof employmentTypes)[number];
};

export type OtherDebt = { lender: string; monthlyPayment: Fen; priority: boolean };

export type HardshipNumbers = {
  household: Household;
  income: Record<IncomeKey, Fen>;
  fixedCosts: Record<FixedCostKey, Fen>;
  flexibleCosts: Record<FlexibleCostKey, Fen>;
  debts: OtherDebt[];
};

export type Affordability = {
  totalIncome: Fen;
  totalFixedCosts: Fen;
  totalFlexibleCosts: Fen;
  priorityRepayments: Fen;
  otherRepayments: Fen;
  /** income − fixed − flexible − priority repayments; zero or negative is a valid answer. */
  disposableIncome: Fen;
  /** What is left once the other (non-priority) debts are also paid: shared fairly with them in a real plan. */
  afterOtherDebts: Fen;
};

const sum = (values: Iterable<Fen>) => [...values].reduce((a, b) => a + b, 0);

export function computeAffordability(numbers: HardshipNumbers): Affordability {
  const totalIncome = sum(Object.values(numbers.income));
  const totalFixedCosts = sum(Object.values(numbers.fixedCosts));
  const totalFlexibleCosts = sum(Object.values(numbers.flexibleCosts));
  const priorityRepayments = sum(numbers.debts.filter((d) => d.priority).map((d) => d.monthlyPayment));
  const otherRepayments = sum(numbers.debts.filter((d) => !d.priority).map((d) => d.monthlyPayment));
  const disposableIncome = totalIncome - totalFixedCosts - totalFlexibleCosts - priorityRepayments;
  return { totalIncome, totalFixedCosts, totalFlexibleCosts, priorityRepayments, otherRepayments, disposableIncome, afterOtherDebts: disposableIncome - otherRepayments };
}

export type Benchmarked = 'food' | 'communications' | 'personal' | 'utilities';

/**
 * Monthly spending guidelines by household size (in the spirit of the SFS
 * "trigger figures"), in fen: spending above `benchmarkTolerance` × the figure
 * asks for a short explanation; it is never refused.
 */
export function spendingBenchmarks(household: Household): Record<Benchmarked, Fen> {
  const children = household.childrenUnder6 + household.children6to17;
  const people = household.adults + children + household.otherDependants;
  return {
    food: household.adults * 150_000 + children * 80_000 + household.otherDependants * 120_000,
    communications: 10_000 + people * 5_000,
    personal: household.adults * 50_000 + children * 20_000 + household.otherDependants * 30_000,
    utilities: 20_000 + people * 10_000,
  };
}

export const benchmarkTolerance = 1.5;

/** The categories whose spending is far above the benchmark for this household. */
export function categoriesNeedingExplanation(numbers: Pick<HardshipNumbers, 'household' | 'fixedCosts' | 'flexibleCosts'>): Benchmarked[] {
  const benchmarks = spendingBenchmarks(numbers.household);
  const spent: Record<Benchmarked, Fen> = {
    food: numbers.flexibleCosts.food,
    communications: numbers.flexibleCosts.communications,
    personal: numbers.flexibleCosts.personal,
    utilities: numbers.fixedCosts.utilities,
  };
  // Integer comparison: spent × 2 > benchmark × 3  ⇔  spent > 1.5 × benchmark.
  return (Object.keys(benchmarks) as Benchmarked[]).filter((key) => spent[key] * 2 > benchmarks[key] * 3);
}
