import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, oneTimeCodes } from '@/db/schema';
import { otpRules, resendAvailableAt } from '@/lib/domain/one-time-code';
import { rateLimits } from '@/lib/domain/rate-limit';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { generateCode, hashCode } from '../auth/one-time-codes';
import { AppError } from '../errors';
import { dispatchOutbox, queueNotification } from '../notifications';
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
    const limit = await hitRateLimit(tx, rateLimits.codePerPhone, `sign:${borrower!.phone}`, now);
    if (!limit.allowed) return { error: new AppError('RATE_LIMITED', { params: { retryAt: limit.retryAt.toISOString() }, field: 'code' }) };
    const [last] = await tx
      .select({ createdAt: oneTimeCodes.createdAt })
      .from(oneTimeCodes)
      .where(and(eq(oneTimeCodes.phone, borrower!.phone), eq(oneTimeCodes.purpose, 'sign'), eq(oneTimeCodes.subjectId, agreement.id)))
      .orderBy(desc(oneTimeCodes.createdAt))
      .limit(1);
    if (last && resendAvailableAt(last.createdAt) > now) {
      return { error: new AppError('RESEND_TOO_SOON', { params: { seconds: Math.ceil((resendAvailableAt(last.createdAt).getTime() - now.getTime()) / 1000) }, field: 'code' }) };
    }
    const code = generateCode();
    await tx.insert(oneTimeCodes).values({ phone: borrower!.phone, purpose: 'sign', subjectId: agreement.id, codeHash: hashCode(`sign:${agreement.id}`, borrower!.phone, code), expiresAt: new Date(now.getTime() + otpRules.ttlSeconds * 1000), createdAt: now });
    await queueNotification(tx, { channel: 'sms', recipientType: 'borrower', recipientId: borrower!.id, toAddress: borrower!.phone, template: 'signCode', locale: borrower!.locale, values: { code, minutes: otpRules.ttlSeconds / 60 }, caseId: kase.id });
    await recordAudit(tx, ctx, { action: 'agreement.signing_code_sent', entityType: 'agreement', entityId: agreement.id });
    return { resendAt: resendAvailableAt(now) };
  });
  if ('error' in outcome) throw outcome.error;
  await dispatchOutbox(db).catch(() => undefined);
  return outcome;
}
