import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { staffUsers } from '@/db/schema';
import { rateLimits, staffLockout } from '@/lib/domain/rate-limit';
import { staffLoginSchema, type StaffLoginInput } from '@/lib/validation/auth';
import type { RequestMeta, StaffRole } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { hitRateLimit } from '../rate-limit';
import { dummyHash, verifyPassword } from './passwords';

export type SignedInStaff = { id: string; name: string; email: string; role: StaffRole; creditorId: string };

type Outcome = { ok: true; staff: SignedInStaff } | { ok: false; error: AppError };

/** E-mail and password; five wrong passwords in a row lock the account for fifteen minutes. */
export async function authenticateStaff(meta: RequestMeta, input: StaffLoginInput): Promise<SignedInStaff> {
  const { email, password } = staffLoginSchema.parse(input);
  const ctx = { actor: { type: 'anonymous' as const }, meta };
  const now = new Date();

  const outcome = await getDb().transaction(async (tx): Promise<Outcome> => {
    const limit = await hitRateLimit(tx, rateLimits.staffLoginPerIp, meta.ip ?? 'unknown', now);
    if (!limit.allowed) {
      await recordAudit(tx, ctx, { action: 'auth.rate_limited', data: { what: 'staff_login' } });
      return { ok: false, error: new AppError('RATE_LIMITED', { params: { retryAt: limit.retryAt.toISOString() }, field: 'password' }) };
    }
    const [staff] = await tx
      .select()
      .from(staffUsers)
      .where(sql`lower(${staffUsers.email}) = ${email}`)
      .for('update');
    if (!staff || !staff.active) {
      await verifyPassword(dummyHash, password);
      await recordAudit(tx, ctx, { action: 'auth.staff_login_failed', data: { reason: staff ? 'inactive' : 'unknown_email' } });
      return { ok: false, error: new AppError('CREDENTIALS_INVALID', { field: 'password' }) };
    }
    if (staff.lockedUntil && staff.lockedUntil > now) {
      await recordAudit(tx, ctx, { action: 'auth.staff_login_locked', entityType: 'staff', entityId: staff.id });
      return { ok: false, error: new AppError('LOCKED', { params: { until: staff.lockedUntil.toISOString() }, field: 'password' }) };
    }
    if (!(await verifyPassword(staff.passwordHash, password))) {
      const failures = staff.failedAttempts + 1;
      const lock = failures >= staffLockout.maxFailures;
      const lockedUntil = lock ? new Date(now.getTime() + staffLockout.lockMinutes * 60_000) : null;
      await tx
        .update(staffUsers)
        .set({ failedAttempts: lock ? 0 : failures, lockedUntil })
        .where(eq(staffUsers.id, staff.id));
      await recordAudit(tx, ctx, { action: lock ? 'auth.staff_lockout' : 'auth.staff_login_failed', entityType: 'staff', entityId: staff.id, data: { reason: 'wrong_password', failures } });
      return lock
        ? { ok: false, error: new AppError('LOCKED', { params: { until: lockedUntil!.toISOString() }, field: 'password' }) }
        : { ok: false, error: new AppError('CREDENTIALS_INVALID', { field: 'password' }) };
    }
    await tx.update(staffUsers).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now }).where(eq(staffUsers.id, staff.id));
    const signedIn: SignedInStaff = { id: staff.id, name: staff.name, email: staff.email, role: staff.role, creditorId: staff.creditorId };
    await recordAudit(tx, { actor: { type: 'staff', id: staff.id, role: staff.role, creditorId: staff.creditorId }, meta }, { action: 'auth.staff_login', entityType: 'staff', entityId: staff.id });
    return { ok: true, staff: signedIn };
  });

  if (!outcome.ok) throw outcome.error;
  return outcome.staff;
}
