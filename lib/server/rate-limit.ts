import 'server-only';
import { sql } from 'drizzle-orm';
import { rateLimitCounters } from '@/db/schema';
import type { Executor } from '@/db/client';
import { decide, windowStart, type RateDecision, type RateLimitRule } from '@/lib/domain/rate-limit';

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

export async function purgeExpiredRateLimits(db: Executor, now = new Date()) {
  await db.delete(rateLimitCounters).where(sql`${rateLimitCounters.expiresAt} < ${now}`);
}
