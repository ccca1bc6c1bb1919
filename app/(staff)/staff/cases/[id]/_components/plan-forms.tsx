'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field, SelectField } from '@/components/ui/field';
import type { FieldError } from '@/lib/server/action-result';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { paymentChannels } from '@/lib/validation/plan';
import { recordPaymentAction, recordRefundAction, reversePaymentAction } from '../plan-actions';

type Errors = Record<string, FieldError | undefined>;
type Answer = { ok: true; data?: unknown } | { ok: false; fieldErrors: Record<string, FieldError>; formError?: FieldError } | null;

/** Sends a form's values; on refusal each message goes beside its field and nothing typed is lost. */
function useSubmit() {
  const router = useRouter();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string>();
  const submit = async (send: () => Promise<Answer>, onDone?: (data: unknown) => void) => {
    setBusy(true);
    setErrors({});
    setFormError(undefined);
    const result = await send().catch(() => null);
    setBusy(false);
    if (!result) return setFormError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) {
      setErrors(result.fieldErrors);
      if (result.formError) setFormError(errorText(result.formError));
      return;
    }
    onDone?.(result.data);
    router.refresh();
  };
  return { busy, errors, formError, submit, text: (key: string) => errorText(errors[key]) };
}

export function RecordPaymentForm({ caseId, today, titleHidden = false }: { caseId: string; today: string; titleHidden?: boolean }) {
  const t = useTranslations('staffPlan');
  const { busy, formError, submit, text } = useSubmit();
  const empty = { amount: '', receivedOn: today, channel: 'bank_transfer', reference: '', note: '' };
  const [values, setValues] = useState(empty);
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
          () => recordPaymentAction({ caseId, input: values }),
          (data) => {
            const { excess, completed } = data as { excess: number; completed: boolean };
            setDone(completed ? t('recordedCompleted') : excess > 0 ? t('recordedExcess') : t('recorded'));
            setValues(empty);
          },
        );
      }}
    >
      <h3 id="record-payment-heading" className={titleHidden ? 'sr-only' : 'font-semibold'}>
        {t('recordTitle')}
      </h3>
      <div className="grid gap-3 md:grid-cols-2">
        <Field label={t('amount')} hint={t('amountHint')} inputMode="decimal" value={values.amount} onChange={set('amount')} error={text('amount')} />
        <Field label={t('receivedOn')} type="date" max={today} value={values.receivedOn} onChange={set('receivedOn')} error={text('receivedOn')} />
        <SelectField label={t('channel')} value={values.channel} onChange={set('channel')} error={text('channel')} options={paymentChannels.map((c) => ({ value: c, label: t(`channels.${c}`) }))} />
        <Field label={t('reference')} hint={t('referenceHint')} value={values.reference} onChange={set('reference')} error={text('reference')} autoComplete="off" />
      </div>
      <Field label={t('note')} value={values.note} onChange={set('note')} error={text('note')} />
      <FormError message={formError} />
      {done ? <Notice role="status">{done}</Notice> : null}
      <Button type="submit" disabled={busy} className="self-start">
        {busy ? t('saving') : t('record')}
      </Button>
    </form>
  );
}

export function ReversePaymentForm({ caseId, paymentId, label }: { caseId: string; paymentId: string; label: string }) {
  const t = useTranslations('staffPlan');
  const { busy, formError, submit, text } = useSubmit();
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
      <Field label={t('reverseReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={text('reason')} />
      <FormError message={formError} />
      <Button type="button" variant="danger" disabled={busy} className="self-start" onClick={() => submit(() => reversePaymentAction({ caseId, input: { paymentId, reason } }))}>
        {t('reverseConfirm')}
      </Button>
    </div>
  );
}

export function RefundForm({ caseId, today, max }: { caseId: string; today: string; max: string }) {
  const t = useTranslations('staffPlan');
  const { busy, formError, submit, text } = useSubmit();
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
        <Field label={t('refundAmount')} inputMode="decimal" value={values.amount} onChange={set('amount')} error={text('amount')} />
        <Field label={t('refundedOn')} type="date" max={today} value={values.refundedOn} onChange={set('refundedOn')} error={text('refundedOn')} />
        <Field label={t('reference')} value={values.reference} onChange={set('reference')} error={text('reference')} autoComplete="off" />
      </div>
      <FormError message={formError} />
      <Button type="submit" variant="secondary" disabled={busy} className="self-start">
        {t('refundRecord')}
      </Button>
    </form>
  );
}
