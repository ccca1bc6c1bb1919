'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { recordPromiseAction } from '../actions';
import { useActionSubmit } from '@/components/forms/use-action-submit';

/** A promise to pay made outside a recorded call (in a message, in person): a day and an amount in yuan. */
export function PromiseForm({ caseId, graceDays, onDone }: { caseId: string; graceDays: number; onDone: () => void }) {
  const t = useTranslations('staffCaseFile');
  const [promiseDate, setDate] = useState('');
  const [promiseAmount, setAmount] = useState('');
  const { busy, errors, formError, submit } = useActionSubmit();
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => recordPromiseAction({ caseId, promiseDate, promiseAmount }), onDone);
      }}
    >
      <PromiseFields date={promiseDate} amount={promiseAmount} setDate={setDate} setAmount={setAmount} errors={errors} graceDays={graceDays} />
      <FormError message={formError} />
      <Button type="submit" disabled={busy} className="self-start">
        {t('promise.save')}
      </Button>
    </form>
  );
}

/** The day and amount of a promise, shared by the promise form and the contact form's "promise to pay" result. */
export function PromiseFields(props: { date: string; amount: string; setDate: (v: string) => void; setAmount: (v: string) => void; errors: Record<string, string | undefined>; graceDays: number }) {
  const t = useTranslations('staffCaseFile');
  return (
    <div className="grid grid-cols-2 gap-3">
      <Field label={t('promise.date')} type="date" value={props.date} onChange={(e) => props.setDate(e.target.value)} error={props.errors.promiseDate} hint={t('promise.dateHint', { days: props.graceDays })} />
      <Field label={t('promise.amount')} inputMode="decimal" value={props.amount} onChange={(e) => props.setAmount(e.target.value)} error={props.errors.promiseAmount} hint={t('promise.amountHint')} />
    </div>
  );
}
