import 'server-only';
import { and, eq, lte } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, offers } from '@/db/schema';
import { systemCtx } from '../actor';
import { recordAudit } from '../audit';
import { notifyBorrower } from '../notify-borrower';

/**
 * The scheduled job: offers past their expiry become "expired" and the borrower
 * is told. Each offer in its own transaction, under the case lock, skipping
 * cases another worker holds; acceptance checks the expiry itself too.
 */
export async function expireOffers(now = new Date(), limit = 200): Promise<number> {
  const db = getDb();
  const due = await db.select({ id: offers.id, caseId: offers.caseId }).from(offers).where(and(eq(offers.status, 'proposed'), lte(offers.expiresAt, now))).limit(limit);
  let expired = 0;
  for (const candidate of due) {
    expired += await db.transaction(async (tx) => {
      const [kase] = await tx.select().from(cases).where(eq(cases.id, candidate.caseId)).for('update', { skipLocked: true });
      if (!kase) return 0;
      const [offer] = await tx.select().from(offers).where(eq(offers.id, candidate.id)).for('update');
      if (!offer || offer.status !== 'proposed' || offer.expiresAt > now) return 0;
      await tx.update(offers).set({ status: 'expired', decidedAt: now }).where(eq(offers.id, offer.id));
      await recordAudit(tx, systemCtx, { action: 'offer.expired', entityType: 'offer', entityId: offer.id, data: { caseId: kase.id } });
      if (offer.authorType !== 'borrower') await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'offerExpired', values: { caseNo: kase.caseNo }, now });
      return 1;
    });
  }
  return expired;
}
