'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field, SelectField } from '@/components/ui/field';
import { useActionSubmit } from '@/components/forms/use-action-submit';
import { paymentChannels } from '@/lib/validation/plan';
import { recordPaymentAction, recordRefundAction, reversePaymentAction } from '../plan-actions';

export function RecordPaymentForm({ caseId, today, titleHidden = false }: { caseId: string; today: string; titleHidden?: boolean }) {
  const t = useTranslations('staffPlan');
  const { busy, formError, submit, errors } = useActionSubmit();
  const empty = { amount: '', receivedOn: today, channel: 'bank_transfer', reference: '', note: '' };
  const [values, setValues] = useState(empty);
  const [confirmExcess, setConfirmExcess] = useState(false);
  const [done, setDone] = useState<string>();
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value });
  return (
    <form
      aria-labelledby="record-payment-heading"
      className="flex flex-col gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        setDone(undefined);
        await submit(
          () => recordPaymentAction({ caseId, input: { ...values, confirmExcess } }),
          (data) => {
            const { excess, completed } = data as { excess: number; completed: boolean };
            setDone(completed ? t('recordedCompleted') : excess > 0 ? t('recordedExcess') : t('recorded'));
            setValues(empty);
            setConfirmExcess(false);
          },
        );
      }}
    >
      <h3 id="record-payment-heading" className={titleHidden ? 'sr-only' : 'font-semibold'}>
        {t('recordTitle')}
      </h3>
      <div className="grid gap-3 md:grid-cols-2">
        <Field label={t('amount')} hint={t('amountHint')} inputMode="decimal" value={values.amount} onChange={set('amount')} error={errors.amount} />
        <Field label={t('receivedOn')} type="date" max={today} value={values.receivedOn} onChange={set('receivedOn')} error={errors.receivedOn} />
        <SelectField label={t('channel')} value={values.channel} onChange={set('channel')} error={errors.channel} options={paymentChannels.map((c) => ({ value: c, label: t(`channels.${c}`) }))} />
        <Field label={t('reference')} hint={t('referenceHint')} value={values.reference} onChange={set('reference')} error={errors.reference} autoComplete="off" />
      </div>
      <Field label={t('note')} value={values.note} onChange={set('note')} error={errors.note} />
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="size-5" checked={confirmExcess} onChange={(e) => setConfirmExcess(e.target.checked)} />
        {t('confirmExcess')}
      </label>
      <FormError message={formError} />
      {done ? <Notice role="status">{done}</Notice> : null}
      <Button type="submit" disabled={busy} className="self-start">
        {busy ? t('saving') : t('record')}
      </Button>
    </form>
  );
}

export function ReversePaymentForm({ caseId, paymentId, label, undoesCompletion }: { caseId: string; paymentId: string; label: string; undoesCompletion: boolean }) {
  const t = useTranslations('staffPlan');
  const { busy, formError, submit, errors } = useActionSubmit();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open)
    return (
      <Button type="button" variant="ghost" className="min-h-9 px-2 text-sm" onClick={() => setOpen(true)} aria-label={t('reverseFor', { payment: label })}>
        {t('reverse')}
      </Button>
    );
  return (
    <div className="flex min-w-64 flex-col gap-2">
      {undoesCompletion ? (
        <p className="text-sm font-medium text-warn-800" data-testid="reverse-undoes-completion">
          {t('reverseUndoesCompletion')}
        </p>
      ) : null}
      <Field label={t('reverseReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
      <FormError message={formError} />
      <Button type="button" variant="danger" disabled={busy} className="self-start" onClick={() => submit(() => reversePaymentAction({ caseId, input: { paymentId, reason } }))}>
        {t('reverseConfirm')}
      </Button>
    </div>
  );
}

export function RefundForm({ caseId, today, max }: { caseId: string; today: string; max: string }) {
  const t = useTranslations('staffPlan');
  const { busy, formError, submit, errors } = useActionSubmit();
  const empty = { amount: max, refundedOn: today, reference: '', note: '' };
  const [values, setValues] = useState(empty);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value });
  return (
    <form
      aria-labelledby="refund-heading"
      className="flex flex-col gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        await submit(() => recordRefundAction({ caseId, input: values }));
      }}
    >
      <h3 id="refund-heading" className="font-semibold">
        {t('refundTitle')}
      </h3>
      <div className="grid gap-3 md:grid-cols-3">
        <Field label={t('refundAmount')} inputMode="decimal" value={values.amount} onChange={set('amount')} error={errors.amount} />
        <Field label={t('refundedOn')} type="date" max={today} value={values.refundedOn} onChange={set('refundedOn')} error={errors.refundedOn} />
        <Field label={t('reference')} value={values.reference} onChange={set('reference')} error={errors.reference} autoComplete="off" />
      </div>
      <FormError message={formError} />
      <Button type="submit" variant="secondary" disabled={busy} className="self-start">
        {t('refundRecord')}
      </Button>
    </form>
  );
}
