'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { setPasswordAction } from '../actions';

/** Choosing a password from an invitation or reset link: the account page's rules and messages. */
export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations('setPassword');
  const errorText = useErrorText();
  const [v, setV] = useState({ next: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <Notice role="status" className="flex flex-col gap-2">
        <p>{t('done')}</p>
        <Link href="/staff/login" className="font-semibold text-brand-700 underline">
          {t('signIn')}
        </Link>
      </Notice>
    );
  }
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const result = await setPasswordAction({ token, ...v }).catch(() => null);
        setBusy(false);
        if (result?.ok) return setDone(true);
        setErrors(Object.fromEntries(Object.entries(result?.fieldErrors ?? {}).map(([k, m]) => [k, errorText(m)])));
        setFormError(result ? errorText(result.formError) : errorText('errors.UNAVAILABLE'));
      }}
    >
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormError message={formError} />
      <Field label={t('next')} hint={t('rules')} type="password" name="next" autoComplete="new-password" value={v.next} error={errors.next} onChange={(e) => setV({ ...v, next: e.target.value })} />
      <Field label={t('confirm')} type="password" name="confirm" autoComplete="new-password" value={v.confirm} error={errors.confirm} onChange={(e) => setV({ ...v, confirm: e.target.value })} />
      <Button type="submit" className="self-start" disabled={busy}>
        {t('save')}
      </Button>
    </form>
  );
}
