import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from '@/lib/i18n/server';
import { SiteHeader } from '@/components/site-header';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { currentActor } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { safeReturnPath } from '@/lib/auth/return-path';
import { BorrowerLoginForm } from './_components/borrower-login-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('login'))('title') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  // Back to the page the borrower was on when their session ended: a path on this portal, never elsewhere.
  const returnTo = safeReturnPath(typeof next === 'string' ? next : undefined);
  const actor = await currentActor();
  if (actor.type === 'borrower') redirect(returnTo ?? '/');
  const t = await getTranslations('login');
  const demo = getEnv().DEMO_MODE;
  return (
    <>
      <SiteHeader home="/login" />
      <main id="main" className="mx-auto flex max-w-md flex-col gap-4 px-4 py-6">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
        {returnTo ? <Notice>{t('signInAgain')}</Notice> : null}
        <Card>
          <ClientMessages namespaces={['login']}>
            <BorrowerLoginForm returnTo={returnTo} />
          </ClientMessages>
        </Card>
        <Notice>{t('safety')}</Notice>
        {demo ? (
          <Notice tone="warn">
            {t('demoHint', { phone: '13800138000' })}{' '}
            <Link href="/staff/outbox" className="font-semibold underline">
              {t('demoOutbox')}
            </Link>
          </Notice>
        ) : null}
        <p className="flex flex-wrap gap-x-4 text-sm text-slate-700">
          {/* A full load: /help is built at build time, per language, with its own skip link (not this layout's). */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a client navigation would keep this layout's skip link beside the page's own */}
          <a href="/help" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t('helpLink')}
          </a>
          <Link href="/staff/login" className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t('staffLink')}
          </Link>
        </p>
      </main>
    </>
  );
}
