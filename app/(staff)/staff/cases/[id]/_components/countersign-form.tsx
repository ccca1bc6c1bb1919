'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { countersignAction } from '../actions';

/** Countersigning for the creditor: the staff member's password again is the step-up check. */
export function CountersignForm({ caseId, agreementId }: { caseId: string; agreementId: string }) {
  const t = useTranslations('countersign');
  const errorText = useErrorText();
  const router = useRouter();
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setFieldError(undefined);
        setFormError(undefined);
        const result = await countersignAction({ caseId, agreementId, password }).catch(() => null);
        setBusy(false);
        if (!result) return setFormError(errorText('errors.UNAVAILABLE'));
        if (!result.ok) {
          if (result.fieldErrors.password) return setFieldError(errorText(result.fieldErrors.password));
          return setFormError(errorText(result.formError ?? Object.values(result.fieldErrors)[0] ?? 'errors.UNAVAILABLE'));
        }
        router.refresh();
      }}
    >
      <Field label={t('passwordLabel')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError} />
      <FormError message={formError} />
      <Button type="submit" disabled={busy} className="self-start">
        {busy ? t('working') : t('submit')}
      </Button>
    </form>
  );
}
