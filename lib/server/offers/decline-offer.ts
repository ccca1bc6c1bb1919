import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { offers, staffUsers } from '@/db/schema';
import { offerMessageSchema } from '@/lib/validation/offer';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { queueNotification } from '../notifications';
import { loadVisibleOfferForUpdate } from './load-offer';

/** The borrower says no to an offer (without proposing another); the mediator is told. */
export async function declineOffer(ctx: Ctx, offerId: unknown, rawReason?: string): Promise<void> {
  if (ctx.actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const reason = offerMessageSchema.parse(rawReason) ?? null;
  await getDb().transaction(async (tx) => {
    const { kase, offer } = await loadVisibleOfferForUpdate(tx, ctx.actor, offerId);
    if (offer.status !== 'proposed' || offer.authorType === 'borrower') throw new AppError('OFFER_NOT_OPEN', { params: { status: offer.status } });
    await tx.update(offers).set({ status: 'rejected', decisionReason: reason, decidedAt: new Date(), version: sql`${offers.version} + 1` }).where(eq(offers.id, offer.id));
    await recordAudit(tx, ctx, { action: 'offer.declined', entityType: 'offer', entityId: offer.id, data: { caseId: kase.id } });
    if (kase.assigneeId) {
      const [mediator] = await tx.select().from(staffUsers).where(eq(staffUsers.id, kase.assigneeId));
      if (mediator) await queueNotification(tx, { channel: 'email', recipientType: 'staff', recipientId: mediator.id, toAddress: mediator.email, template: 'offerDeclined', locale: 'zh-CN', values: { caseNo: kase.caseNo }, caseId: kase.id });
    }
  });
}
