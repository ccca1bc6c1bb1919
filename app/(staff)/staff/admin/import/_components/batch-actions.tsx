'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { cancelImportAction, confirmImportAction } from '../actions';

/** Confirm the previewed import (queued as a job), or discard the file. A second click or a second admin is told where it is. */
export function BatchActions({ batchId, importable, invalid, confirmable, cancellable }: { batchId: string; importable: number; invalid: number; confirmable: boolean; cancellable: boolean }) {
  const t = useTranslations('staffImport');
  const errorText = useErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (action: typeof confirmImportAction, conflict: string) => {
    setBusy(true);
    setError(undefined);
    const result = await action({ batchId }).catch(() => null);
    setBusy(false);
    if (!result) return setError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) setError(result.formError?.key === 'errors.CONFLICT' ? conflict : errorText(result.formError ?? 'errors.UNAVAILABLE'));
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-3">
      {confirmable ? <p className="text-sm text-slate-700">{t('confirmHint', { invalid })}</p> : null}
      <FormError message={error} />
      <div className="flex flex-wrap gap-3">
        {confirmable ? (
          <Button type="button" disabled={busy} onClick={() => run(confirmImportAction, t('notConfirmable'))}>
            {t('confirm', { count: importable })}
          </Button>
        ) : null}
        {cancellable ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => run(cancelImportAction, t('notCancellable'))}>
            {t('cancel')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

/** While a job works on the batch, the page asks the server again every second and a half (it survives a reload: the state is the batch's). */
export function FollowProgress() {
  const router = useRouter();
  const t = useTranslations('staffImport');
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(timer);
  }, [router]);
  return <p className="text-sm text-slate-700">{t('working')}</p>;
}
