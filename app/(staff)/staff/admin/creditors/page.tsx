import type { Metadata } from 'next';
import Link from 'next/link';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { listCreditors } from '@/lib/server/admin/creditors';
import { CreditorDetailsForm } from '../_components/creditor-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin'))('creditorsTitle') };
}

export default async function CreditorsPage() {
  const { actor } = await requireStaff(['admin']);
  const [rows, t, locale] = await Promise.all([listCreditors(actor), getTranslations('admin'), getLocale()]);
  return (
    <ClientMessages namespaces={['admin']}>
      <main id="main" className="mx-auto flex max-w-5xl flex-col gap-5 px-4 py-6">
        <BackLink href="/staff/admin">{t('title')}</BackLink>
        <h1 className="text-2xl font-bold">{t('creditorsTitle')}</h1>
        <p className="text-slate-700">{t('creditorsIntro')}</p>
        <section aria-labelledby="list-heading" className="flex flex-col gap-2">
          <h2 id="list-heading" className="text-lg font-semibold">
            {t('creditorList', { count: rows.length })}
          </h2>
          <ul className="flex flex-col gap-2">
            {rows.map((c) => (
              <li key={c.id} className="flex flex-wrap items-baseline justify-between gap-2 rounded-xl border border-slate-200 bg-white p-4">
                <span>
                  <span className="font-mono">{c.code}</span> · <span className="font-semibold">{locale === 'en' ? c.nameEn : c.name}</span> · <span className="text-sm text-slate-700">{t('staffCount', { count: c.staffCount })}</span>
                </span>
                <span className="flex gap-4 text-sm">
                  <Link href={`/staff/admin/creditors/${c.id}`} className="text-brand-700 underline">
                    {t('edit')}
                  </Link>
                  <Link href={`/staff/admin/creditors/${c.id}/policy`} className="text-brand-700 underline">
                    {t('policyLink')}
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        </section>
        {actor.creditorId === null ? (
          <Card aria-labelledby="new-heading">
            <h2 id="new-heading" className="mb-2 text-lg font-semibold">
              {t('newCreditor')}
            </h2>
            <CreditorDetailsForm />
          </Card>
        ) : null}
      </main>
    </ClientMessages>
  );
}
