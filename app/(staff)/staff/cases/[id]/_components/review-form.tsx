'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { TextareaField } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { recordReviewAction } from '../actions';

/** The mediator records their review of a case flagged for one (a hardship pause), with a note; audited. */
export function ReviewForm({ caseId }: { caseId: string }) {
  const t = useTranslations('staffCase');
  const errorText = useErrorText();
  const router = useRouter();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(undefined);
        const result = await recordReviewAction({ caseId, note }).catch(() => null);
        setBusy(false);
        if (!result?.ok) return setError(errorText(result && !result.ok ? (result.formError ?? Object.values(result.fieldErrors)[0] ?? 'errors.UNAVAILABLE') : 'errors.UNAVAILABLE'));
        router.refresh();
      }}
    >
      <TextareaField label={t('reviewNote')} hint={t('reviewNoteHint')} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      <FormError message={error} />
      <Button type="submit" disabled={busy} className="self-start">
        {t('recordReview')}
      </Button>
    </form>
  );
}
