'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { TextareaField } from '@/components/ui/field';
import { categoriesNeedingExplanation, fixedCostKeys, flexibleCostKeys, type Household } from '@/lib/domain/hardship';
import { parseAmountToFen } from '@/lib/domain/money';
import type { HardshipFormStrings } from '@/lib/validation/hardship-form';
import { AmountField } from './amount-field';
import { StepShell } from './step-shell';
import type { StepProps } from './types';
import { loadHardshipValidation, useStepForm } from './use-step-form';

type Values = HardshipFormStrings['costs'];

const fen = (text: string | undefined) => parseAmountToFen(text ?? '') ?? 0;

export function CostsStep({ index, total, values, save, autosave, back, busy, household }: StepProps<Values> & { household: Household | undefined }) {
  const t = useTranslations('hardship.costs');
  const tt = useTranslations('hardshipTerms');
  const schema = useMemo(() => () => loadHardshipValidation().then((m) => m.costsStep(household)), [household]);
  const { form, onSubmit, formError, error, field, saved, formId } = useStepForm<Values>('hardship-costs', schema, values, save, autosave);
  const e = form.formState.errors;
  const watched = form.watch();
  // Spending far above the guideline for this household asks for a short explanation, as it is typed.
  const flagged = household
    ? categoriesNeedingExplanation({
        household,
        fixedCosts: Object.fromEntries(fixedCostKeys.map((k) => [k, fen(watched.fixedCosts?.[k])])) as Record<(typeof fixedCostKeys)[number], number>,
        flexibleCosts: Object.fromEntries(flexibleCostKeys.map((k) => [k, fen(watched.flexibleCosts?.[k])])) as Record<(typeof flexibleCostKeys)[number], number>,
      })
    : [];
  return (
    <StepShell id={formId} saved={saved} index={index} total={total} title={t('title')} intro={t('intro')} onSubmit={onSubmit} onBack={back} busy={busy || form.formState.isSubmitting} formError={formError}>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 font-semibold">{t('fixed')}</legend>
        {fixedCostKeys.map((key) => (
          <AmountField key={key} label={tt(`costs.${key}`)} error={error(e.fixedCosts?.[key]?.message)} {...field(`fixedCosts.${key}`)} />
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 font-semibold">{t('flexible')}</legend>
        {flexibleCostKeys.map((key) => (
          <AmountField key={key} label={tt(`costs.${key}`)} error={error(e.flexibleCosts?.[key]?.message)} {...field(`flexibleCosts.${key}`)} />
        ))}
      </fieldset>
      {flagged.map((key) => (
        <TextareaField
          key={key}
          label={t('explain', { category: tt(`costs.${key}`) })}
          hint={t('explainHint')}
          rows={2}
          maxLength={500}
          error={error(e.explanations?.[key]?.message)}
          {...field(`explanations.${key}`)}
        />
      ))}
    </StepShell>
  );
}
