'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { confirmDelayAction } from '../actions';

/** The confirmation of the one-time delay, after its effect was shown; the answer (or the reason it was refused) in place. */
export function DelayConfirm({ caseId, days, newDate }: { caseId: string; days: number; newDate: string }) {
  const t = useTranslations('planDelay');
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<{ addendumId: string } | null>(null);
  if (done) {
    return (
      <Notice role="status">
        <p className="font-semibold">{t('done', { date: newDate })}</p>
        <div className="mt-2 flex flex-wrap gap-2">
          <a href={`/api/plan-documents/${done.addendumId}`} className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-medium text-white">
            {t('addendum')}
          </a>
          <a href={`/cases/${caseId}`} className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 font-medium">
            {t('backToPlan')}
          </a>
        </div>
      </Notice>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <FormError message={error} />
      <Button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          const result = await confirmDelayAction({ caseId, days }).catch(() => null);
          setBusy(false);
          if (!result) return setError(errorText('errors.UNAVAILABLE'));
          if (!result.ok) return setError(errorText(result.formError ?? Object.values(result.fieldErrors)[0]));
          setDone({ addendumId: result.data.addendumId });
        }}
      >
        {busy ? t('confirming') : t('confirm', { date: newDate })}
      </Button>
    </div>
  );
}
