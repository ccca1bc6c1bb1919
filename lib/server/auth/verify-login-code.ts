import 'server-only';
import { and, eq, isNull, notInArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, cases } from '@/db/schema';
import { endedStates } from '@/lib/domain/case-state';
import { maskPhone } from '@/lib/domain/identity';
import { rateLimits } from '@/lib/domain/rate-limit';
import { verifyCodeSchema, type VerifyCodeInput } from '@/lib/validation/auth';
import type { RequestMeta } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { hitRateLimit } from '../rate-limit';
import { checkCode } from './one-time-codes';
import { startSession } from './sessions';

export type SignedInBorrower = { id: string; name: string; locale: string; sessionId: string };

type Outcome = { ok: true; borrower: SignedInBorrower } | { ok: false; error: AppError };

/**
 * Checks a sign-in code. Only the latest code for the number counts; each wrong
 * try is counted (and committed) before the answer, and the fifth kills the code.
 * A good code opens a session (ADR 0008) in the transaction that records the sign-in.
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
    const [borrower] = await tx.select({ id: borrowers.id, name: borrowers.fullName, locale: borrowers.locale }).from(borrowers).where(eq(borrowers.phone, phone));
    // An unknown number's code never signs in, and fails exactly like a wrong code.
    const check = await checkCode(tx, { phone, purpose: 'login' }, code, 'code', { acceptable: Boolean(borrower), now });
    if (!check.ok) {
      const action = check.remaining === 0 ? 'auth.code_exhausted' : 'auth.login_failed';
      await recordAudit(tx, ctx, { action, data: { phone: masked, reason: check.reason, ...(check.remaining !== undefined ? { remaining: check.remaining } : {}) } });
      return { ok: false, error: check.error };
    }
    await check.consume();
    if (!borrower) throw new AppError('CODE_INVALID', { field: 'code' }); // unreachable: checkCode refused it
    await tx.update(borrowers).set({ lastLoginAt: now }).where(eq(borrowers.id, borrower.id));
    // The dashboard's "engaged": a borrower who signs in has engaged with each case still open.
    await tx.update(cases).set({ engagedAt: now }).where(and(eq(cases.borrowerId, borrower.id), isNull(cases.engagedAt), notInArray(cases.state, [...endedStates])));
    const sessionId = await startSession(tx, { type: 'borrower', id: borrower.id }, meta, now);
    await recordAudit(tx, { actor: { type: 'borrower', id: borrower.id }, meta }, { action: 'auth.login', entityType: 'borrower', entityId: borrower.id });
    return { ok: true, borrower: { ...borrower, sessionId } };
  });

  if (!outcome.ok) throw outcome.error;
  return outcome.borrower;
}
