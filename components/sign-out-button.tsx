'use client';

import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { headerButtonClass } from './page-chrome';

export function SignOutButton({ to }: { to: string }) {
  const t = useTranslations('common');
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: to })} className={headerButtonClass}>
      {t('signOut')}
    </button>
  );
}
