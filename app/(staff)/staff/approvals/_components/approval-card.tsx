'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { OfferComposer } from '@/components/offers/offer-composer';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import type { OfferContext, OfferTerms } from '@/lib/domain/offer-terms';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { decideApprovalAction } from '../actions';

/** Approve, reject with a reason, or amend within the supervisor's authority. */
export function ApprovalDecision({ offerId, terms, context, own }: { offerId: string; terms: OfferTerms; context: OfferContext; own: boolean }) {
  const t = useTranslations('approvals');
  const errorText = useErrorText();
  const router = useRouter();
  const [mode, setMode] = useState<'idle' | 'reject' | 'amend'>('idle');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (own) return <Notice tone="warn">{t('own')}</Notice>;
  const decide = async (input: Parameters<typeof decideApprovalAction>[0]) => {
    setBusy(true);
    setError(undefined);
    const result = await decideApprovalAction(input).catch(() => null);
    setBusy(false);
    if (!result) return setError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) return setError(errorText(result.formError ?? Object.values(result.fieldErrors)[0] ?? 'errors.UNAVAILABLE'));
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-3">
      {mode === 'idle' ? (
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => decide({ offerId, decision: 'approve' })} disabled={busy}>
            {t('approve')}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setMode('amend')} disabled={busy}>
            {t('amend')}
          </Button>
          <Button type="button" variant="danger" onClick={() => setMode('reject')} disabled={busy}>
            {t('reject')}
          </Button>
        </div>
      ) : null}
      {mode === 'reject' ? (
        <div className="flex flex-col gap-2">
          <Field label={t('rejectReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <Button type="button" variant="danger" onClick={() => decide({ offerId, decision: 'reject', reason })} disabled={busy} className="self-start">
            {t('reject')}
          </Button>
        </div>
      ) : null}
      {mode === 'amend' ? (
        <div className="rounded-lg border border-slate-300 p-3">
          <h3 className="mb-2 font-semibold">{t('amendTitle')}</h3>
          <OfferComposer
            context={context}
            role="supervisor"
            initialTerms={terms}
            submitLabel={t('sendAmended')}
            submit={(input) => decideApprovalAction({ offerId, decision: 'amend', terms: input.terms, message: input.message })}
            onDone={() => router.refresh()}
          />
        </div>
      ) : null}
      <FormError message={error} />
    </div>
  );
}
