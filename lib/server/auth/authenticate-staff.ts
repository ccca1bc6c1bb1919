import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { staffUsers } from '@/db/schema';
import { rateLimits } from '@/lib/domain/rate-limit';
import { staffLoginSchema, type StaffLoginInput } from '@/lib/validation/auth';
import type { RequestMeta, StaffRole } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { hitRateLimit } from '../rate-limit';
import { countFailure, clearFailures, isLocked, lockoutKey, readLockout } from './password-lockout';
import { dummyHash, verifyPassword } from './passwords';
import { revokeSessionsOf, startSession } from './sessions';

export type SignedInStaff = { id: string; name: string; email: string; role: StaffRole; creditorId: string | null; sessionId: string };

type Outcome = { ok: true; staff: SignedInStaff } | { ok: false; error: AppError };

/**
 * E-mail and password. Five wrong passwords in a row lock the address for
 * fifteen minutes, counted per address whether an account has it or not, so
 * that neither the answer nor its timing tells which addresses exist. A
 * lockout also ends the account's open sessions. A right password opens a
 * session (ADR 0008) in the transaction that records the sign-in.
 */
export async function authenticateStaff(meta: RequestMeta, input: StaffLoginInput): Promise<SignedInStaff> {
  const { email, password } = staffLoginSchema.parse(input);
  const ctx = { actor: { type: 'anonymous' as const }, meta };
  const now = new Date();
  const key = lockoutKey(email);

  const outcome = await getDb().transaction(async (tx): Promise<Outcome> => {
    const limit = await hitRateLimit(tx, rateLimits.staffLoginPerIp, meta.ip ?? 'unknown', now);
    if (!limit.allowed) {
      await recordAudit(tx, ctx, { action: 'auth.rate_limited', data: { what: 'staff_login' } });
      return { ok: false, error: new AppError('RATE_LIMITED', { params: { retryAt: limit.retryAt.toISOString() }, field: 'password' }) };
    }
    const lockout = await readLockout(tx, key);
    const [staff] = await tx.select().from(staffUsers).where(sql`lower(${staffUsers.email}) = ${email}`);
    const account = staff?.active ? staff : undefined;
    if (isLocked(lockout, now)) {
      await recordAudit(tx, ctx, { action: 'auth.staff_login_locked', entityType: account ? 'staff' : undefined, entityId: account?.id });
      return { ok: false, error: new AppError('LOCKED', { params: { until: lockout.lockedUntil.toISOString() }, field: 'password' }) };
    }
    // An unknown or inactive address costs the same argon2 work as a wrong password.
    const right = account ? await verifyPassword(account.passwordHash, password) : (await verifyPassword(dummyHash, password), false);
    if (!right || !account) {
      const counted = await countFailure(tx, key, lockout, now);
      const reason = account ? 'wrong_password' : staff ? 'inactive' : 'unknown_email';
      if (counted.lockedUntil && account) await revokeSessionsOf(tx, account.id, 'locked_out', { now });
      await recordAudit(tx, ctx, {
        action: counted.lockedUntil ? 'auth.staff_lockout' : 'auth.staff_login_failed',
        entityType: account ? 'staff' : undefined,
        entityId: account?.id,
        data: { reason, failures: counted.failures, via: 'sign_in' },
      });
      return counted.lockedUntil
        ? { ok: false, error: new AppError('LOCKED', { params: { until: counted.lockedUntil.toISOString() }, field: 'password' }) }
        : { ok: false, error: new AppError('CREDENTIALS_INVALID', { field: 'password' }) };
    }
    await clearFailures(tx, key, now);
    await tx.update(staffUsers).set({ lastLoginAt: now }).where(eq(staffUsers.id, account.id));
    const actor = { type: 'staff' as const, id: account.id, role: account.role, creditorId: account.creditorId };
    const sessionId = await startSession(tx, { type: 'staff', id: account.id }, meta, now);
    await recordAudit(tx, { actor, meta }, { action: 'auth.staff_login', entityType: 'staff', entityId: account.id });
    return { ok: true, staff: { id: account.id, name: account.name, email: account.email, role: account.role, creditorId: account.creditorId, sessionId } };
  });

  if (!outcome.ok) throw outcome.error;
  return outcome.staff;
}
