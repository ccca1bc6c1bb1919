import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { OfferFigures } from '@/components/offers/offer-figures';
import { OfferHistory } from '@/components/offers/offer-history';
import { Card, Notice } from '@/components/ui/card';
import { requireBorrower } from '@/lib/auth/session';
import { isNegotiable } from '@/lib/domain/case-state';
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
  const [workspace, t, format, locale] = await Promise.all([orNotFound(getOfferWorkspace(actor, id)), getTranslations('offers'), getFormatter(), getLocale()]);
  const { open } = workspace;
  const accepted = workspace.offers.find((o) => o.status === 'accepted');
  return (
    // One provider for the page's interactive parts (accept/decline on each offer, the composer).
    <ClientMessages namespaces={['offers']}>
      <main id="main" className="mx-auto flex max-w-5xl flex-col gap-5 px-4 py-6">
        <BackLink href={`/cases/${workspace.caseId}`}>{t('backToCase', { caseNo: workspace.caseNo })}</BackLink>
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        {accepted ? (
          <Notice>
            <p className="font-semibold">{t('agreedTitle')}</p>
            <p>{t('agreedBody')}</p>
          </Notice>
        ) : null}
        {!accepted && open.length === 0 ? <Notice>{t('noneOpen')}</Notice> : null}
        {open.length ? <p className="text-slate-700">{t('compareIntro')}</p> : null}
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2" aria-label={t('openTitle')}>
          {open.map((offer, i) => {
            return (
              <li key={offer.id}>
                <Card aria-labelledby={`offer-${offer.id}`} className="flex h-full flex-col gap-3">
                  <h2 id={`offer-${offer.id}`} className="text-lg font-semibold">
                    {offer.authorType === 'borrower' ? t('yourProposal') : t('optionN', { n: i + 1 })}
                  </h2>
                  <OfferFigures
                    priced={offer.priced}
                    scheduleLinks={{
                      shown: schedule === offer.id,
                      show: `/cases/${workspace.caseId}/offers?schedule=${offer.id}#offer-${offer.id}`,
                      hide: `/cases/${workspace.caseId}/offers#offer-${offer.id}`,
                    }}
                  />
                  {offer.message && offer.authorType === 'staff' ? <p className="text-sm text-slate-700">“{offer.message}”</p> : null}
                  <p className="text-sm text-slate-700">{t('expires', { date: format.dateTime(new Date(offer.expiresAt), { dateStyle: 'medium', timeStyle: 'short' }), days: offer.daysLeft })}</p>
                  {offer.authorType === 'borrower' ? <p className="text-sm">{t('waitingForMediator')}</p> : (
                    <OfferActions caseId={workspace.caseId} offerId={offer.id} />
                  )}
                </Card>
              </li>
            );
          })}
        </ul>
        {!accepted && isNegotiable(workspace.caseState) ? (
          <Card>
            <BorrowerComposer caseId={workspace.caseId} context={workspace.context} hasOpen={open.length > 0} />
          </Card>
        ) : null}
        <section aria-labelledby="history-heading" className="flex flex-col gap-2">
          <h2 id="history-heading" className="text-xl font-semibold">
            {t('historyTitle')}
          </h2>
          <OfferHistory offers={workspace.offers} locale={locale} viewer="borrower" />
        </section>
      </main>
    </ClientMessages>
  );
}
