import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers } from '@/db/schema';
import type { Ctx } from '../actor';
import { AppError } from '../errors';
import { dispatchOutbox } from '../outbox/dispatch';
import { sendSigningCode } from './borrower-step-up';
import { assertFirstPaymentAhead } from './first-payment';
import { loadVisibleAgreement } from './load-agreement';

/** Step-up for signing the agreement: a fresh code to the borrower's phone, bound to it (borrower-step-up.ts). */
export async function requestSigningCode(ctx: Ctx, agreementId: unknown, now: Date = new Date()): Promise<{ resendAt: Date }> {
  if (ctx.actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const db = getDb();
  const outcome = await db.transaction(async (tx) => {
    const { agreement, kase, snapshot } = await loadVisibleAgreement(tx, ctx.actor, agreementId, { forUpdate: true });
    if (agreement.status !== 'awaiting_borrower') return { error: new AppError('CONFLICT') };
    const [borrower] = await tx.select().from(borrowers).where(eq(borrowers.id, kase.borrowerId));
    assertFirstPaymentAhead(snapshot, borrower!.timezone, now);
    return sendSigningCode(tx, ctx, borrower!, { id: agreement.id, caseId: kase.id, entityType: 'agreement', auditPrefix: 'agreement' }, now);
  });
  if ('error' in outcome) throw outcome.error;
  await dispatchOutbox(db).catch(() => undefined);
  return outcome;
}
