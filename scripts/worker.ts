import { connectDb, resolveDatabaseUrl } from '@/db/client';
import { applyMigrations } from '@/db/migrate';
import { getEnv } from '@/lib/env';

/**
 * `npm run worker`: the job worker alone (offer expiry, notification dispatch, reminders, deadline warnings,
 * imports), against DATABASE_URL — or, without it, the embedded database `npm start` runs for this DATA_DIR.
 * Run as many as needed beside any number of web servers (`npm start`, which runs a worker of its own too):
 * pg-boss hands each job to one worker. SIGTERM or Ctrl-C finishes the jobs in hand, then stops.
 */
const env = getEnv(); // refuses to start on a bad or missing secret, naming the variable
const url = resolveDatabaseUrl();
await applyMigrations(url);
connectDb(url, Number(process.env.DB_POOL_MAX ?? 10));
process.env.DATABASE_URL = url;
const { startJobs } = await import('@/lib/server/jobs');
const name = process.env.WORKER_NAME ?? `concord-worker-${process.pid}`;
const boss = await startJobs(url, { name, schedule: process.env.WORKER_SCHEDULE !== 'false' });
console.log(`[concord] worker ${name} started${env.DEMO_MODE ? ' (demo mode)' : ''}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await boss.stop({ graceful: true, timeout: 20_000 }).catch(() => undefined);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
