import type { Metadata } from 'next';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { requireBorrower } from '@/lib/auth/session';
import { getTranslations } from '@/lib/i18n/server';
import { getContactSettings } from '@/lib/server/borrowers/contact-settings';
import { defaultPolicy } from '@/lib/domain/policy';
import { ContactSettingsForm } from './_components/contact-settings-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('contactSettings'))('title') };
}

/** The borrower's own contact settings: quiet hours and opt-outs, which the contact rules then apply. */
export default async function ContactSettingsPage() {
  const { actor } = await requireBorrower();
  const [settings, t, tAccount] = await Promise.all([getContactSettings(actor), getTranslations('contactSettings'), getTranslations('account')]);
  const { windowStart, windowEnd } = defaultPolicy.contact;
  return (
    <ClientMessages namespaces={['contactSettings']}>
      <main id="main" className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-6">
        <BackLink href="/account">{tAccount('title')}</BackLink>
        <div>
          <h1 className="text-2xl font-bold">{t('title')}</h1>
          <p className="text-slate-700">{t('intro')}</p>
        </div>
        <ContactSettingsForm settings={settings} />
        <p className="text-sm text-slate-700">{t('always', { start: windowStart, end: windowEnd })}</p>
      </main>
    </ClientMessages>
  );
}
