'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { signInWithCredentials } from '@/lib/auth/credentials-client';
import { parseAuthError, useErrorText } from '@/lib/i18n/use-error-text';
import type { VerifyCodeInput } from '@/lib/validation/auth';
import { lazyZodResolver } from '@/lib/validation/lazy-resolver';
import { messageOf } from '@/lib/validation/message';
import { requestCodeAction } from '../actions';

const resolver = lazyZodResolver<VerifyCodeInput>(() => import('@/lib/validation/auth').then((m) => m.verifyCodeSchema));

function useSecondsUntil(target: number | null) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!target) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [target]);
  return target ? Math.max(0, Math.ceil((target - now) / 1000)) : 0;
}

export function BorrowerLoginForm({ returnTo }: { returnTo: string | null }) {
  const t = useTranslations('login');
  const errorText = useErrorText();
  const [codeSent, setCodeSent] = useState(false);
  const [sending, setSending] = useState(false);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [formError, setFormError] = useState<string>();
  const wait = useSecondsUntil(resendAt);
  const {
    register,
    handleSubmit,
    trigger,
    getValues,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<VerifyCodeInput>({ resolver, defaultValues: { phone: '', code: '' }, mode: 'onTouched' });

  async function sendCode() {
    setFormError(undefined);
    if (!(await trigger('phone'))) return;
    setSending(true);
    const result = await requestCodeAction({ phone: getValues('phone') }).catch(() => null);
    setSending(false);
    if (!result) return setFormError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) {
      const phoneError = result.fieldErrors.phone;
      if (phoneError) setError('phone', { message: messageOf(phoneError) });
      if (result.formError) setFormError(errorText(result.formError));
      return;
    }
    setCodeSent(true);
    setResendAt(new Date(result.data.resendAt).getTime());
    setTimeout(() => setFocus('code'), 0);
  }

  async function onSubmit(values: VerifyCodeInput) {
    setFormError(undefined);
    const result = await signInWithCredentials('borrower-code', { phone: values.phone, code: values.code }).catch(() => null);
    if (result?.ok) {
      // A full load, not a client navigation: the home page is a plain document (ADR 0007), and the page the borrower
      // was on when their session ended (checked on the server as a path on this portal) starts afresh with the new session.
      window.location.replace(returnTo ?? '/');
      return;
    }
    const error = parseAuthError(result?.ok === false ? result.error : null);
    if (error.field === 'phone') setError('phone', { message: messageOf(error) });
    else setError('code', { message: messageOf(error) });
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} onFocus={resolver.preload} noValidate className="flex flex-col gap-4">
      <Field
        label={t('phoneLabel')}
        hint={t('phoneHint')}
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        error={errorText(errors.phone?.message)}
        {...register('phone')}
      />
      <Button type="button" variant={codeSent ? 'secondary' : 'primary'} onClick={sendCode} disabled={sending || wait > 0}>
        {sending ? t('sending') : wait > 0 ? t('resendIn', { seconds: wait }) : codeSent ? t('resend') : t('sendCode')}
      </Button>
      {codeSent ? (
        <>
          <p role="status" className="text-sm text-ok-700">
            {t('codeSent')}
          </p>
          <Field
            label={t('codeLabel')}
            hint={t('codeHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            error={errorText(errors.code?.message)}
            {...register('code')}
          />
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? t('signingIn') : t('signIn')}
          </Button>
        </>
      ) : null}
      {formError ? <Notice tone="error" role="alert">{formError}</Notice> : null}
    </form>
  );
}
