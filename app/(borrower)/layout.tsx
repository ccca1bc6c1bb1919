import Link from 'next/link';
import type { ReactNode } from 'react';
import { headerButtonClass } from '@/components/page-chrome';
import { SignOutButton } from '@/components/sign-out-button';
import { SiteHeader } from '@/components/site-header';
import { getTranslations } from '@/lib/i18n/server';
import { ActivityPing } from './_components/activity-ping';

// Access is checked in each page (CONVENTIONS: never in a layout); this is chrome only.
export default async function BorrowerLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <>
      <SiteHeader home="/">
        <Link href="/account" className={`${headerButtonClass} inline-flex items-center`}>
          {t('account')}
        </Link>
        <SignOutButton to="/login" />
      </SiteHeader>
      <ActivityPing />
      {children}
    </>
  );
}
