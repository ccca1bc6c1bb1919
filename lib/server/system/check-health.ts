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
