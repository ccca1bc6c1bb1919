'use client';

import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';

export function SignOutButton({ to }: { to: string }) {
  const t = useTranslations('common');
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: to })} className="min-h-11 rounded-md px-3 text-sm text-brand-700 hover:underline">
      {t('signOut')}
    </button>
  );
}
