'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { parseAuthError, useErrorText } from '@/lib/i18n/use-error-text';
import { messageOf } from '@/lib/validation/message';
import { staffLoginSchema, type StaffLoginInput } from '@/lib/validation/auth';

export function StaffLoginForm({ next }: { next: string }) {
  const t = useTranslations('staffLogin');
  const errorText = useErrorText();
  const router = useRouter();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<StaffLoginInput>({ resolver: zodResolver(staffLoginSchema), defaultValues: { email: '', password: '' }, mode: 'onTouched' });

  async function onSubmit(values: StaffLoginInput) {
    const result = await signIn('staff-password', { email: values.email, password: values.password, redirect: false }).catch(() => null);
    if (result?.ok && !result.error) {
      router.replace(next);
      router.refresh();
      return;
    }
    const error = parseAuthError(result?.error);
    setError(error.field === 'email' ? 'email' : 'password', { message: messageOf(error) });
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="flex flex-col gap-4">
      <Field label={t('emailLabel')} type="email" autoComplete="username" error={errorText(errors.email?.message)} {...register('email')} />
      <Field label={t('passwordLabel')} type="password" autoComplete="current-password" error={errorText(errors.password?.message)} {...register('password')} />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? t('signingIn') : t('signIn')}
      </Button>
    </form>
  );
}
