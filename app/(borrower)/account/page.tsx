import type { Metadata } from 'next';
import Link from 'next/link';
import { SessionsCard } from '@/components/account/sessions-card';
import { ClientMessages } from '@/components/i18n/client-messages';
import { requireBorrower } from '@/lib/auth/session';
import { getTranslations } from '@/lib/i18n/server';
import { listMySessions } from '@/lib/server/auth/sessions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('title') };
}

/** Where the borrower is signed in, and a way to end all of it (a lost phone, a shared computer). */
export default async function BorrowerAccountPage() {
  const { actor } = await requireBorrower();
  const [sessions, t, tContact] = await Promise.all([listMySessions(actor), getTranslations('account'), getTranslations('contactSettings')]);
  return (
    <ClientMessages namespaces={['account']}>
      <main id="main" className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-6">
        <div>
          <h1 className="text-2xl font-bold">{t('title')}</h1>
          <p className="text-slate-700">{t('borrowerIntro')}</p>
        </div>
        <Link href="/account/contact" className="flex min-h-11 items-center rounded-xl border border-slate-200 bg-white px-4 py-3 font-medium text-brand-700 underline">
          {tContact('link')}
        </Link>
        <SessionsCard sessions={sessions} signInPage="/login" />
      </main>
    </ClientMessages>
  );
}
