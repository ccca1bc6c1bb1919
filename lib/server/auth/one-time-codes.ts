import 'server-only';
import crypto from 'node:crypto';
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { oneTimeCodes } from '@/db/schema';
import { codeState, formatCode, otpRules, resendAvailableAt } from '@/lib/domain/one-time-code';
import { getEnv } from '@/lib/env';
import { timingSafeEqualHex } from '../crypto';
import { AppError } from '../errors';

/** A six-digit code from the CSPRNG. */
export function generateCode(): string {
  return formatCode(crypto.randomInt(0, 1_000_000));
}

/** Codes are stored only as a keyed hash bound to their purpose (and subject) and phone number. */
export function hashCode(scope: string, phone: string, code: string, key: Buffer = getEnv().lookupKey): string {
  return crypto.createHmac('sha256', key).update(`${scope}:${phone}:${code}`).digest('hex');
}

/** What a code is for: signing in, or signing one particular agreement. */
export type CodeTarget = { phone: string; purpose: 'login' | 'sign'; subjectId?: string };

const scopeOf = (target: CodeTarget) => (target.subjectId ? `${target.purpose}:${target.subjectId}` : target.purpose);

function forTarget(target: CodeTarget): SQL {
  return and(
    eq(oneTimeCodes.phone, target.phone),
    eq(oneTimeCodes.purpose, target.purpose),
    target.subjectId ? eq(oneTimeCodes.subjectId, target.subjectId) : isNull(oneTimeCodes.subjectId),
  )!;
}

/**
 * Issues a fresh code for a target, or refuses within the resend cooldown.
 * The caller sends it (or, for an unknown number, does not).
 */
export async function issueCode(tx: Executor, target: CodeTarget, field: string, now = new Date()): Promise<{ ok: true; code: string; resendAt: Date } | { ok: false; error: AppError }> {
  const [last] = await tx.select({ createdAt: oneTimeCodes.createdAt }).from(oneTimeCodes).where(forTarget(target)).orderBy(desc(oneTimeCodes.createdAt)).limit(1);
  if (last && resendAvailableAt(last.createdAt) > now) {
    const seconds = Math.ceil((resendAvailableAt(last.createdAt).getTime() - now.getTime()) / 1000);
    return { ok: false, error: new AppError('RESEND_TOO_SOON', { params: { seconds }, field }) };
  }
  const code = generateCode();
  await tx.insert(oneTimeCodes).values({
    phone: target.phone,
    purpose: target.purpose,
    subjectId: target.subjectId ?? null,
    codeHash: hashCode(scopeOf(target), target.phone, code),
    expiresAt: new Date(now.getTime() + otpRules.ttlSeconds * 1000),
    createdAt: now,
  });
  return { ok: true, code, resendAt: resendAvailableAt(now) };
}

export type CodeCheck = { ok: true; consume: () => Promise<void> } | { ok: false; error: AppError; reason: string; remaining?: number };

/**
 * Checks a typed code against the latest one for the target, under a row lock.
 * A wrong code is counted at once (the caller commits before answering) and
 * the fifth kills it. `acceptable: false` makes even a matching code count as
 * wrong (an unknown number must look exactly like a wrong code). The caller
 * consumes a good code in the same transaction as what it unlocks.
 */
export async function checkCode(tx: Executor, target: CodeTarget, typed: string, field: string, options: { acceptable?: boolean; now?: Date } = {}): Promise<CodeCheck> {
  const now = options.now ?? new Date();
  const [stored] = await tx.select().from(oneTimeCodes).where(forTarget(target)).orderBy(desc(oneTimeCodes.createdAt)).limit(1).for('update');
  const state = stored ? codeState(stored, now) : 'consumed';
  if (!stored || state !== 'usable') {
    const code = state === 'expired' ? 'CODE_EXPIRED' : state === 'exhausted' ? 'CODE_EXHAUSTED' : 'CODE_INVALID';
    return { ok: false, error: new AppError(code, { field }), reason: state };
  }
  const matches = timingSafeEqualHex(stored.codeHash, hashCode(scopeOf(target), target.phone, typed));
  if (!matches || options.acceptable === false) {
    const [updated] = await tx
      .update(oneTimeCodes)
      .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
      .where(eq(oneTimeCodes.id, stored.id))
      .returning({ attempts: oneTimeCodes.attempts });
    const remaining = Math.max(0, otpRules.maxAttempts - updated!.attempts);
    return { ok: false, error: new AppError(remaining ? 'CODE_WRONG' : 'CODE_EXHAUSTED', { params: { remaining }, field }), reason: 'wrong_code', remaining };
  }
  return { ok: true, consume: async () => void (await tx.update(oneTimeCodes).set({ consumedAt: now }).where(eq(oneTimeCodes.id, stored.id))) };
}
