import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { staffUsers } from '@/db/schema';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { countFailure, clearFailures, isLocked, lockoutKey, readLockout } from './password-lockout';
import { verifyPassword } from './passwords';
import { revokeSessionsOf } from './sessions';

export type StepUpPurpose = 'countersign' | 'password_change';

/**
 * A signed-in staff member types their password again before something that
 * matters. Wrong answers count towards the same lockout as the sign-in form,
 * and are committed before the refusal; the fifth locks the account and ends
 * all its sessions, this one too, so a stolen session cannot keep guessing.
 */
export async function confirmStaffPassword(ctx: Ctx, password: string, purpose: StepUpPurpose, field = 'password'): Promise<void> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const now = new Date();
  const error = await getDb().transaction(async (tx) => {
    const [staff] = await tx.select().from(staffUsers).where(eq(staffUsers.id, actor.id));
    if (!staff?.active) return new AppError('SESSION_EXPIRED');
    const key = lockoutKey(staff.email);
    const lockout = await readLockout(tx, key);
    if (isLocked(lockout, now)) return new AppError('LOCKED', { params: { until: lockout.lockedUntil.toISOString() }, field });
    if (await verifyPassword(staff.passwordHash, password)) {
      await clearFailures(tx, key, now);
      return null;
    }
    const counted = await countFailure(tx, key, lockout, now);
    if (counted.lockedUntil) await revokeSessionsOf(tx, staff.id, 'locked_out', { now });
    await recordAudit(tx, ctx, { action: counted.lockedUntil ? 'auth.staff_lockout' : 'auth.step_up_failed', entityType: 'staff', entityId: staff.id, data: { via: purpose, failures: counted.failures } });
    return counted.lockedUntil ? new AppError('LOCKED', { params: { until: counted.lockedUntil.toISOString() }, field }) : new AppError('CREDENTIALS_INVALID', { field, message: 'validation.passwordWrong' });
  });
  if (error) throw error;
}
