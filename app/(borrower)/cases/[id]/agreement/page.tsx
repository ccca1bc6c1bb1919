import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { AgreementTerms } from '@/components/agreement/agreement-terms';
import { PdfOnDemand } from '@/components/agreement/pdf-on-demand';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { requireBorrower } from '@/lib/auth/session';
import { formatMoney } from '@/lib/domain/money';
import { formatDay } from '@/lib/i18n/days';
import { levelPayments } from '@/components/offers/offer-description';
import { consentFor } from '@/lib/server/agreements/consent';
import { lapseIfFirstPaymentDue } from '@/lib/server/agreements/lapse-agreements';
import { currentAgreement, getSigningView } from '@/lib/server/agreements/prepare-document';
import { orNotFound } from '@/app/_lib/or-not-found';
import { SigningForm } from './_components/signing-form';

/**
 * The page's name says what the page is in the agreement's status: the agreement to sign, the borrower's signed copy
 * awaiting countersignature, or the agreement in force (it was "Sign the repayment agreement" over an executed one).
 */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const [t, ctx, { id }] = await Promise.all([getTranslations('signing'), requireBorrower(), params]);
  const current = await currentAgreement(ctx.actor, id).catch(() => null);
  const status = current?.status === 'signed_by_borrower' || current?.status === 'executed' ? current.status : 'awaiting_borrower';
  return { title: t(`pageTitle.${status}`) };
}

/**
 * The agreement on a phone: its key figures, then its whole text as readable HTML (from the same snapshot as the
 * PDF), the exact PDF one tap away with its SHA-256, and the signing form; once signed, one clearly named download
 * of the borrower's signed agreement, the other copies labelled for what they are, and the way to verify it.
 */
