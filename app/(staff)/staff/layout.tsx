import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { currentActor } from '@/lib/auth/session';

// Chrome only: every staff page checks the role itself.
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const [actor, t, tCommon] = await Promise.all([currentActor(), getTranslations('staff'), getTranslations('common')]);
  const staff = actor.type === 'staff';
  const nav = staff ? (
    <nav aria-label={t('nav')} className="flex gap-1 text-sm">
      <Link href="/staff" className="min-h-11 rounded-md px-3 py-3 text-brand-700 hover:underline">
        {t('cases')}
      </Link>
      {actor.role !== 'mediator' ? (
        <>
          <Link href="/staff/approvals" className="min-h-11 rounded-md px-3 py-3 text-brand-700 hover:underline">
            {t('approvals')}
          </Link>
          <Link href="/staff/review" className="min-h-11 rounded-md px-3 py-3 text-brand-700 hover:underline">
            {t('review')}
          </Link>
          <Link href="/staff/dashboard" className="min-h-11 rounded-md px-3 py-3 text-brand-700 hover:underline">
            {t('dashboard')}
          </Link>
        </>
      ) : null}
      {actor.role === 'admin' ? (
        <Link href="/staff/admin" className="min-h-11 rounded-md px-3 py-3 text-brand-700 hover:underline">
          {t('administration')}
        </Link>
      ) : null}
      {/* The outbox holds sign-in codes: admins only. */}
      {actor.role === 'admin' ? (
        <Link href="/staff/outbox" className="min-h-11 rounded-md px-3 py-3 text-brand-700 hover:underline">
          {t('outbox')}
        </Link>
      ) : null}
      <Link href="/staff/account" className="min-h-11 rounded-md px-3 py-3 text-brand-700 hover:underline">
        {tCommon('account')}
      </Link>
    </nav>
  ) : null;
  return (
    <>
      <SiteHeader home="/staff" signOutTo={staff ? '/staff/login' : undefined} nav={nav} wide />
      {children}
    </>
  );
}
