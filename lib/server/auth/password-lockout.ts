import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { signInLockouts } from '@/db/schema';
import { staffLockout } from '@/lib/domain/rate-limit';
import { lookupHash } from '../crypto';

/**
 * Wrong staff passwords, counted per e-mail address whether or not an account
 * has it (so "locked" does not confirm that an address exists), and shared by
 * the sign-in form and the step-ups that re-ask the password (countersigning,
 * changing it). Five wrong ones in a row lock the address for fifteen minutes.
 */
export function lockoutKey(email: string): string {
  return lookupHash(`staff-email:${email.trim().toLowerCase()}`);
}

/** The address's count, its row locked until the caller's transaction ends. */
export async function readLockout(tx: Executor, key: string): Promise<{ failures: number; lockedUntil: Date | null }> {
  await tx.insert(signInLockouts).values({ key }).onConflictDoNothing();
  const [row] = await tx.select().from(signInLockouts).where(eq(signInLockouts.key, key)).for('update');
  return { failures: row!.failures, lockedUntil: row!.lockedUntil };
}

export function isLocked(state: { lockedUntil: Date | null }, now: Date): state is { lockedUntil: Date } {
  return state.lockedUntil !== null && state.lockedUntil > now;
}

/** One more wrong password; the fifth locks the address (and starts the count again). */
export async function countFailure(tx: Executor, key: string, state: { failures: number }, now: Date): Promise<{ failures: number; lockedUntil: Date | null }> {
  const failures = state.failures + 1;
  const lock = failures >= staffLockout.maxFailures;
  const lockedUntil = lock ? new Date(now.getTime() + staffLockout.lockMinutes * 60_000) : null;
  await tx.update(signInLockouts).set({ failures: lock ? 0 : failures, lockedUntil, updatedAt: now }).where(eq(signInLockouts.key, key));
  return { failures, lockedUntil };
}

export async function clearFailures(tx: Executor, key: string, now: Date) {
  await tx.update(signInLockouts).set({ failures: 0, lockedUntil: null, updatedAt: now }).where(eq(signInLockouts.key, key));
}

/** Counts untouched for a day and no longer locking anything, swept hourly. */
export async function purgeStaleLockouts(db: Executor, now = new Date()) {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  await db.delete(signInLockouts).where(sql`${signInLockouts.updatedAt} < ${dayAgo} and (${signInLockouts.lockedUntil} is null or ${signInLockouts.lockedUntil} < ${now})`);
}
