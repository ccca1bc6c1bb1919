import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, cases, offers, staffUsers } from '@/db/schema';
import type { OfferContext, OfferTerms, PricedOffer } from '@/lib/domain/offer-terms';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { creditorScope } from '../staff-scope';
import { contextForClient, loadOfferContext } from './offer-context';

export type PendingApprovalDto = {
  offerId: string;
  caseId: string;
  caseNo: string;
  borrowerName: string;
  authorId: string | null;
  authorName: string | null;
  reason: string | null;
  terms: OfferTerms;
  priced: PricedOffer;
  createdAt: string;
  context: OfferContext;
};

/** The supervisor's approval queue: offers beyond a mediator's authority, for the supervisor's own creditor. */
export async function listPendingApprovals(actor: Actor): Promise<PendingApprovalDto[]> {
  if (actor.type !== 'staff' || (actor.role !== 'supervisor' && actor.role !== 'admin')) throw new AppError('NOT_FOUND');
  const db = getDb();
  const rows = await db
    .select({ offer: offers, kase: cases, borrowerName: borrowers.fullName, authorName: staffUsers.name })
    .from(offers)
    .innerJoin(cases, eq(cases.id, offers.caseId))
    .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
    .leftJoin(staffUsers, eq(staffUsers.id, offers.authorId))
    .where(and(eq(offers.status, 'pending_approval'), creditorScope(actor, cases.creditorId)))
    .orderBy(asc(offers.createdAt), asc(offers.seq));
  return Promise.all(
    rows.map(async ({ offer, kase, borrowerName, authorName }) => {
      const { timeZone: _tz, borrowerLocale: _l, borrowerPhone: _p, ...context } = await loadOfferContext(db, kase);
      return {
        offerId: offer.id,
        caseId: kase.id,
        caseNo: kase.caseNo,
        borrowerName,
        authorId: offer.authorId,
        authorName,
        reason: offer.approvalReason,
        terms: offer.terms,
        priced: offer.priced,
        createdAt: offer.createdAt.toISOString(),
        context: contextForClient(context),
      };
    }),
  );
}
