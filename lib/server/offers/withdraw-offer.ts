import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { offers } from '@/db/schema';
import { reasonSchema } from '@/lib/validation/offer';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { notifyBorrower } from '../notify-borrower';
import { loadVisibleOfferForUpdate } from './load-offer';

/** Staff withdraw an open offer of the creditor's (or the system's); the borrower is told why. */
export async function withdrawOffer(ctx: Ctx, offerId: unknown, rawReason: string): Promise<void> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const reason = reasonSchema.parse(rawReason);
  await getDb().transaction(async (tx) => {
    const { kase, offer } = await loadVisibleOfferForUpdate(tx, actor, offerId);
    if (offer.authorType === 'borrower') throw new AppError('FORBIDDEN');
    if (offer.status !== 'proposed' && offer.status !== 'pending_approval') throw new AppError('OFFER_NOT_OPEN', { params: { status: offer.status } });
    await tx.update(offers).set({ status: 'withdrawn', decisionReason: reason, decidedAt: new Date(), version: sql`${offers.version} + 1` }).where(eq(offers.id, offer.id));
    await recordAudit(tx, ctx, { action: 'offer.withdrawn', entityType: 'offer', entityId: offer.id, data: { caseId: kase.id, reason } });
    if (offer.status === 'proposed') await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'offerWithdrawn', values: { caseNo: kase.caseNo, reason } });
  });
}
