import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '@/db/embedded';
import { benchImport, benchMonth, printImport, printMonth } from './lib/bench-jobs';

/**
 * `npm run bench:jobs`: the import and the simulated month alone (`npm run bench` runs them too), on an embedded
 * PostgreSQL of their own. --rows N (default 100000), --borrowers M (default 10000), --pg-port P (default 54398).
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
Object.assign(process.env, { DEMO_MODE: 'true', AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123', CONCORD_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const log = (m: string) => console.log(`[bench] ${m}`);
// A data directory per port: two runs on different ports (the import and the month at once) do not share one.
const cluster = await startEmbeddedPostgres({ dir: path.resolve(`.bench-data/jobs-${arg('pg-port', 54398)}`), port: arg('pg-port', 54398) });
try {
  const importBench = arg('rows', 100_000) > 0 ? await benchImport(cluster.adminUrl, arg('rows', 100_000), log) : null;
  const month = arg('borrowers', 10_000) > 0 ? await benchMonth(cluster.adminUrl, arg('borrowers', 10_000), log) : null;
  if (importBench) printImport(importBench);
  if (month) printMonth(month);
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync(path.join('bench-results', 'jobs.json'), JSON.stringify({ at: new Date().toISOString(), import: importBench, month }, null, 2));
} finally {
  await cluster.stop();
}
