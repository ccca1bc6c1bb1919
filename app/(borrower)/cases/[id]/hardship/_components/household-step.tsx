'use client';

import { useTranslations } from 'next-intl';
import { Field } from '@/components/ui/field';
import { SelectField } from '@/components/ui/field';
import { employmentTypes, housingTypes } from '@/lib/domain/hardship';
import type { HardshipFormStrings } from '@/lib/validation/hardship-form';
import { StepShell } from './step-shell';
import type { StepProps } from './types';
import { loadHardshipValidation, useStepForm } from './use-step-form';

const loadSchema = () => loadHardshipValidation().then((m) => m.householdStep);

type Values = HardshipFormStrings['household'];

export function HouseholdStep({ index, total, values, save, autosave, busy }: StepProps<Values>) {
  const t = useTranslations('hardship.household');
  const tw = useTranslations('hardship');
  const tt = useTranslations('hardshipTerms');
  const { form, onSubmit, formError, error, field, saved, formId } = useStepForm<Values>('hardship-household', loadSchema, values, save, autosave);
  const { formState } = form;
  const e = formState.errors;
  const count = (name: keyof Values, label: string, hint?: string) => (
    <Field label={label} hint={hint} inputMode="numeric" autoComplete="off" error={error(e[name]?.message)} {...field(name)} />
  );
  return (
    <StepShell id={formId} saved={saved} index={index} total={total} title={t('title')} onSubmit={onSubmit} busy={busy || formState.isSubmitting} formError={formError}>
      {count('adults', t('adults'), t('adultsHint'))}
      {count('childrenUnder6', t('childrenUnder6'))}
      {count('children6to17', t('children6to17'))}
      {count('otherDependants', t('otherDependants'), t('otherDependantsHint'))}
      <SelectField label={t('housing')} placeholder={tw('choose')} options={housingTypes.map((v) => ({ value: v, label: tt(`housingTypes.${v}`) }))} error={error(e.housing?.message)} {...field('housing')} />
      <SelectField label={t('employment')} placeholder={tw('choose')} options={employmentTypes.map((v) => ({ value: v, label: tt(`employmentTypes.${v}`) }))} error={error(e.employment?.message)} {...field('employment')} />
    </StepShell>
  );
}
