import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers } from '@/db/schema';
import { maskPhone } from '@/lib/domain/identity';
import { otpRules } from '@/lib/domain/one-time-code';
import { rateLimits } from '@/lib/domain/rate-limit';
import { requestCodeSchema, type RequestCodeInput } from '@/lib/validation/auth';
import type { RequestMeta } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { queueNotification } from '../notifications';
import { dispatchOutbox } from '../outbox/dispatch';
import { hitRateLimits } from '../rate-limit';
import { issueCode } from './one-time-codes';

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
    const ip = meta.ip ?? 'unknown';
    const decision = await hitRateLimits(
      tx,
      [
        [rateLimits.codePerIp, ip],
        [rateLimits.codePerPhoneAndIp, `${phone}:${ip}`],
        [rateLimits.codePerPhoneAndIpDaily, `${phone}:${ip}`],
        [rateLimits.codePerPhone, phone],
        [rateLimits.codePerPhoneDaily, phone],
      ],
      now,
    );
    if (!decision.allowed) {
      await recordAudit(tx, ctx, { action: 'auth.rate_limited', data: { what: 'login_code', phone: maskPhone(phone) } });
      return { ok: false, error: new AppError('RATE_LIMITED', { params: { retryAt: decision.retryAt.toISOString() }, field: 'phone' }) };
    }
    const issued = await issueCode(tx, { phone, purpose: 'login' }, 'phone', now);
    if (!issued.ok) return issued;
    const { code } = issued;
    const [borrower] = await tx.select({ id: borrowers.id, locale: borrowers.locale }).from(borrowers).where(eq(borrowers.phone, phone));
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
    return { ok: true, resendAt: issued.resendAt };
  });

  if (!outcome.ok) throw outcome.error;
  await dispatchOutbox(db).catch(() => undefined); // delivery retries later; the code is already stored
  return { resendAt: outcome.resendAt };
}
