import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from '@/lib/i18n/server';
import { SiteHeader } from '@/components/site-header';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { currentActor } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { StaffLoginForm } from './_components/staff-login-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('staffLogin'))('title') };
}

/** Only same-site paths under /staff are followed after sign-in. */
function safeNext(value: string | string[] | undefined) {
  const next = Array.isArray(value) ? value[0] : value;
  return next && /^\/staff(\/[\w\-/?=&%.]*)?$/.test(next) && !next.startsWith('//') ? next : '/staff';
}

export default async function StaffLoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await currentActor();
  if (actor.type === 'staff') redirect('/staff');
  const t = await getTranslations('staffLogin');
  const next = safeNext((await searchParams).next);
  return (
    <>
      <SiteHeader home="/staff/login" />
      <main id="main" className="mx-auto flex max-w-md flex-col gap-4 px-4 py-8">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        {actor.type === 'borrower' ? <Notice tone="warn">{t('borrowerSignedIn')}</Notice> : null}
        <Card>
          <ClientMessages namespaces={['staffLogin']}>
            <StaffLoginForm next={next} />
          </ClientMessages>
        </Card>
        {getEnv().DEMO_MODE ? <Notice tone="warn">{t('demoHint')}</Notice> : null}
      </main>
    </>
  );
}
