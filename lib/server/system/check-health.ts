import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

/** Does the database answer within two seconds? */
export async function checkHealth(): Promise<{ database: 'up' | 'down'; latencyMs: number }> {
  const started = Date.now();
  try {
    await Promise.race([
      getDb().execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
    ]);
    return { database: 'up', latencyMs: Date.now() - started };
  } catch {
    return { database: 'down', latencyMs: Date.now() - started };
  }
}

/**
 * What the health endpoint says: to anyone, whether the portal can serve. A
 * deployment says no more (no versions, latencies or component names for a
 * stranger to map); the demo adds the database's state and latency.
 */
export function healthReport(health: { database: 'up' | 'down'; latencyMs: number }, demoMode: boolean) {
  const ok = health.database === 'up';
  return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'unavailable', ...(demoMode ? health : {}) } };
}
