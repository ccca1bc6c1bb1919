'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { confirmDelayAction } from '../actions';

/** The confirmation of the one-time delay, after its effect was shown; the reason in place if refused, else the page of its answer. */
export function DelayConfirm({ caseId, days, newDate }: { caseId: string; days: number; newDate: string }) {
  const t = useTranslations('planDelay');
  const errorText = useErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
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
          if (!result?.ok) {
            setBusy(false);
            return setError(result ? errorText(result.formError ?? Object.values(result.fieldErrors)[0]) : errorText('errors.UNAVAILABLE'));
          }
          // The delay page, rendered afresh, then shows only the answer: the new date and the addendum.
          router.replace(`/cases/${caseId}/delay?done=1`);
        }}
      >
        {busy ? t('confirming') : t('confirm', { date: newDate })}
      </Button>
    </div>
  );
}
