'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field, TextareaField } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { ActionResult } from '@/lib/server/action-result';
import { countersignConfirmationAction, prepareConfirmationAction, recordDecisionAction, recordFilingAction } from '../confirmation-actions';

/**
 * One submit for every confirmation form: a refusal appears beside its field (or above the button), what was typed
 * stays, and the page refreshes once the step is saved.
 */
function useStep() {
  const errorText = useErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const run = async (call: () => Promise<ActionResult<string> | null>) => {
    setBusy(true);
    setFieldErrors({});
    setFormError(undefined);
    const result = await call().catch(() => null);
    setBusy(false);
    if (!result) return setFormError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) {
      const known = ['password', 'filedOn', 'courtCaseNo', 'decidedOn', 'note', 'document', 'decision'];
      const fields = Object.fromEntries(Object.entries(result.fieldErrors).filter(([k]) => known.includes(k)).map(([k, v]) => [k, errorText(v) ?? ""])) as Record<string, string>;
      setFieldErrors(fields);
      const other = Object.entries(result.fieldErrors).find(([k]) => !known.includes(k))?.[1];
      if (result.formError || other) setFormError(errorText(result.formError ?? other));
      return;
    }
    router.refresh();
  };
  return { busy, fieldErrors, formError, run };
}

export function PrepareConfirmationForm({ caseId }: { caseId: string }) {
  const t = useTranslations('staffLitigation');
  const { busy, formError, run } = useStep();
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => prepareConfirmationAction({ caseId }));
      }}
    >
      <FormError message={formError} />
      <Button type="submit" disabled={busy} className="self-start">
        {busy ? t('confirmation.preparing') : t('confirmation.prepare')}
      </Button>
    </form>
  );
}

export function CountersignConfirmationForm({ caseId, confirmationId }: { caseId: string; confirmationId: string }) {
  const t = useTranslations('staffLitigation');
  const [password, setPassword] = useState('');
  const { busy, fieldErrors, formError, run } = useStep();
  return (
    <form
      className="flex flex-col gap-2 border-t border-slate-200 pt-3"
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => countersignConfirmationAction({ caseId, confirmationId, password }));
      }}
    >
      <h4 className="font-semibold">{t('confirmation.countersign.title')}</h4>
      <Field label={t('confirmation.countersign.password')} hint={t('confirmation.countersign.hint')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fieldErrors.password} />
      <FormError message={formError} />
      <Button type="submit" disabled={busy} className="self-start">
        {busy ? t('confirmation.countersign.working') : t('confirmation.countersign.submit')}
      </Button>
    </form>
  );
}

/** The filing (date, court case number, receipt) or the court's decision (confirmed or rejected, date, note, ruling). */
export function CourtStepForm({ caseId, confirmationId, step, today }: { caseId: string; confirmationId: string; step: 'filing' | 'decision'; today: string }) {
  const t = useTranslations('staffLitigation');
  const { busy, fieldErrors: e, formError, run } = useStep();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    data.set('caseId', caseId);
    data.set('confirmationId', confirmationId);
    void run(() => (step === 'filing' ? recordFilingAction(data) : recordDecisionAction(data)));
  };
  return (
    <form className="flex flex-col gap-3 border-t border-slate-200 pt-3" onSubmit={submit} noValidate>
      <h4 className="font-semibold">{t(`confirmation.${step}.title`)}</h4>
      {step === 'decision' ? (
        <fieldset className="flex flex-wrap gap-4">
          <legend className="text-sm font-medium">{t('confirmation.decision.decision')}</legend>
          {(['confirmed', 'rejected'] as const).map((d) => (
            <label key={d} className="flex min-h-11 items-center gap-2">
              <input type="radio" name="decision" value={d} defaultChecked={d === 'confirmed'} />
              {t(`confirmation.decision.${d}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {step === 'filing' ? (
        <>
          <Field label={t('confirmation.filing.filedOn')} name="filedOn" type="date" max={today} defaultValue={today} error={e.filedOn} />
          <Field label={t('confirmation.filing.courtCaseNo')} name="courtCaseNo" maxLength={60} error={e.courtCaseNo} />
        </>
      ) : (
        <>
          <Field label={t('confirmation.decision.decidedOn')} name="decidedOn" type="date" max={today} defaultValue={today} error={e.decidedOn} />
          <TextareaField label={t('confirmation.decision.note')} name="note" maxLength={1000} rows={2} error={e.note} />
        </>
      )}
      <Field label={t(`confirmation.${step}.document`)} name="document" type="file" accept="application/pdf,image/jpeg,image/png" error={e.document} />
      <FormError message={formError} />
      <Button type="submit" disabled={busy} className="self-start">
        {busy ? t(`confirmation.${step}.working`) : t(`confirmation.${step}.submit`)}
      </Button>
    </form>
  );
}
