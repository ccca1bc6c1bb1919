'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field, SelectField, TextareaField } from '@/components/ui/field';
import { useActionSubmit } from '@/components/forms/use-action-submit';
import { closingOutcomes, outcomeAmounts, type OutcomeAmount, type OutcomeKind } from '@/lib/domain/outcomes';
import type { ActionResult } from '@/lib/server/action-result';

/** Closing a case with its outcome: the amounts the chosen outcome carries appear beside it; nothing typed is lost on an error. */
export function CloseCaseForm({
  caseId,
  version,
  close,
  only,
  label,
}: {
  caseId: string;
  version: number;
  close: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
  /** The one outcome offered (escalation to litigation from the action bar); every closing outcome otherwise. */
  only?: OutcomeKind;
  label?: string;
}) {
  const t = useTranslations('outcomes');
  const [outcome, setOutcome] = useState<OutcomeKind | ''>(only ?? '');
  const [values, setValues] = useState<Record<OutcomeAmount | 'note', string>>({ amountRecovered: '', amountWaived: '', amountClaimed: '', note: '' });
  const [done, setDone] = useState<string>();
  const result = useActionSubmit();
  const amounts = outcome ? outcomeAmounts[outcome] : [];
  return (
    <form
      className="flex flex-col gap-3"
      aria-label={label ?? t('close')}
      onSubmit={async (event) => {
        event.preventDefault();
        setDone(undefined);
        await result.submit(
          () => close({ caseId, version, outcome, ...Object.fromEntries(amounts.map((a) => [a, values[a]])), note: values.note }),
          () => setDone(t('closed', { outcome: t(`kind.${outcome as OutcomeKind}`) })),
        );
      }}
    >
      <p className="text-sm text-slate-700">{t('closeIntro')}</p>
      <FormError message={result.formError} />
      {done ? <Notice role="status">{done}</Notice> : null}
      {/* The one outcome this form records (escalation) is said, not offered as a choice of one. */}
      {only ? null : (
        <SelectField
          label={t('outcome')}
          name="outcome"
          value={outcome}
          placeholder={t('choose')}
          error={result.errors.outcome}
          onChange={(e) => setOutcome(e.target.value as OutcomeKind)}
          options={closingOutcomes.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
      )}
      {amounts.map((a) => (
        <Field key={a} label={t(a)} name={a} inputMode="decimal" value={values[a]} error={result.errors[a]} onChange={(e) => setValues({ ...values, [a]: e.target.value })} />
      ))}
      <TextareaField label={t('note')} name="note" rows={2} value={values.note} error={result.errors.note} onChange={(e) => setValues({ ...values, note: e.target.value })} />
      <Button type="submit" variant="danger" className="self-start" disabled={result.busy}>
        {result.busy ? t('closing') : only ? (label ?? t(`kind.${only}`)) : t('closeButton')}
      </Button>
    </form>
  );
}

/** Reopening an ended case, with the reason on record. */
export function ReopenCaseForm({ caseId, version, reopen }: { caseId: string; version: number; reopen: (input: { caseId: string; version: number; reason: string }) => Promise<ActionResult<unknown>> }) {
  const t = useTranslations('outcomes');
  const [reason, setReason] = useState('');
  const result = useActionSubmit();
  return (
    <form
      className="flex flex-col gap-3"
      aria-label={t('reopen')}
      onSubmit={async (event) => {
        event.preventDefault();
        await result.submit(() => reopen({ caseId, version, reason }));
      }}
    >
      <p className="text-sm text-slate-700">{t('reopenIntro')}</p>
      <FormError message={result.formError} />
      <TextareaField label={t('reason')} name="reason" rows={2} value={reason} error={result.errors.reason} onChange={(e) => setReason(e.target.value)} />
      <Button type="submit" variant="secondary" className="self-start" disabled={result.busy}>
        {result.busy ? t('reopening') : t('reopenButton')}
      </Button>
    </form>
  );
}
