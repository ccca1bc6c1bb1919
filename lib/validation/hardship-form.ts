import { fixedCostKeys, flexibleCostKeys, incomeKeys } from '@/lib/domain/hardship';
import { fenToInput } from './fields';
import type { HardshipDraftData } from './hardship';

/** What the hardship form's fields hold: strings, exactly as a person types them. */
export type HardshipFormStrings = {
  household: { adults: string; childrenUnder6: string; children6to17: string; otherDependants: string; housing: string; employment: string };
  income: { income: Record<(typeof incomeKeys)[number], string> };
  costs: {
    fixedCosts: Record<(typeof fixedCostKeys)[number], string>;
    flexibleCosts: Record<(typeof flexibleCostKeys)[number], string>;
    explanations: Partial<Record<'food' | 'communications' | 'personal' | 'utilities', string>>;
  };
  debts: { debts: { lender: string; monthlyPayment: string; priority: boolean }[] };
  reason: { reason: { category: string; since: string; duration: string; details: string } };
};

const amounts = <K extends string>(keys: readonly K[], source?: Partial<Record<K, number>>) =>
  Object.fromEntries(keys.map((k) => [k, fenToInput(source?.[k])])) as Record<K, string>;

/** Saved values (numbers in fen) back into form strings, for resuming on any device. */
export function toFormStrings(data: HardshipDraftData): HardshipFormStrings {
  const h = data.household;
  return {
    household: {
      adults: h ? String(h.adults) : '1',
      childrenUnder6: h ? String(h.childrenUnder6) : '0',
      children6to17: h ? String(h.children6to17) : '0',
      otherDependants: h ? String(h.otherDependants) : '0',
      housing: h?.housing ?? '',
      employment: h?.employment ?? '',
    },
    income: { income: amounts(incomeKeys, data.income) },
    costs: {
      fixedCosts: amounts(fixedCostKeys, data.costs?.fixedCosts),
      flexibleCosts: amounts(flexibleCostKeys, data.costs?.flexibleCosts),
      explanations: { ...(data.costs?.explanations ?? {}) },
    },
    debts: { debts: (data.debts ?? []).map((d) => ({ lender: d.lender, monthlyPayment: fenToInput(d.monthlyPayment), priority: d.priority })) },
    reason: { reason: { category: data.reason?.category ?? '', since: data.reason?.since ?? '', duration: data.reason?.duration ?? '', details: data.reason?.details ?? '' } },
  };
}
