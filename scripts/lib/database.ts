import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/db/embedded';
import { applyMigrations } from '@/db/migrate';
import { getEnv } from '@/lib/env';

/**
 * The database for a command-line entry point: DATABASE_URL when set,
 * otherwise the embedded PostgreSQL under DATA_DIR (started if not running).
 * Migrations are applied either way.
 */
export async function openDatabase(options: { log?: (message: string) => void } = {}): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  const env = getEnv();
  if (env.DATABASE_URL) {
    await applyMigrations(env.DATABASE_URL);
    return { url: env.DATABASE_URL };
  }
  const embedded = await startEmbeddedPostgres({ dir: path.resolve(env.DATA_DIR), port: env.EMBEDDED_PG_PORT, log: options.log });
  await applyMigrations(embedded.url);
  return { url: embedded.url, embedded };
}
