import type { Metadata } from 'next';
import { orNotFound } from '@/app/_lib/or-not-found';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { getLitigationSettings } from '@/lib/server/admin/litigation-settings';
import { getNoticeSequence } from '@/lib/server/admin/notice-sequence';
import { noticeSequenceRows } from '@/lib/validation/notice-sequence';
import { LitigationSettingsForm } from './_components/litigation-settings-form';
import { NoticeSequenceForm } from './_components/notice-sequence-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin'))('litigation.title') };
}

/** A creditor's notice sequence, its counsel (the lawyer's letter) and its courts for judicial confirmation (the application). Admins only. */
export default async function CreditorLitigationPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireStaff(['admin']);
  const { id } = await params;
  const [{ name: nameZh, nameEn, agreedCourt, settings }, { sequence, version }, t, locale] = await Promise.all([orNotFound(getLitigationSettings(actor, id)), orNotFound(getNoticeSequence(actor, id)), getTranslations('admin'), getLocale()]);
  const name = locale === 'en' ? nameEn : nameZh;
  const c = settings.counsel;
  return (
    <ClientMessages namespaces={['admin']}>
      <main id="main" className="mx-auto flex max-w-4xl flex-col gap-5 px-4 py-6">
        <BackLink href="/staff/admin/litigation">{t('litigation.title')}</BackLink>
        <h1 className="text-2xl font-bold">{t('litigation.titleFor', { name })}</h1>
        <Card aria-labelledby="notice-sequence-heading">
          <h2 id="notice-sequence-heading" className="mb-1 text-lg font-semibold">
            {t('noticeSequence.title')}
          </h2>
          <p className="mb-3 text-sm text-slate-700">{t('noticeSequence.intro')}</p>
          <NoticeSequenceForm creditorId={id} version={version} initial={noticeSequenceRows(sequence)} />
        </Card>
        <Card aria-labelledby="litigation-heading">
          <h2 id="litigation-heading" className="mb-1 text-lg font-semibold">
            {t('litigation.title')}
          </h2>
          <p className="mb-3 text-sm text-slate-700">{t('litigation.agreedCourt', { court: agreedCourt })}</p>
          <LitigationSettingsForm creditorId={id} initial={{ firm: c?.firm ?? '', lawyer: c?.lawyer ?? '', phone: c?.phone ?? '', address: c?.address ?? '', courts: settings.confirmationCourts }} />
        </Card>
      </main>
    </ClientMessages>
  );
}
