import type { Metadata } from 'next';
import Link from 'next/link';
import { BackLink } from '@/components/back-link';
import { requireStaff } from '@/lib/auth/session';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { listLitigationSettings } from '@/lib/server/admin/litigation-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin'))('litigation.title') };
}

/** Every creditor the admin administers: its counsel and how many courts it lists, each one a link to its form. */
export default async function LitigationSettingsIndex() {
  const { actor } = await requireStaff(['admin']);
  const [rows, t, locale] = await Promise.all([listLitigationSettings(actor), getTranslations('admin'), getLocale()]);
  return (
    <main id="main" className="mx-auto flex max-w-4xl flex-col gap-4 px-4 py-6">
      <BackLink href="/staff/admin">{t('title')}</BackLink>
      <h1 className="text-2xl font-bold">{t('litigation.title')}</h1>
      <p className="text-sm text-slate-700">{t('litigationBlurb')}</p>
      <ul className="flex flex-col gap-2">
        {rows.map((r) => (
          <li key={r.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <Link href={`/staff/admin/creditors/${r.id}/litigation`} className="font-semibold text-brand-700 underline">
              {locale === 'en' ? r.nameEn : r.name}
            </Link>
            <p className="text-sm text-slate-700">
              {r.settings.counsel ? t('litigation.counselIs', { firm: r.settings.counsel.firm, lawyer: r.settings.counsel.lawyer }) : t('litigation.noCounsel')} · {t('litigation.courtCount', { count: r.settings.confirmationCourts.length })}
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
