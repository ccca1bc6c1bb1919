'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field, TextareaField } from '@/components/ui/field';
import { scheduleCallbackAction } from '../actions';
import { useActionSubmit } from '@/components/forms/use-action-submit';

/** A call back at a time on the borrower's clock; the server refuses a time the contact rules would refuse. */
export function CallbackForm({ caseId, timeZone, onDone }: { caseId: string; timeZone: string; onDone: () => void }) {
  const t = useTranslations('staffCaseFile');
  const [dueAt, setDueAt] = useState('');
  const [note, setNote] = useState('');
  const { busy, errors, formError, submit } = useActionSubmit();
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => scheduleCallbackAction({ caseId, dueAt, note }), onDone);
      }}
    >
      <Field label={t('callback.at')} type="datetime-local" value={dueAt} onChange={(e) => setDueAt(e.target.value)} error={errors.dueAt} hint={t('callback.atHint', { zone: timeZone })} autoFocus />
      <TextareaField label={t('callback.note')} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} error={errors.note} />
      <FormError message={formError} />
      <Button type="submit" disabled={busy} className="self-start">
        {t('callback.save')}
      </Button>
    </form>
  );
}
