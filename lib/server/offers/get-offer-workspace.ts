import 'server-only';
import { getDb } from '@/db/client';
import { isNegotiable, type CaseState } from '@/lib/domain/case-state';
import { priceTerms } from '@/lib/domain/hardship-pause';
import type { OfferContext } from '@/lib/domain/offer-terms';
import type { Actor } from '../actor';
import { loadVisibleCase } from '../cases/case-access';
import { listOffers, openOffers, summaryOf, type OfferDto, type OpenOfferDto } from './list-offers';
import { contextForClient, loadOfferContext } from './offer-context';
import { paymentsKey } from './payments-key';

export type OfferWorkspaceDto = {
  caseId: string;
  caseNo: string;
  caseState: CaseState;
  /** What the offer engine needs, so the composer can preview offers live with the same domain code. */
  context: OfferContext;
  /** The borrower's time zone: instants on the page (an offer's expiry) are written in it, as in the SMS. */
  timeZone: string;
  offers: OfferDto[];
  /** The offers open for an answer, in the same order. */
  open: OpenOfferDto[];
};

/** Everything the negotiation screens show for one case, for its borrower or its creditor's staff. */
export async function getOfferWorkspace(actor: Actor, caseId: unknown): Promise<OfferWorkspaceDto> {
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const [{ timeZone, borrowerLocale: _locale, borrowerPhone: _phone, ...context }, offers] = await Promise.all([loadOfferContext(db, kase), listOffers(actor, kase.id)]);
  // Offers made on an earlier day, shown as accepting them today would price them: today's arrears, today's schedule.
  const open = openOffers(offers).map((offer): OpenOfferDto => {
    if (offer.priced.asOf === context.asOf || !isNegotiable(kase.state)) return { ...offer, pricedOn: null, paymentsKey: paymentsKey(offer.priced) };
    try {
      const priced = priceTerms(context, offer.terms);
      return { ...offer, priced, pricedOn: offer.priced.asOf, paymentsKey: paymentsKey(priced) };
    } catch (error) {
      // Terms that cannot be priced today (a first due date now passed, a loan schedule changed since): shown as made;
      // accepting them is refused. (OfferTermsError is a RangeError.)
      if (!(error instanceof RangeError)) throw error;
      return { ...offer, pricedOn: null, paymentsKey: paymentsKey(offer.priced) };
    }
  });
  // The history lists them with the same figures as their cards.
  const shown = new Map(open.filter((offer) => offer.pricedOn).map((offer) => [offer.id, offer]));
  const listed = offers.map((offer) => {
    const now = shown.get(offer.id);
    return now ? { ...offer, priced: now.priced, summary: summaryOf(now.priced) } : offer;
  });
  return { caseId: kase.id, caseNo: kase.caseNo, caseState: kase.state, context: contextForClient(context), timeZone, offers: listed, open };
}
