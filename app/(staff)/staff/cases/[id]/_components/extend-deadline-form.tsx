'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field, TextareaField } from '@/components/ui/field';
import { extendDeadlineAction } from '../actions';
import { useActionSubmit } from '@/components/forms/use-action-submit';

/** A supervisor extends the mediation window by agreement of both sides, with a reason; recorded in the audit trail. */
export function ExtendDeadlineForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const t = useTranslations('staffCaseFile');
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const [borrowerAgreed, setAgreed] = useState(false);
  const { busy, errors, formError, submit } = useActionSubmit();
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => extendDeadlineAction({ caseId, days, reason, borrowerAgreed }), onDone);
      }}
    >
      <Field label={t('extend.days')} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} error={errors.days} hint={t('extend.daysHint')} className="max-w-32" autoFocus />
      <TextareaField label={t('extend.reason')} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
      <label className="flex min-h-11 items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1 size-5" checked={borrowerAgreed} onChange={(e) => setAgreed(e.target.checked)} aria-describedby={errors.borrowerAgreed ? 'agreed-error' : undefined} />
        <span>{t('extend.agreed')}</span>
      </label>
      {errors.borrowerAgreed ? (
        <p id="agreed-error" role="alert" className="text-sm font-medium text-danger-700">
          {errors.borrowerAgreed}
        </p>
      ) : null}
      <FormError message={formError} />
      <Button type="submit" disabled={busy} className="self-start">
        {t('extend.save')}
      </Button>
    </form>
  );
}
