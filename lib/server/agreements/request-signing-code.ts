import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers } from '@/db/schema';
import { otpRules } from '@/lib/domain/one-time-code';
import { rateLimits } from '@/lib/domain/rate-limit';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { issueCode } from '../auth/one-time-codes';
import { AppError } from '../errors';
import { queueNotification } from '../notifications';
import { dispatchOutbox } from '../outbox/dispatch';
import { hitRateLimit } from '../rate-limit';
import { loadVisibleAgreement } from './load-agreement';

/**
 * Step-up for signing: a fresh code to the borrower's phone, bound to this
 * agreement. Asked for by the borrower, so not a contact under the contact rules.
 */
export async function requestSigningCode(ctx: Ctx, agreementId: unknown): Promise<{ resendAt: Date }> {
  if (ctx.actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const db = getDb();
  const now = new Date();
  const outcome = await db.transaction(async (tx) => {
    const { agreement, kase } = await loadVisibleAgreement(tx, ctx.actor, agreementId, { forUpdate: true });
    if (agreement.status !== 'awaiting_borrower') return { error: new AppError('CONFLICT') };
    const [borrower] = await tx.select().from(borrowers).where(eq(borrowers.id, kase.borrowerId));
    const limit = await hitRateLimit(tx, rateLimits.signingCodePerPhone, borrower!.phone, now);
    if (!limit.allowed) return { error: new AppError('RATE_LIMITED', { params: { retryAt: limit.retryAt.toISOString() }, field: 'code' }) };
    const issued = await issueCode(tx, { phone: borrower!.phone, purpose: 'sign', subjectId: agreement.id }, 'code', now);
    if (!issued.ok) return issued;
    const { code } = issued;
    await queueNotification(tx, { channel: 'sms', recipientType: 'borrower', recipientId: borrower!.id, toAddress: borrower!.phone, template: 'signCode', locale: borrower!.locale, values: { code, minutes: otpRules.ttlSeconds / 60 }, caseId: kase.id });
    await recordAudit(tx, ctx, { action: 'agreement.signing_code_sent', entityType: 'agreement', entityId: agreement.id });
    return { resendAt: issued.resendAt };
  });
  if ('error' in outcome) throw outcome.error;
  await dispatchOutbox(db).catch(() => undefined);
  return outcome;
}
