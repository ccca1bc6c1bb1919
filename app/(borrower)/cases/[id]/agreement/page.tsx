import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { PdfPages } from '@/components/agreement/pdf-pages';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { requireBorrower } from '@/lib/auth/session';
import { formatMoney } from '@/lib/domain/money';
import { consentFor } from '@/lib/server/agreements/consent';
import { currentAgreementId, getSigningView } from '@/lib/server/agreements/prepare-document';
import { orNotFound } from '@/app/_lib/or-not-found';
import { SigningForm } from './_components/signing-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signing'))('title') };
}

export default async function AgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireBorrower();
  const { id } = await params;
  const agreementId = await orNotFound(currentAgreementId(ctx.actor, id));
  if (!agreementId) notFound();
  const [view, t, format, locale] = await Promise.all([getSigningView(ctx, agreementId), getTranslations('signing'), getFormatter(), getLocale()]);
  const money = (fen: number) => formatMoney(fen, locale);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00+08:00`), { dateStyle: 'long' });
  const consent = consentFor(view.locale);
  const base = `/api/agreements/${view.agreementId}`;
  return (
    <main id="main" className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-6">
      <BackLink href={`/cases/${view.caseId}`}>{t('backToCase', { caseNo: view.caseNo })}</BackLink>
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <Card aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="break-words text-lg font-semibold">
          {t('summaryTitle', { agreementNo: view.agreementNo })}
        </h2>
        <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
          <dt className="text-slate-600">{t('regularPayment')}</dt>
          <dd className="text-lg font-bold">{money(view.summary.regularPayment)}</dd>
          <dt className="text-slate-600">{t('numberOfPayments')}</dt>
          <dd>{view.summary.numberOfPayments}</dd>
          {view.summary.downPayment ? (
            <>
              <dt className="text-slate-600">{t('downPayment')}</dt>
              <dd>{money(view.summary.downPayment)}</dd>
            </>
          ) : null}
          {view.summary.firstDueDate ? (
            <>
              <dt className="text-slate-600">{t('firstDue')}</dt>
              <dd>{day(view.summary.firstDueDate)}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t('endDate')}</dt>
          <dd>{day(view.summary.endDate)}</dd>
          <dt className="text-slate-600">{t('total')}</dt>
          <dd>{money(view.summary.totalPayable)}</dd>
          {view.summary.waived ? (
            <>
              <dt className="text-slate-600">{t('waived')}</dt>
              <dd>{money(view.summary.waived)}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      {view.status === 'awaiting_borrower' ? (
        <ClientMessages namespaces={['signing']}>
          <PdfPages url={`${base}/unsigned?inline=1`} downloadUrl={`${base}/unsigned`} title={t('documentTitle')} />
          <p className="break-all text-xs text-slate-600">{t('hashNote', { sha: view.unsigned.sha256 })}</p>
          <Card>
            <SigningForm caseId={view.caseId} agreementId={view.agreementId} consentTitle={consent.title} consentParagraphs={consent.paragraphs} />
          </Card>
        </ClientMessages>
      ) : (
        <Notice>
          <p className="font-semibold">{view.status === 'executed' ? t('executed') : t('signedAwaiting')}</p>
          <ul className="mt-2 flex flex-col gap-1">
            {view.executedFileId ? (
              <li>
                <a href={`${base}/executed`} className="font-medium underline">
                  {t('downloadExecuted')}
                </a>
              </li>
            ) : null}
            {view.signedFileId ? (
              <li>
                <a href={`${base}/signed`} className="underline">
                  {t('downloadSigned')}
                </a>
              </li>
            ) : null}
            <li>
              <a href={`${base}/unsigned`} className="underline">
                {t('downloadReviewCopy')}
              </a>
            </li>
          </ul>
          <p className="mt-2 text-sm">{t('verificationCode', { code: view.verificationCode })}</p>
        </Notice>
      )}
    </main>
  );
}
