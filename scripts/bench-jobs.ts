import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '@/db/embedded';
import { benchImport, benchMonth } from './lib/bench-jobs';

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
const cluster = await startEmbeddedPostgres({ dir: path.resolve('.bench-data/jobs'), port: arg('pg-port', 54398) });
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

export function printImport(r: NonNullable<Awaited<ReturnType<typeof benchImport>>>) {
  console.log(`\nportfolio import, ${r.rows} rows (${r.fileMb.toFixed(1)} MB): upload ${r.uploadS.toFixed(1)} s, validate ${r.validateS.toFixed(1)} s, apply ${r.applyS.toFixed(1)} s = ${r.totalS.toFixed(1)} s, ${r.rowsPerSecond} rows/s; importer peak RSS ${r.maxRssMb} MB`);
  console.log(`plain COPY of the same file (16 text columns): ${r.plainCopyS.toFixed(2)} s, ${r.plainCopyRowsPerSecond} rows/s — the importer at ${((r.plainCopyS / r.totalS) * 100).toFixed(1)}% of it`);
  console.log(`goal: 100,000 rows under 30 s ${r.rows >= 100_000 && r.totalS < 30 ? 'met' : r.rows < 100_000 ? 'n/a (fewer rows)' : 'NOT met'}; memory under 300 MB ${r.maxRssMb < 300 ? 'met' : 'NOT met'}`);
}

export function printMonth(m: Awaited<ReturnType<typeof benchMonth>>) {
  console.log(`\nsimulated month, ${m.borrowers} borrowers, ${m.steps} steps of 15 min: ${m.seconds.toFixed(1)} s (reminder job ${m.reminderSeconds.toFixed(1)} s, dispatcher ${m.dispatchSeconds.toFixed(1)} s)`);
  console.log(`reminders expected ${m.remindersExpected}, queued ${m.remindersQueued}, sent ${m.sent}, waiting past the month ${m.deferredPastEnd}, deferrals ${m.deferrals}; sent outside the allowed hours ${m.sentOutsideHours}, lost ${m.lost}, duplicates ${m.duplicates}`);
}
