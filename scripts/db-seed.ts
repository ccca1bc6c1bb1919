import { parseArgs } from 'node:util';
import { createDatabase } from '@/db/client';
import { seedDemo } from './seed/demo';
import { generateCases } from './seed/generate';
import { openDatabase } from './lib/database';

/**
 * npm run db:seed                                   demo data (no-op when already seeded)
 * npm run db:seed -- --cases 100000 [--seed 42]     demo data, then that many generated cases for benchmarks
 */
const { values } = parseArgs({ options: { cases: { type: 'string' }, seed: { type: 'string' } } });

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got "${value}"`);
    process.exit(2);
  }
  return n;
}

const casesWanted = positiveInt('cases', values.cases);
const seed = positiveInt('seed', values.seed);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

const { url, embedded } = await openDatabase();
const { db, pool } = createDatabase(url, 4);
try {
  const started = performance.now();
  const { created } = await seedDemo(db);
  console.log(created ? `Demo data seeded in ${seconds(started)} s.` : 'Demo data already present.');
  // One fully executed agreement, made by the real signing code (idempotent: skipped once done).
  const { connectDb, closeDb } = await import('@/db/client');
  const { seedExecutedAgreement } = await import('./seed/executed-agreement');
  connectDb(url, 2);
  if (await seedExecutedAgreement()) console.log('Demo agreement signed and countersigned.');
  // The bank's portfolio file, loaded as an admin loads one (idempotent: skipped once there is an import).
  const { seedDemoImport } = await import('./seed/demo-import');
  const imported = await seedDemoImport();
  if (imported) console.log(`Demo portfolio imported: ${imported.imported} loans invited, ${imported.refused} rows refused.`);
  await closeDb();
  if (casesWanted) {
    const genStarted = performance.now();
    console.log(`Generating ${casesWanted.toLocaleString('en')} cases (seed ${seed ?? 42})…`);
    await generateCases(db, { cases: casesWanted, seed, log: (m) => console.log(m) });
    console.log(`Done in ${seconds(genStarted)} s.`);
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await pool.end();
  await embedded?.stop();
}
