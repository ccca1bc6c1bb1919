import 'server-only';
import { sql } from 'drizzle-orm';
import { rateLimitCounters } from '@/db/schema';
import type { Database, Executor } from '@/db/client';
import { decide, windowStart, type RateDecision, type RateLimitRule } from '@/lib/domain/rate-limit';
import { AppError } from './errors';

/**
 * Counts one attempt against a rule for a key and says whether it is allowed.
 * One atomic upsert, so concurrent requests and several app instances agree.
 */
export async function hitRateLimit(db: Executor, rule: RateLimitRule, key: string, now = new Date()): Promise<RateDecision> {
  const start = windowStart(now, rule.windowSeconds);
  const expires = new Date(start.getTime() + rule.windowSeconds * 1000);
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key: `${rule.name}:${key}`, windowStart: start, count: 1, expiresAt: expires })
    .onConflictDoUpdate({ target: [rateLimitCounters.key, rateLimitCounters.windowStart], set: { count: sql`${rateLimitCounters.count} + 1` } })
    .returning({ count: rateLimitCounters.count });
  return decide(rule, row!.count, now);
}

/**
 * Several rules in order, stopping at the first that refuses: a refused attempt
 * is not counted against the rules after it, so an abuser stopped by the
 * narrow rule (their own address) does not use up the wide one (a number's
 * total) that the borrower shares.
 */
export async function hitRateLimits(db: Executor, checks: [RateLimitRule, string][], now = new Date()): Promise<RateDecision> {
  let last: RateDecision | undefined;
  for (const [rule, key] of checks) {
    last = await hitRateLimit(db, rule, key, now);
    if (!last.allowed) return last;
  }
  return last!;
}

/** One rule for one address, as its own transaction; RATE_LIMITED (with the time to retry) when spent. */
export async function limitAddress(db: Database, rule: RateLimitRule, ip: string | null | undefined, field?: string): Promise<void> {
  const decision = await db.transaction((tx) => hitRateLimit(tx, rule, ip ?? 'unknown'));
  if (!decision.allowed) throw new AppError('RATE_LIMITED', { params: { retryAt: decision.retryAt.toISOString() }, field });
}

export async function purgeExpiredRateLimits(db: Executor, now = new Date()) {
  await db.delete(rateLimitCounters).where(sql`${rateLimitCounters.expiresAt} < ${now}`);
}