export default async function AgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireBorrower();
  const { id } = await params;
  const current = await orNotFound(currentAgreement(ctx.actor, id));
  // Unsigned on its first payment day, it lapses now (not at the job's next minute): the case page says why and
  // offers the plans again. A lapsed agreement is no longer the case's; its page is the case's.
  if (current?.status === 'awaiting_borrower' && (await lapseIfFirstPaymentDue(current.id))) redirect(`/cases/${id}`);
  if (!current) redirect(`/cases/${id}`);
  const agreementId = current.id;
  const [view, t, locale] = await Promise.all([getSigningView(ctx, agreementId), getTranslations('signing'), getLocale()]);
  const money = (fen: number) => formatMoney(fen, locale);
  const day = (iso: string) => formatDay(iso, locale, 'long');
  const level = levelPayments({ regularPayment: view.summary.regularPayment, schedule: view.summary.payments.map((amount) => ({ amount })) });
  const consent = consentFor(view.locale, view.consentVersion);
  const base = `/api/agreements/${view.agreementId}`;
  const verify = `/verify?code=${encodeURIComponent(view.verificationCode)}`;
  const signed = view.status === 'signed_by_borrower' || view.status === 'executed';
  // Once signed, the copy without signatures is the one the borrower reviewed, not one still "to be signed".
  const reviewCopy = signed ? t('downloadReviewedCopy') : t('downloadReviewCopy');
  return (
    <main id="main" className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-6">
      <BackLink href={`/cases/${view.caseId}`}>{t('backToCase', { caseNo: view.caseNo })}</BackLink>
      <h1 className="text-2xl font-bold">{signed ? t('titleSigned') : t('title')}</h1>
      {signed ? (
        <Notice>
          <p className="font-semibold">{view.status === 'executed' ? t('executed') : t('signedAwaiting')}</p>
          <p className="mt-2">
            <a
              href={`${base}/${view.status === 'executed' ? 'executed' : 'signed'}`}
              className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-medium text-white hover:bg-brand-700"
              data-testid="my-signed-agreement"
            >
              {t('downloadMine')}
            </a>
          </p>
          <p className="mt-1 text-sm">{view.status === 'executed' ? t('mineIsExecuted') : t('mineIsSigned')}</p>
          <p className="mt-1 break-all text-xs">{t('hashNote', { sha: (view.status === 'executed' ? view.executedSha256 : view.signedSha256) ?? '' })}</p>
          <p className="mt-3 text-sm font-medium">{t('otherCopies')}</p>
          <ul className="mt-1 flex flex-col gap-1 text-sm">
            {view.status === 'executed' && view.signedFileId ? (
              <li>
                <a href={`${base}/signed`} className="inline-flex min-h-11 items-center underline">
                  {t('downloadBeforeCountersign')}
                </a>
              </li>
            ) : null}
            <li>
              <a href={`${base}/unsigned`} className="inline-flex min-h-11 items-center underline">
                {t('downloadReviewedCopy')}
              </a>
            </li>
          </ul>
        </Notice>
      ) : null}
      <Card aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="break-words text-lg font-semibold">
          {t('summaryTitle', { agreementNo: view.agreementNo })}
        </h2>
        <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
          {view.summary.pause ? (
            <>
              <dt className="text-slate-600">{t('pause')}</dt>
              <dd>
                {view.summary.pause.interest === 'frozen'
                  ? t('pauseFrozen', { months: view.summary.pause.months, until: day(view.summary.pause.until) })
                  : t('pauseReduced', { months: view.summary.pause.months, until: day(view.summary.pause.until), amount: money(view.summary.pause.interestCharged) })}
              </dd>
            </>
          ) : null}
          {/* The monthly payment as the offer card gave it (levelPayments): it and the total multiply out, or a note says
              which payments are a fen or two less, and a first or last payment of its own is named with its amount. */}
          <dt className="text-slate-600">{level ? t('regularPayment') : t('regularPaymentHighest')}</dt>
          <dd className="text-lg font-bold">{money(level ? level.monthly : view.summary.regularPayment)}</dd>
          {level?.fenApart ? <dd className="col-span-2 text-xs text-slate-600">{t('fenApart')}</dd> : null}
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
              <dd>{level?.first != null ? t('dayAmount', { date: day(view.summary.firstDueDate), amount: money(level.first) }) : day(view.summary.firstDueDate)}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t('endDate')}</dt>
          <dd>{level?.last != null ? t('dayAmount', { date: day(view.summary.endDate), amount: money(level.last) }) : day(view.summary.endDate)}</dd>
          <dt className="text-slate-600">{view.summary.downPayment ? t('totalWithDown') : t('total')}</dt>
          <dd>{money(view.summary.totalPayable)}</dd>
          {view.summary.waived ? (
            <>
              <dt className="text-slate-600">{t('waived')}</dt>
              <dd>{money(view.summary.waived)}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <ClientMessages namespaces={['signing']}>
        <Card aria-labelledby="document-heading" className="flex flex-col gap-3">
          <h2 id="document-heading" className="text-lg font-semibold">
            {t('documentTitle')}
          </h2>
          <p className="text-sm text-slate-700">{signed ? t('documentIntroSigned') : t('documentIntro')}</p>
          <div className="flex flex-col gap-1 rounded-lg bg-slate-50 p-2 text-sm">
            {/* Once signed, the reviewed copy is among the copies listed above. */}
            {signed ? null : (
              <a href={`${base}/unsigned`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
                {reviewCopy}
              </a>
            )}
            <p className="break-all text-xs text-slate-600">{t('hashNote', { sha: view.unsigned.sha256 })}</p>
            <PdfOnDemand url={`${base}/unsigned?inline=1`} downloadUrl={`${base}/unsigned`} downloadLabel={reviewCopy} title={t('documentTitle')} />
          </div>
          <AgreementTerms content={view.content} id="agreement-text-heading" />
        </Card>
        {view.status === 'awaiting_borrower' ? (
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t('signTitle')}</h2>
            <SigningForm caseId={view.caseId} subject={{ kind: 'agreement', agreementId: view.agreementId }} consentTitle={consent.title} consentParagraphs={consent.paragraphs} returnTo={`/cases/${view.caseId}/agreement`} />
          </Card>
        ) : null}
      </ClientMessages>
      <p className="text-sm">
        {t('verificationCode', { code: view.verificationCode })}{' '}
        <Link href={verify} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
          {t('verifyLink')}
        </Link>
      </p>
    </main>
  );
}
