'use client';

import { useTranslations } from 'next-intl';
import { useFieldArray } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { HardshipFormStrings } from '@/lib/validation/hardship-form';
import { AmountField } from './amount-field';
import { StepShell } from './step-shell';
import type { StepProps } from './types';
import { loadHardshipValidation, useStepForm } from './use-step-form';

const loadSchema = () => loadHardshipValidation().then((m) => m.debtsStep);

type Values = HardshipFormStrings['debts'];

export function DebtsStep({ index, total, values, save, autosave, back, busy }: StepProps<Values>) {
  const t = useTranslations('hardship.debts');
  const { form, onSubmit, formError, error, field, checkbox, saved, formId } = useStepForm<Values>('hardship-debts', loadSchema, values, save, autosave);
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'debts' });
  const e = form.formState.errors.debts;
  return (
    <StepShell id={formId} saved={saved} index={index} total={total} title={t('title')} intro={t('intro')} onSubmit={onSubmit} onBack={back} busy={busy || form.formState.isSubmitting} formError={formError}>
      {fields.length === 0 ? <p className="text-slate-700">{t('none')}</p> : null}
      {fields.map((item, i) => (
        <fieldset key={item.id} className="flex flex-col gap-3 rounded-lg border border-slate-300 p-3">
          <legend className="px-1 font-semibold">{t('debtN', { n: i + 1 })}</legend>
          <Field label={t('lender')} error={error(e?.[i]?.lender?.message)} {...field(`debts.${i}.lender`)} />
          <AmountField label={t('monthlyPayment')} error={error(e?.[i]?.monthlyPayment?.message)} {...field(`debts.${i}.monthlyPayment`)} />
          <label className="flex min-h-11 items-start gap-3 text-sm">
            <input type="checkbox" className="mt-1 size-5" {...checkbox(`debts.${i}.priority`)} />
            <span>
              <span className="font-medium">{t('priority')}</span>
              <span className="block text-slate-600">{t('priorityHint')}</span>
            </span>
          </label>
          <Button type="button" variant="ghost" onClick={() => remove(i)} className="self-start">
            {t('remove', { n: i + 1 })}
          </Button>
        </fieldset>
      ))}
      {fields.length < 10 ? (
        <Button type="button" variant="secondary" onClick={() => append({ lender: '', monthlyPayment: '', priority: false })}>
          {t('add')}
        </Button>
      ) : null}
    </StepShell>
  );
}
