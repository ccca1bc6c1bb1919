'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { revealAction } from '../actions';
import { useActionSubmit } from '@/components/forms/use-action-submit';

/** A masked identifier, revealed only with a reason (audited on the server before the value is sent). */
export function RevealField({ caseId, field, masked }: { caseId: string; field: 'phone' | 'residentId'; masked: string }) {
  const t = useTranslations('staffCaseFile');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<string>();
  const { busy, errors, formError, submit } = useActionSubmit();
  if (value) return <span className="font-mono">{value}</span>;
  return (
    <div className="flex flex-col items-start gap-2">
      <span className="flex flex-wrap items-center gap-2">
        <span className="font-mono">{masked}</span>
        {open ? null : (
          <Button type="button" variant="ghost" className="min-h-9 px-2 py-1 text-sm" onClick={() => setOpen(true)}>
            {t(`reveal.show.${field}`)}
          </Button>
        )}
      </span>
      {open ? (
        <form
          className="flex flex-col gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void submit(() => revealAction({ caseId, field, reason }), (data) => setValue((data as { value: string }).value));
          }}
        >
          <Field label={t('reveal.reason')} hint={t('reveal.reasonHint')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} error={errors.reason} autoFocus />
          <FormError message={formError} />
          <span className="flex gap-2">
            <Button type="submit" disabled={busy} className="min-h-9 py-1 text-sm">
              {t('reveal.confirm')}
            </Button>
            <Button type="button" variant="secondary" className="min-h-9 py-1 text-sm" onClick={() => setOpen(false)}>
              {t('cancel')}
            </Button>
          </span>
        </form>
      ) : null}
    </div>
  );
}
