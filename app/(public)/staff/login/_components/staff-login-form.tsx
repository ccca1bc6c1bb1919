'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { signInWithCredentials } from '@/lib/auth/credentials-client';
import { parseAuthError, useErrorText } from '@/lib/i18n/use-error-text';
import type { StaffLoginInput } from '@/lib/validation/auth';
import { lazyZodResolver } from '@/lib/validation/lazy-resolver';
import { messageOf } from '@/lib/validation/message';

const resolver = lazyZodResolver<StaffLoginInput>(() => import('@/lib/validation/auth').then((m) => m.staffLoginSchema));

export function StaffLoginForm({ next }: { next: string }) {
  const t = useTranslations('staffLogin');
  const errorText = useErrorText();
  const router = useRouter();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<StaffLoginInput>({ resolver, defaultValues: { email: '', password: '' }, mode: 'onTouched' });

  async function onSubmit(values: StaffLoginInput) {
    const result = await signInWithCredentials('staff-password', { email: values.email, password: values.password }).catch(() => null);
    if (result?.ok) {
      router.replace(next);
      router.refresh();
      return;
    }
    const error = parseAuthError(result?.ok === false ? result.error : null);
    setError(error.field === 'email' ? 'email' : 'password', { message: messageOf(error) });
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} onFocus={resolver.preload} noValidate className="flex flex-col gap-4">
      <Field label={t('emailLabel')} type="email" autoComplete="username" error={errorText(errors.email?.message)} {...register('email')} />
      <Field label={t('passwordLabel')} type="password" autoComplete="current-password" error={errorText(errors.password?.message)} {...register('password')} />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? t('signingIn') : t('signIn')}
      </Button>
    </form>
  );
}
