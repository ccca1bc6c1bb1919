import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements } from '@/db/schema';
import { reasonSchema } from '@/lib/validation/offer';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { notifyBorrower } from '../notify-borrower';
import { moveCase } from '../offers/offer-store';
import { loadVisibleAgreement } from './load-agreement';

/**
 * A correction is never an edit: staff set the agreement aside (kept on record,
 * status "superseded") and the case returns to negotiation; the next accepted
 * offer makes a new agreement that names the one it replaces.
 */
export async function supersedeAgreement(ctx: Ctx, agreementId: unknown, rawReason: string): Promise<void> {
  const { actor } = ctx;
  if (actor.type !== 'staff' || (actor.role !== 'mediator' && actor.role !== 'supervisor')) throw new AppError('NOT_FOUND');
  const reason = reasonSchema.parse(rawReason);
  await getDb().transaction(async (tx) => {
    const { agreement, kase } = await loadVisibleAgreement(tx, actor, agreementId, { forUpdate: true, act: true });
    if (agreement.status === 'superseded' || agreement.status === 'void') throw new AppError('CONFLICT');
    await tx.update(agreements).set({ status: 'superseded', version: sql`${agreements.version} + 1` }).where(eq(agreements.id, agreement.id));
    await recordAudit(tx, ctx, { action: 'agreement.superseded', entityType: 'agreement', entityId: agreement.id, data: { reason } });
    await moveCase(tx, ctx, kase, 'negotiating');
    await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'agreementSuperseded', values: { agreementNo: agreement.agreementNo, reason } });
  });
}
