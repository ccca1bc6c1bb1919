'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { acceptOfferAction, declineOfferAction } from '../actions';

/** Accept (with a confirmation step) or decline one offer; `shown`: the payments key of the figures on the page. */
export function OfferActions({ caseId, offerId, shown }: { caseId: string; offerId: string; shown?: string }) {
  const t = useTranslations('offers');
  const errorText = useErrorText();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (action: () => Promise<{ ok: boolean; formError?: { key: string; params?: Record<string, string | number> } }>) => {
    setBusy(true);
    setError(undefined);
    const result = await action().catch(() => ({ ok: false, formError: { key: 'errors.UNAVAILABLE' } }));
    setBusy(false);
    if (!result.ok) setError(errorText(result.formError ?? { key: 'errors.UNAVAILABLE' }));
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-2">
      {confirming ? (
        <Notice tone="warn">
          <p>{t('confirmAccept')}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button type="button" onClick={() => run(() => acceptOfferAction({ caseId, offerId, shown }))} disabled={busy}>
              {t('confirmYes')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              {t('confirmNo')}
            </Button>
          </div>
        </Notice>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => setConfirming(true)} disabled={busy}>
            {t('accept')}
          </Button>
          <Button type="button" variant="secondary" onClick={() => run(() => declineOfferAction({ caseId, offerId }))} disabled={busy}>
            {t('decline')}
          </Button>
        </div>
      )}
      <FormError message={error} />
    </div>
  );
}
