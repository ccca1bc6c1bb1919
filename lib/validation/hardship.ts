import { z } from 'zod';
import { todayIn } from '@/lib/domain/dates';
import {
  categoriesNeedingExplanation,
  employmentTypes,
  fixedCostKeys,
  flexibleCostKeys,
  hardshipDurations,
  hardshipReasons,
  housingTypes,
  incomeKeys,
  type Household,
} from '@/lib/domain/hardship';
import { amountField, countField, pastDateField } from './fields';

/**
 * One schema per step of the hardship form, used by react-hook-form on the
 * phone and by the server action, and the whole statement for submission.
 */
const amounts = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, amountField])) as Record<K, typeof amountField>);

export const householdStep = z.object({
    adults: countField(20, 1, 'validation.adultsMin'),
    childrenUnder6: countField(20),
    children6to17: countField(20),
    otherDependants: countField(20),
    housing: z.enum(housingTypes, { message: 'validation.choose' }),
    employment: z.enum(employmentTypes, { message: 'validation.choose' }),
});

export const incomeStep = z.object({ income: amounts(incomeKeys) });

export const explanationField = z.string().trim().max(500, 'validation.tooLong');

export const costsStepBase = z.object({
  fixedCosts: amounts(fixedCostKeys),
  flexibleCosts: amounts(flexibleCostKeys),
  explanations: z.object({ food: explanationField, communications: explanationField, personal: explanationField, utilities: explanationField }).partial(),
});

/** Spending far above the benchmark needs a short explanation — asked for, never refused. */
export function costsStep(household: Household | undefined) {
  return costsStepBase.superRefine((costs, ctx) => {
    if (!household) return;
    for (const key of categoriesNeedingExplanation({ household, ...costs })) {
      if (!costs.explanations[key]) ctx.addIssue({ code: 'custom', message: 'validation.explainSpending', path: ['explanations', key] });
    }
  });
}

export const debtsStep = z.object({
  debts: z
    .array(
      z.object({
        lender: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
        monthlyPayment: amountField,
        priority: z.boolean({ message: 'validation.invalid' }),
      }),
      { message: 'validation.invalid' },
    )
    .max(10, 'validation.tooMany'),
});

export const reasonStep = (timeZone = 'Asia/Shanghai') =>
  z.object({
    reason: z.object({
      category: z.enum(hardshipReasons, { message: 'validation.choose' }),
      since: pastDateField(() => todayIn(timeZone)),
      duration: z.enum(hardshipDurations, { message: 'validation.choose' }),
      details: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong'),
    }),
  });

export const hardshipSteps = ['household', 'income', 'costs', 'debts', 'reason', 'evidence', 'review'] as const;
export type HardshipStep = (typeof hardshipSteps)[number];

export type HouseholdValues = z.output<typeof householdStep>;
export type IncomeValues = z.output<typeof incomeStep>;
export type CostsValues = z.output<typeof costsStepBase>;
export type DebtsValues = z.output<typeof debtsStep>;
export type ReasonValues = z.output<ReturnType<typeof reasonStep>>;

/** What a draft holds: each step's checked values, filled in as the borrower goes. */
export type HardshipDraftData = {
  household?: HouseholdValues;
  income?: IncomeValues['income'];
  costs?: CostsValues;
  debts?: DebtsValues['debts'];
  reason?: ReasonValues['reason'];
};

/** A complete statement, as stored on submission (already-parsed numbers). */
export const completeStatement = z.object({
  household: z.object({
    adults: z.number().int().min(1).max(20),
    childrenUnder6: z.number().int().min(0).max(20),
    children6to17: z.number().int().min(0).max(20),
    otherDependants: z.number().int().min(0).max(20),
    housing: z.enum(housingTypes),
    employment: z.enum(employmentTypes),
  }),
  income: z.record(z.enum(incomeKeys), z.number().int().min(0)),
  costs: z.object({
    fixedCosts: z.record(z.enum(fixedCostKeys), z.number().int().min(0)),
    flexibleCosts: z.record(z.enum(flexibleCostKeys), z.number().int().min(0)),
    explanations: z.record(z.string(), z.string()).default({}),
  }),
  debts: z.array(z.object({ lender: z.string().min(1), monthlyPayment: z.number().int().min(0), priority: z.boolean() })).max(10),
  reason: z.object({ category: z.enum(hardshipReasons), since: z.string(), duration: z.enum(hardshipDurations), details: z.string().min(1) }),
});
export type CompleteStatement = z.output<typeof completeStatement>;
