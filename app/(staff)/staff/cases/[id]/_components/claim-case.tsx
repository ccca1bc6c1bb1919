'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { claimCaseAction } from '../actions';

/** Takes an unassigned case: from then on it is this mediator's to work. */
export function ClaimCase({ caseId }: { caseId: string }) {
  const t = useTranslations('staffCase');
  const errorText = useErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-col gap-2">
      <FormError message={error} />
      <Button
        type="button"
        className="self-start"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          const result = await claimCaseAction({ caseId }).catch(() => null);
          setBusy(false);
          if (!result || !result.ok) setError(errorText(result && !result.ok ? (result.formError ?? { key: 'errors.UNAVAILABLE' }) : 'errors.UNAVAILABLE'));
          router.refresh();
        }}
      >
        {busy ? t('claiming') : t('claim')}
      </Button>
    </div>
  );
}
