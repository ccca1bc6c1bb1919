'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field, SelectField, TextareaField } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { ActionResult } from '@/lib/server/action-result';
import { agreementChannels } from '@/lib/validation/outcome';
import { decideReviewAction } from '../actions';

type Decide = typeof decideReviewAction;

function useDecision(caseId: string, version: number, decide: Decide) {
  const errorText = useErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string>();
  return {
    busy,
    errors,
    formError,
    async submit(decision: 'extend' | 'escalate', input: Record<string, unknown>) {
      setBusy(true);
      const result: ActionResult<unknown> | null = await decide({ caseId, version, decision, input }).catch(() => null);
      setBusy(false);
      if (result?.ok) {
        router.refresh();
        return;
      }
      setErrors(Object.fromEntries(Object.entries(result?.fieldErrors ?? {}).map(([k, v]) => [k, errorText(v)])));
      setFormError(result ? errorText(result.formError) : errorText('errors.UNAVAILABLE'));
    },
  };
}

/** More time, with the borrower's agreement recorded: how and when they agreed, and a note. */
export function ExtendForm({ caseId, version, today }: { caseId: string; version: number; today: string }) {
  const t = useTranslations('review');
  const [v, setV] = useState({ days: '14', agreedVia: '', agreedOn: today, borrowerConfirmed: false, note: '' });
  const d = useDecision(caseId, version, decideReviewAction);
  return (
    <form
      className="flex flex-col gap-3"
      aria-label={t('extend')}
      onSubmit={(e) => {
        e.preventDefault();
        void d.submit('extend', v);
      }}
    >
      <FormError message={d.formError} />
      <div className="grid gap-3">
        <Field label={t('days')} name="days" inputMode="numeric" value={v.days} error={d.errors.days} onChange={(e) => setV({ ...v, days: e.target.value })} />
        <SelectField label={t('agreedVia')} name="agreedVia" value={v.agreedVia} placeholder={t('choose')} error={d.errors.agreedVia} onChange={(e) => setV({ ...v, agreedVia: e.target.value })} options={agreementChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
        <Field label={t('agreedOn')} name="agreedOn" type="date" value={v.agreedOn} error={d.errors.agreedOn} onChange={(e) => setV({ ...v, agreedOn: e.target.value })} />
      </div>
      <TextareaField label={t('agreementNote')} name="note" rows={2} value={v.note} error={d.errors.note} onChange={(e) => setV({ ...v, note: e.target.value })} />
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="size-5" checked={v.borrowerConfirmed} onChange={(e) => setV({ ...v, borrowerConfirmed: e.target.checked })} aria-describedby={d.errors.borrowerConfirmed ? `${caseId}-confirm-error` : undefined} />
        {t('borrowerConfirmed')}
      </label>
      {d.errors.borrowerConfirmed ? (
        <p id={`${caseId}-confirm-error`} role="alert" className="text-sm font-medium text-danger-700">
          {d.errors.borrowerConfirmed}
        </p>
      ) : null}
      <Button type="submit" className="self-start" disabled={d.busy}>
        {t('extendButton')}
      </Button>
    </form>
  );
}

/** Hand-over to litigation, with the amount claimed. */
export function EscalateForm({ caseId, version }: { caseId: string; version: number }) {
  const t = useTranslations('review');
  const tOutcome = useTranslations('outcomes');
  const [v, setV] = useState({ amountClaimed: '', note: '' });
  const d = useDecision(caseId, version, decideReviewAction);
  return (
    <form
      className="flex flex-col gap-3"
      aria-label={t('escalate')}
      onSubmit={(e) => {
        e.preventDefault();
        void d.submit('escalate', v);
      }}
    >
      <FormError message={d.formError} />
      <Field label={tOutcome('amountClaimed')} name="amountClaimed" inputMode="decimal" value={v.amountClaimed} error={d.errors.amountClaimed} onChange={(e) => setV({ ...v, amountClaimed: e.target.value })} />
      <TextareaField label={tOutcome('note')} name="note" rows={2} value={v.note} error={d.errors.note} onChange={(e) => setV({ ...v, note: e.target.value })} />
      <Button type="submit" variant="danger" className="self-start" disabled={d.busy}>
        {t('escalateButton')}
      </Button>
    </form>
  );
}
