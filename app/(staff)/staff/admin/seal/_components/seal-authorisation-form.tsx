'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { messageOf } from '@/lib/validation/message';
import { grantSealAction, revokeSealAction } from '../actions';

/** Grant the standing authorisation (who authorises it), or revoke the one in force. */
export function SealAuthorisationForm({ creditorId, inForce }: { creditorId: string; inForce: boolean }) {
  const t = useTranslations('staffAdmin');
  const errorText = useErrorText();
  const router = useRouter();
  const [signatory, setSignatory] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const run = async (action: () => Promise<{ ok: boolean; fieldErrors?: Record<string, { key: string; params?: Record<string, string | number> }>; formError?: { key: string; params?: Record<string, string | number> } }>) => {
    setBusy(true);
    setError(undefined);
    setFieldError(undefined);
    const result = await action().catch(() => null);
    setBusy(false);
    if (!result) return setError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) {
      if (result.fieldErrors?.signatory) return setFieldError(errorText(messageOf(result.fieldErrors.signatory)));
      return setError(errorText(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? 'errors.UNAVAILABLE'));
    }
    setSignatory('');
    setConfirming(false);
    router.refresh();
  };
  return inForce ? (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">{t('revokeHint')}</p>
      <FormError message={error} />
      {confirming ? (
        // Revoking stops every countersignature at once: asked again before it is done (one click did it).
        <Notice tone="warn">
          <p>{t('revokeConfirm')}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button type="button" variant="danger" disabled={busy} onClick={() => run(() => revokeSealAction({ creditorId }))}>
              {t('revokeYes')}
            </Button>
            <Button type="button" variant="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              {t('revokeNo')}
            </Button>
          </div>
        </Notice>
      ) : (
        <Button type="button" variant="danger" className="self-start" disabled={busy} onClick={() => setConfirming(true)}>
          {t('revoke')}
        </Button>
      )}
    </div>
  ) : (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => grantSealAction({ creditorId, signatory }));
      }}
    >
      <Field label={t('signatory')} hint={t('signatoryHint')} value={signatory} onChange={(e) => setSignatory(e.target.value)} error={fieldError} maxLength={100} />
      <FormError message={error} />
      <Button type="submit" className="self-start" disabled={busy}>
        {t('grant')}
      </Button>
    </form>
  );
}
