import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, oneTimeCodes } from '@/db/schema';
import { maskPhone } from '@/lib/domain/identity';
import { codeState, otpRules } from '@/lib/domain/one-time-code';
import { rateLimits } from '@/lib/domain/rate-limit';
import { verifyCodeSchema, type VerifyCodeInput } from '@/lib/validation/auth';
import type { RequestMeta } from '../actor';
import { recordAudit } from '../audit';
import { timingSafeEqualHex } from '../crypto';
import { AppError } from '../errors';
import { hitRateLimit } from '../rate-limit';
import { hashCode } from './one-time-codes';

export type SignedInBorrower = { id: string; name: string; locale: string };

type Outcome = { ok: true; borrower: SignedInBorrower } | { ok: false; error: AppError };

/**
 * Checks a sign-in code. Only the latest code for the number counts; each wrong
 * try is counted (and committed) before the answer, and the fifth kills the code.
 */
export async function verifyLoginCode(meta: RequestMeta, input: VerifyCodeInput): Promise<SignedInBorrower> {
  const { phone, code } = verifyCodeSchema.parse(input);
  const ctx = { actor: { type: 'anonymous' as const }, meta };
  const now = new Date();
  const masked = maskPhone(phone);

  const outcome = await getDb().transaction(async (tx): Promise<Outcome> => {
    const limit = await hitRateLimit(tx, rateLimits.verifyPerIp, meta.ip ?? 'unknown', now);
    if (!limit.allowed) {
      await recordAudit(tx, ctx, { action: 'auth.rate_limited', data: { what: 'login_verify', phone: masked } });
      return { ok: false, error: new AppError('RATE_LIMITED', { params: { retryAt: limit.retryAt.toISOString() }, field: 'code' }) };
    }
    const [stored] = await tx
      .select()
      .from(oneTimeCodes)
      .where(and(eq(oneTimeCodes.phone, phone), eq(oneTimeCodes.purpose, 'login')))
      .orderBy(desc(oneTimeCodes.createdAt))
      .limit(1)
      .for('update');
    const state = stored ? codeState(stored, now) : 'consumed';
    if (!stored || state !== 'usable') {
      await recordAudit(tx, ctx, { action: 'auth.login_failed', data: { phone: masked, reason: state } });
      const code = state === 'expired' ? 'CODE_EXPIRED' : state === 'exhausted' ? 'CODE_EXHAUSTED' : 'CODE_INVALID';
      return { ok: false, error: new AppError(code, { field: 'code' }) };
    }
    const matches = timingSafeEqualHex(stored.codeHash, hashCode('login', phone, code));
    const [borrower] = matches
      ? await tx.select({ id: borrowers.id, name: borrowers.fullName, locale: borrowers.locale }).from(borrowers).where(eq(borrowers.phone, phone))
      : [];
    if (!matches || !borrower) {
      const [updated] = await tx
        .update(oneTimeCodes)
        .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
        .where(eq(oneTimeCodes.id, stored.id))
        .returning({ attempts: oneTimeCodes.attempts });
      const remaining = Math.max(0, otpRules.maxAttempts - updated!.attempts);
      await recordAudit(tx, ctx, { action: remaining === 0 ? 'auth.code_exhausted' : 'auth.login_failed', data: { phone: masked, reason: 'wrong_code', remaining } });
      return { ok: false, error: new AppError(remaining === 0 ? 'CODE_EXHAUSTED' : 'CODE_WRONG', { params: { remaining }, field: 'code' }) };
    }
    await tx.update(oneTimeCodes).set({ consumedAt: now }).where(eq(oneTimeCodes.id, stored.id));
    await tx.update(borrowers).set({ lastLoginAt: now }).where(eq(borrowers.id, borrower.id));
    await recordAudit(tx, { actor: { type: 'borrower', id: borrower.id }, meta }, { action: 'auth.login', entityType: 'borrower', entityId: borrower.id });
    return { ok: true, borrower };
  });

  if (!outcome.ok) throw outcome.error;
  return outcome.borrower;
}
