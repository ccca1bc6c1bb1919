import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { OfferFigures } from '@/components/offers/offer-figures';
import { OfferHistory } from '@/components/offers/offer-history';
import { Card, Notice } from '@/components/ui/card';
import { requireBorrower } from '@/lib/auth/session';
import { isNegotiable } from '@/lib/domain/case-state';
import { daysBetween, todayIn } from '@/lib/domain/dates';
import { instantFormat } from '@/lib/i18n/config';
import { formatDay } from '@/lib/i18n/days';
import { orNotFound } from '@/app/_lib/or-not-found';
import { getOfferWorkspace } from '@/lib/server/offers/get-offer-workspace';
import { BorrowerComposer } from './_components/borrower-composer';
import { OfferActions } from './_components/offer-actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('offers'))('title') };
}

export default async function BorrowerOffersPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ schedule?: string }> }) {
  const { actor } = await requireBorrower();
  const [{ id }, { schedule }] = await Promise.all([params, searchParams]);
  const workspace = await orNotFound(getOfferWorkspace(actor, id));
  const [t, tt, format, locale] = await Promise.all([getTranslations('offers'), getTranslations('offerTerms'), getFormatter({ timeZone: workspace.timeZone }), getLocale()]);
  const { open } = workspace;
  const toAnswer = open.filter((o) => o.authorType !== 'borrower');
  const own = open.find((o) => o.authorType === 'borrower');
  const agreed = ['agreed', 'signed_by_borrower', 'plan_active'].includes(workspace.caseState);
  const income = workspace.context.disposableIncome;
  // The order the cards are numbered in, so the proposal's confirmation can name them ("option 2").
  const labelled = [...toAnswer.map((o, i) => ({ offer: o, label: t('optionN', { n: i + 1 }) })), ...(own ? [{ offer: own, label: t('yourProposal') }] : [])];
  const card = ({ offer, label }: (typeof labelled)[number]) => (
    <li key={offer.id}>
      <Card aria-labelledby={`offer-${offer.id}`} className="flex h-full flex-col gap-3">
        <h2 id={`offer-${offer.id}`} className="text-lg font-semibold">
          {label}
        </h2>
        {/* Made on an earlier day: shown, and accepted, on today's arrears, so the borrower signs what they saw. */}
        {offer.pricedOn ? <p className="text-sm text-slate-700">{t('pricedToday', { date: formatDay(offer.pricedOn, locale, 'long') })}</p> : null}
        <OfferFigures
          priced={offer.priced}
          terms={offer.terms}
          audience="borrower"
          disposableIncome={income}
          scheduleLinks={{
            shown: schedule === offer.id,
            show: `/cases/${workspace.caseId}/offers?schedule=${offer.id}#offer-${offer.id}`,
            hide: `/cases/${workspace.caseId}/offers#offer-${offer.id}`,
          }}
        />
        {offer.message && offer.authorType === 'staff' ? <p className="text-sm text-slate-700">“{offer.message}”</p> : null}
        <p className="text-sm text-slate-700">{t('expires', { date: format.dateTime(new Date(offer.expiresAt), instantFormat), days: Math.max(0, daysBetween(workspace.context.asOf, todayIn(workspace.timeZone, new Date(offer.expiresAt)))) })}</p>
        {offer.authorType === 'borrower' ? <p className="text-sm">{t('waitingForMediator')}</p> : <OfferActions caseId={workspace.caseId} offerId={offer.id} shown={offer.paymentsKey} />}
      </Card>
    </li>
  );
  return (
    // One provider for the page's interactive parts (accept/decline on each offer, the composer).
    <ClientMessages namespaces={['offers', 'offerTerms']} timeZone={workspace.timeZone}>
      <main id="main" className="mx-auto flex max-w-5xl flex-col gap-5 px-4 py-6">
        <BackLink href={`/cases/${workspace.caseId}`}>{t('backToCase', { caseNo: workspace.caseNo })}</BackLink>
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        {agreed ? (
          <Notice>
            <p className="font-semibold">{t('agreedTitle')}</p>
            <p className="mt-1">
              <Link href={`/cases/${workspace.caseId}/agreement`} className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
                {workspace.caseState === 'agreed' ? t('agreedNext') : t('agreedView')}
              </Link>
            </p>
          </Notice>
        ) : null}
        {/* A case no longer open to offers (ended, or its plan under way) is not told it may ask for some. */}
        {!agreed && open.length === 0 ? <Notice>{isNegotiable(workspace.caseState) ? t('noneOpen') : t('notNegotiable')}</Notice> : null}
        {toAnswer.length ? <p className="text-slate-700">{t('compareIntro', { count: toAnswer.length })}</p> : null}
        {toAnswer.length && income !== null && income <= 0 ? <Notice tone="warn">{t('pauseIntro')}</Notice> : null}
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2" aria-label={t('openTitle')}>
          {labelled.map(card)}
        </ul>
        {!agreed && isNegotiable(workspace.caseState) ? (
          <Card>
            <BorrowerComposer
              caseId={workspace.caseId}
              context={workspace.context}
              toAnswer={toAnswer.length}
              open={labelled.map(({ offer, label }) => ({ id: offer.id, authorType: offer.authorType, totalPayable: offer.priced.totalPayable, regularPayment: offer.priced.regularPayment, label }))}
            />
          </Card>
        ) : null}
        <section aria-labelledby="history-heading" className="flex flex-col gap-2">
          <h2 id="history-heading" className="text-xl font-semibold">
            {tt('historyTitle')}
          </h2>
          <OfferHistory offers={workspace.offers} locale={locale} audience="borrower" timeZone={workspace.timeZone} />
        </section>
      </main>
    </ClientMessages>
  );
}
