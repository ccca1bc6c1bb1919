'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { supersedeAgreementAction } from '../actions';

/** A correction: the agreement is set aside (kept on record) and negotiation reopens. */
export function SupersedeForm({ caseId, agreementId }: { caseId: string; agreementId: string }) {
  const t = useTranslations('countersign');
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  if (!open)
    return (
      <Button type="button" variant="ghost" className="self-start" onClick={() => setOpen(true)}>
        {t('supersede')}
      </Button>
    );
  return (
    <div className="flex flex-col gap-2">
      <Field label={t('supersedeReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      <FormError message={error} />
      <Button
        type="button"
        variant="danger"
        className="self-start"
        onClick={async () => {
          const result = await supersedeAgreementAction({ caseId, agreementId, reason }).catch(() => null);
          if (!result) return setError(errorText('errors.UNAVAILABLE'));
          if (!result.ok) return setError(errorText(result.formError ?? Object.values(result.fieldErrors)[0] ?? 'errors.UNAVAILABLE'));
          router.refresh();
        }}
      >
        {t('supersedeConfirm')}
      </Button>
    </div>
  );
}
