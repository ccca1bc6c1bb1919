import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { requireBorrower } from '@/lib/auth/session';
import { formatDay } from '@/lib/i18n/days';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { consentFor } from '@/lib/server/agreements/consent';
import { confirmationSigningView } from '@/lib/server/confirmations/confirmation-view';
import { orNotFound } from '@/app/_lib/or-not-found';
import { SigningForm } from '../agreement/_components/signing-form';
import { ConfirmationMeaning, ConfirmationStatusLine } from '../_components/borrower-confirmation';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('litigation'))('confirmation.pageTitle') };
}

/**
 * The application for judicial confirmation on a phone: what confirmation means in plain words, the application
 * (in Chinese, as the court receives it) with its SHA-256, and the agreement's signing form bound to it.
 */
export default async function ConfirmationPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireBorrower();
  const { id } = await params;
  const view = await orNotFound(confirmationSigningView(ctx.actor, id));
  if (!view) notFound();
  const { c, caseNo, consentLocale, consentVersion } = view;
  const [t, locale] = await Promise.all([getTranslations('litigation'), getLocale()]);
  const consent = consentFor(consentLocale, consentVersion);
  return (
    <main id="main" className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-6">
      <BackLink href={`/cases/${id}`}>{t('confirmation.back', { caseNo })}</BackLink>
      <h1 className="text-2xl font-bold">{t('confirmation.pageTitle')}</h1>
      <Card className="flex flex-col gap-3">
        <ConfirmationStatusLine c={c} locale={locale} />
        <p className="text-sm">{t('confirmation.intro')}</p>
        <ConfirmationMeaning level={2} />
        <p className="text-sm">{t('confirmation.court', { court: c.court })}</p>
        {c.deadlineState.state === 'notNeeded' ? null : <p className="text-sm">{t('confirmation.deadline', { date: formatDay(c.deadline, locale, 'long') })}</p>}
        <a href={`/api/confirmations/${c.id}/application`} className="inline-flex min-h-11 items-center self-start text-brand-700 underline">
          {t('confirmation.application')}
        </a>
        <p className="break-all text-xs text-slate-600">{t('confirmation.documentNote', { sha: c.applicationSha256 })}</p>
      </Card>
      {c.deadlineState.state === 'notNeeded' ? (
        <Notice>{t(`confirmation.notNeeded.${c.deadlineState.reason}`)}</Notice>
      ) : c.status === 'prepared' ? (
        <Card>
          <h2 className="mb-1 text-lg font-semibold">{t('confirmation.signTitle')}</h2>
          <p className="mb-3 text-sm">{t('confirmation.signIntro')}</p>
          <ClientMessages namespaces={['signing']}>
            <SigningForm caseId={id} subject={{ kind: 'confirmation', confirmationId: c.id }} consentTitle={consent.title} consentParagraphs={consent.paragraphs} returnTo={`/cases/${id}/confirmation`} submitLabel={t('confirmation.signTitle')} />
          </ClientMessages>
        </Card>
      ) : (
        <Notice>{t('confirmation.signed')}</Notice>
      )}
    </main>
  );
}
