'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { signOutEverywhereAction } from '@/app/actions';
import { signOutTo } from '@/lib/auth/credentials-client';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { useErrorText } from '@/lib/i18n/use-error-text';

/** Ends every session of the signed-in person, this one too, then clears this browser's cookie. */
export function SignOutEverywhere({ signInPage }: { signInPage: string }) {
  const t = useTranslations('account');
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-slate-700">{t('signOutEverywhereHint')}</p>
      <FormError message={error} />
      <Button
        type="button"
        variant="danger"
        disabled={busy}
        className="self-start"
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          const result = await signOutEverywhereAction(null).catch(() => null);
          if (result && !result.ok && result.formError?.key !== 'errors.SESSION_EXPIRED') {
            setBusy(false);
            return setError(errorText(result.formError ?? 'errors.UNAVAILABLE'));
          }
          if (!result) {
            setBusy(false);
            return setError(errorText('errors.UNAVAILABLE'));
          }
          await signOutTo(signInPage);
        }}
      >
        {busy ? t('signingOut') : t('signOutEverywhere')}
      </Button>
    </div>
  );
}
