import fs from 'node:fs';
import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';
import { getEnv } from '@/lib/env';

export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A function that works inside or outside a transaction takes this. */
export type Executor = Database | Transaction;

type Handle = { db: Database; pool: pg.Pool };

/**
 * The connection string: DATABASE_URL when set; otherwise the embedded
 * PostgreSQL that `npm start` launched for this DATA_DIR.
 */
export function resolveDatabaseUrl(): string {
  const env = getEnv();
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const stateFile = path.resolve(env.DATA_DIR, 'pg.json');
  try {
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { port: number; password: string };
    return `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/concord`;
  } catch {
    throw new Error(`DATABASE_URL is not set and no embedded PostgreSQL is running (no ${stateFile}); start the app with npm start.`);
  }
}

/**
 * The planner's cost of a random page read, on every connection. PostgreSQL's default (4, sequential reads at 1) is
 * for spinning disks; Concord's working set (the open cases, their indexes) is in memory, and on SSD, where its own
 * documentation suggests about 1.1. With the default, the queue's counts of a creditor's open cases chose a full scan of
 * cases (38 ms for 100,000) over the covering index of open cases (19 ms), by a cost estimate 3% apart: the slowest
 * queue query went from 96 to 56 ms (`npm run bench -- --only queue-db`). An `options` parameter in DATABASE_URL takes
 * precedence (pg reads the URL over this).
 */
const connectionOptions = '-c random_page_cost=1.1';

export function createDatabase(url: string, max = 10): Handle {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000, options: connectionOptions });
  // A dropped connection must not crash the server; the pool reconnects on the next query.
  pool.on('error', () => undefined);
  return { db: drizzle(pool, { schema }), pool };
}

const globalForDb = globalThis as unknown as { concordDb?: Handle };

export function getDb(): Database {
  globalForDb.concordDb ??= createDatabase(resolveDatabaseUrl(), Number(process.env.DB_POOL_MAX ?? 10));
  return globalForDb.concordDb.db;
}

/** The shared handle's pool, for what drizzle does not do: COPY streams, session-level locks held by a job. */
export function getPool(): pg.Pool {
  getDb();
  return globalForDb.concordDb!.pool;
}

/** Points the app's shared handle at a specific database (tests, scripts). */
export function connectDb(url: string, max = 10): Database {
  const previous = globalForDb.concordDb;
  globalForDb.concordDb = createDatabase(url, max);
  void previous?.pool.end();
  return globalForDb.concordDb.db;
}

export async function closeDb() {
  const handle = globalForDb.concordDb;
  globalForDb.concordDb = undefined;
  await handle?.pool.end();
}
