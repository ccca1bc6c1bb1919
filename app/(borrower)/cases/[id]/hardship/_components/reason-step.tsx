'use client';

import { useTranslations } from 'next-intl';
import { Field } from '@/components/ui/field';
import { SelectField, TextareaField } from '@/components/ui/field';
import { hardshipDurations, hardshipReasons } from '@/lib/domain/hardship';
import type { HardshipFormStrings } from '@/lib/validation/hardship-form';
import { StepShell } from './step-shell';
import type { StepProps } from './types';
import { loadHardshipValidation, useStepForm } from './use-step-form';

const loadSchema = () => loadHardshipValidation().then((m) => m.reasonStep());

type Values = HardshipFormStrings['reason'];

export function ReasonStep({ index, total, values, save, autosave, back, busy }: StepProps<Values>) {
  const t = useTranslations('hardship.reason');
  const tw = useTranslations('hardship');
  const tt = useTranslations('hardshipTerms');
  const { form, onSubmit, formError, error, field, saved, formId } = useStepForm<Values>('hardship-reason', loadSchema, values, save, autosave);
  const e = form.formState.errors.reason;
  return (
    <StepShell id={formId} saved={saved} index={index} total={total} title={t('title')} intro={t('intro')} onSubmit={onSubmit} onBack={back} busy={busy || form.formState.isSubmitting} formError={formError}>
      <SelectField label={t('category')} placeholder={tw('choose')} options={hardshipReasons.map((v) => ({ value: v, label: tt(`reasons.${v}`) }))} error={error(e?.category?.message)} {...field('reason.category')} />
      <Field label={t('since')} hint={t('sinceHint')} type="date" error={error(e?.since?.message)} {...field('reason.since')} />
      <SelectField label={t('duration')} placeholder={tw('choose')} options={hardshipDurations.map((v) => ({ value: v, label: tt(`durations.${v}`) }))} error={error(e?.duration?.message)} {...field('reason.duration')} />
      <TextareaField label={t('details')} hint={t('detailsHint')} rows={5} maxLength={2000} error={error(e?.details?.message)} {...field('reason.details')} />
    </StepShell>
  );
}
