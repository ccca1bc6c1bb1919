import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, oneTimeCodes } from '@/db/schema';
import { maskPhone } from '@/lib/domain/identity';
import { otpRules, resendAvailableAt } from '@/lib/domain/one-time-code';
import { rateLimits } from '@/lib/domain/rate-limit';
import { requestCodeSchema, type RequestCodeInput } from '@/lib/validation/auth';
import type { RequestMeta } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { dispatchOutbox, queueNotification } from '../notifications';
import { hitRateLimit } from '../rate-limit';
import { generateCode, hashCode } from './one-time-codes';

type Outcome = { ok: true; resendAt: Date } | { ok: false; error: AppError };

/**
 * Sends a sign-in code by SMS. An unknown number gets the same answer and the
 * same cooldown (a code is recorded but never sent), so the form does not tell
 * a stranger who is a borrower here.
 */
export async function requestLoginCode(meta: RequestMeta, input: RequestCodeInput, locale: string): Promise<{ resendAt: Date }> {
  const { phone } = requestCodeSchema.parse(input);
  const db = getDb();
  const ctx = { actor: { type: 'anonymous' as const }, meta };
  const now = new Date();

  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const limits = [
      await hitRateLimit(tx, rateLimits.codePerIp, meta.ip ?? 'unknown', now),
      await hitRateLimit(tx, rateLimits.codePerPhone, phone, now),
      await hitRateLimit(tx, rateLimits.codePerPhoneDaily, phone, now),
    ];
    const blocked = limits.find((d) => !d.allowed);
    if (blocked) {
      await recordAudit(tx, ctx, { action: 'auth.rate_limited', data: { what: 'login_code', phone: maskPhone(phone) } });
      return { ok: false, error: new AppError('RATE_LIMITED', { params: { retryAt: blocked.retryAt.toISOString() }, field: 'phone' }) };
    }
    const [last] = await tx
      .select({ createdAt: oneTimeCodes.createdAt })
      .from(oneTimeCodes)
      .where(and(eq(oneTimeCodes.phone, phone), eq(oneTimeCodes.purpose, 'login')))
      .orderBy(desc(oneTimeCodes.createdAt))
      .limit(1);
    if (last && resendAvailableAt(last.createdAt) > now) {
      const seconds = Math.ceil((resendAvailableAt(last.createdAt).getTime() - now.getTime()) / 1000);
      return { ok: false, error: new AppError('RESEND_TOO_SOON', { params: { seconds }, field: 'phone' }) };
    }
    const [borrower] = await tx.select({ id: borrowers.id, locale: borrowers.locale }).from(borrowers).where(eq(borrowers.phone, phone));
    const code = generateCode();
    await tx.insert(oneTimeCodes).values({
      phone,
      purpose: 'login',
      codeHash: hashCode('login', phone, code),
      expiresAt: new Date(now.getTime() + otpRules.ttlSeconds * 1000),
      createdAt: now,
    });
    if (borrower) {
      await queueNotification(tx, {
        channel: 'sms',
        recipientType: 'borrower',
        recipientId: borrower.id,
        toAddress: phone,
        template: 'loginCode',
        locale: locale || borrower.locale,
        values: { code, minutes: otpRules.ttlSeconds / 60 },
      });
    }
    await recordAudit(tx, ctx, {
      action: borrower ? 'auth.code_sent' : 'auth.code_requested_unknown_number',
      entityType: borrower ? 'borrower' : undefined,
      entityId: borrower?.id,
      data: { phone: maskPhone(phone) },
    });
    return { ok: true, resendAt: resendAvailableAt(now) };
  });

  if (!outcome.ok) throw outcome.error;
  await dispatchOutbox(db).catch(() => undefined); // delivery retries later; the code is already stored
  return { resendAt: outcome.resendAt };
}
