'use client';

import { useTranslations } from 'next-intl';
import { FormError } from '@/components/ui/card';
import { cancelCallbackAction } from '../actions';
import { useActionSubmit } from '@/components/forms/use-action-submit';

/** Cancels an open callback (audited); shown to whoever acts on the case. */
export function CancelCallback({ caseId, callbackId, label }: { caseId: string; callbackId: string; label: string }) {
  const t = useTranslations('staffCaseFile');
  const { busy, formError, submit } = useActionSubmit();
  return (
    <span className="inline-flex flex-col">
      <button type="button" disabled={busy} className="min-h-9 self-start rounded px-2 text-sm text-brand-700 underline hover:bg-brand-50" aria-label={t('callback.cancelLabel', { at: label })} onClick={() => void submit(() => cancelCallbackAction({ caseId, callbackId }))}>
        {t('callback.cancel')}
      </button>
      <FormError message={formError} />
    </span>
  );
}
