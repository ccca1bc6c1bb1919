import type { Metadata } from 'next';
import Link from 'next/link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { getTranslations } from '@/lib/i18n/server';
import { readStaffLink } from '@/lib/server/admin/set-password';
import { SetPasswordForm } from './_components/set-password-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('setPassword'))('title'), referrer: 'no-referrer' };
}

/** Where an invitation or reset link leads: choose a password (the link works once). */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const [link, t, tErrors] = await Promise.all([readStaffLink(token), getTranslations('setPassword'), getTranslations('errors')]);
  return (
    <ClientMessages namespaces={['setPassword']}>
      <main id="main" className="mx-auto flex max-w-md flex-col gap-4 px-4 py-8">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        {link ? (
          <Card className="flex flex-col gap-3">
            <p>{t(link.purpose === 'invite' ? 'welcome' : 'reset', { name: link.name, email: link.email })}</p>
            <SetPasswordForm token={String(token)} email={link.email} />
          </Card>
        ) : (
          <Notice tone="warn" className="flex flex-col gap-2">
            <p>{tErrors('LINK_INVALID')}</p>
            <Link href="/staff/login" className="text-brand-700 underline">
              {t('signIn')}
            </Link>
          </Notice>
        )}
      </main>
    </ClientMessages>
  );
}
