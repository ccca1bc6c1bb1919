'use client';

import { useTranslations } from 'next-intl';
import { incomeKeys } from '@/lib/domain/hardship';
import type { HardshipFormStrings } from '@/lib/validation/hardship-form';
import { AmountField } from './amount-field';
import { StepShell } from './step-shell';
import type { StepProps } from './types';
import { loadHardshipValidation, useStepForm } from './use-step-form';

const loadSchema = () => loadHardshipValidation().then((m) => m.incomeStep);

type Values = HardshipFormStrings['income'];

export function IncomeStep({ index, total, values, save, autosave, back, busy }: StepProps<Values>) {
  const t = useTranslations('hardship.income');
  const tt = useTranslations('hardshipTerms');
  const { form, onSubmit, formError, error, field, saved, formId } = useStepForm<Values>('hardship-income', loadSchema, values, save, autosave);
  const e = form.formState.errors.income;
  return (
    <StepShell id={formId} saved={saved} index={index} total={total} title={t('title')} intro={t('intro')} onSubmit={onSubmit} onBack={back} busy={busy || form.formState.isSubmitting} formError={formError}>
      {incomeKeys.map((key) => (
        <AmountField key={key} label={tt(`income.${key}`)} hint={tt.has(`incomeHints.${key}`) ? tt(`incomeHints.${key}`) : undefined} error={error(e?.[key]?.message)} {...field(`income.${key}`)} />
      ))}
    </StepShell>
  );
}
