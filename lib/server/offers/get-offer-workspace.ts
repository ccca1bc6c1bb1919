import 'server-only';
import { getDb } from '@/db/client';
import type { CaseState } from '@/lib/domain/case-state';
import type { OfferContext } from '@/lib/domain/offer-terms';
import type { Actor } from '../actor';
import { loadVisibleCase } from '../cases/case-access';
import { listOffers, openOffers, type OfferDto, type OpenOfferDto } from './list-offers';
import { contextForClient, loadOfferContext } from './offer-context';

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
  return { caseId: kase.id, caseNo: kase.caseNo, caseState: kase.state, context: contextForClient(context), timeZone, offers, open: openOffers(offers) };
}
