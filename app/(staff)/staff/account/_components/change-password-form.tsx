'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyServerErrors } from '@/components/forms/apply-server-errors';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { ChangePasswordInput } from '@/lib/validation/auth';
import { lazyZodResolver } from '@/lib/validation/lazy-resolver';
import { changePasswordAction } from '../actions';

const resolver = lazyZodResolver<ChangePasswordInput>(() => import('@/lib/validation/auth').then((m) => m.changePasswordSchema));

/** The current password, then the new one twice; other sessions end when it is changed. */
export function ChangePasswordForm() {
  const t = useTranslations('account');
  const errorText = useErrorText();
  const router = useRouter();
  const [formError, setFormError] = useState<string>();
  const [done, setDone] = useState<string>();
  const form = useForm<ChangePasswordInput>({ resolver, defaultValues: { current: '', next: '', confirm: '' }, mode: 'onTouched' });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    setDone(undefined);
    const result = await changePasswordAction(values).catch(() => null);
    if (!result) return setFormError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) return setFormError(applyServerErrors(result, form.setError, errorText));
    form.reset();
    setDone(t('changed', { count: result.data.endedSessions }));
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="flex flex-col gap-4">
      <Field label={t('current')} type="password" autoComplete="current-password" error={errorText(errors.current?.message)} {...form.register('current')} />
      <Field label={t('next')} hint={t('nextHint')} type="password" autoComplete="new-password" error={errorText(errors.next?.message)} {...form.register('next')} />
      <Field label={t('confirm')} type="password" autoComplete="new-password" error={errorText(errors.confirm?.message)} {...form.register('confirm')} />
      <FormError message={formError} />
      <p role="status" className="text-sm text-ok-700">
        {done}
      </p>
      <Button type="submit" disabled={isSubmitting} className="self-start">
        {isSubmitting ? t('saving') : t('save')}
      </Button>
    </form>
  );
}
