import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase } from '@/db/client';
import { demoModeWarning, getEnv, publicUrlMismatch } from '@/lib/env';
import { buildIsCurrent, markBuilt, sourceFingerprint } from './lib/build-fingerprint';
import { openDatabase } from './lib/database';
import { watchDocumentStylesheet } from './lib/document-stylesheet';
import { prebuild } from './lib/prebuild';

/**
 * `npm start`: the database (embedded unless DATABASE_URL is set), migrations,
 * demo data on first start (demo mode only), a production build when the
 * sources changed, then the server (scripts/serve.mjs: Next behind a Node HTTP server that
 * records each connection's address, ADR 0009). Ctrl-C stops the server and then the database.
 *   --dev    next dev instead of a production build
 *   --fresh  start from an empty DATA_DIR (browser tests)
 */
const args = new Set(process.argv.slice(2));
const started = Date.now();
const log = (message: string) => console.log(`[concord] ${message}`);

const env = getEnv(); // refuses to start on a bad or missing secret, naming the variable
const mismatch = publicUrlMismatch(env);
if (mismatch) console.warn(`[concord] Warning: ${mismatch}`);
const warning = demoModeWarning(env);
if (warning) console.warn(warning);
if (!env.DEMO_MODE) {
  // The certificate must open now, not at the first signature.
  const { loadSigningKeyMaterial } = await import('@/lib/pdf/signing-identity');
  await loadSigningKeyMaterial().catch((error: Error) => {
    console.error(`[concord] ${error.message}`);
    process.exit(1);
  });
}
if (args.has('--fresh') && !env.DATABASE_URL) {
  fs.rmSync(path.resolve(env.DATA_DIR, 'pgdata'), { recursive: true, force: true });
  fs.rmSync(path.resolve(env.DATA_DIR, 'pg.json'), { force: true });
}

const nextBin = path.resolve('node_modules/next/dist/bin/next');
const serveScript = path.resolve('scripts/serve.mjs');

function run(command: string, argv: string[], extraEnv: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [command, ...argv], { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const { url, embedded } = await openDatabase({ log: (m) => (process.env.CONCORD_DEBUG ? log(m) : undefined) });
log(embedded ? `Embedded PostgreSQL ready (data in ${env.DATA_DIR}/pgdata)` : 'Using the database at DATABASE_URL');

if (env.DEMO_MODE) {
  const { seedDemo } = await import('./seed/demo');
  const handle = createDatabase(url, 2);
  const { created } = await seedDemo(handle.db);
  await handle.pool.end();
  log(created ? 'Demo data seeded' : 'Demo data present');
  if (created) {
    const { connectDb, closeDb } = await import('@/db/client');
    const { seedExecutedAgreement } = await import('./seed/executed-agreement');
    connectDb(url, 2);
    if (await seedExecutedAgreement()) log('Demo agreement signed and countersigned');
    const { seedDemoImport } = await import('./seed/demo-import');
    const imported = await seedDemoImport();
    if (imported) log(`Demo portfolio imported: ${imported.imported} loans invited, ${imported.refused} rows refused`);
    await closeDb();
  }
}

if (!env.DEMO_MODE) {
  // A deployment seeds no accounts: its first start makes the first admin and prints the password, once.
  const { ensureFirstAdmin } = await import('@/lib/server/staff/bootstrap-admin');
  const handle = createDatabase(url, 2);
  const first = await ensureFirstAdmin(handle.db, env.CONCORD_ADMIN_EMAIL);
  await handle.pool.end();
  if (first) {
    console.log(
      [
        '',
        '==============================================================================',
        `  First admin account: ${first.email}`,
        `  Password (shown this once; it must be changed at the first sign-in): ${first.password}`,
        '==============================================================================',
        '',
      ].join('\n'),
    );
  }
}

// The job worker runs beside the web server, on the same database, unless CONCORD_NO_WORKER=1 (a deployment
// whose jobs run in `npm run worker` processes of their own: README, "Background jobs").
process.env.DATABASE_URL = url;
// And demo mode as decided here, for the processes the worker forks (each import's validation and apply): with
// DATABASE_URL set and DEMO_MODE unset they would take themselves for a deployment and find no secrets.
process.env.DEMO_MODE = String(env.DEMO_MODE);
const { startJobs } = await import('@/lib/server/jobs');
const boss = process.env.CONCORD_NO_WORKER === '1' ? null : await startJobs(url);
log(boss ? 'Job queue started' : 'No job worker here (CONCORD_NO_WORKER=1)');

// DEMO_MODE is passed on as decided here: the server gets DATABASE_URL even for the embedded database.
const serverEnv = { DATABASE_URL: url, DEMO_MODE: String(env.DEMO_MODE), NEXTAUTH_URL: env.NEXTAUTH_URL, PORT: String(env.PORT) };
let server: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  stopWatching?.();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  // Ctrl-C reaches PostgreSQL too (same process group): connection errors while stopping are expected.
  boss?.removeAllListeners('error');
  boss?.on('error', () => undefined);
  await boss?.stop({ graceful: true, timeout: 5000 }).catch(() => undefined);
  await embedded?.stop();
  log('Stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

await prebuild();
let stopWatching: (() => void) | undefined;

if (args.has('--dev')) {
  stopWatching = watchDocumentStylesheet(process.cwd(), log);
  server = spawn(process.execPath, [serveScript, '--dev'], { stdio: 'inherit', env: { ...process.env, ...serverEnv } });
} else {
  if (!buildIsCurrent()) {
    log('Building the portal (first start or sources changed)…');
    const fingerprint = sourceFingerprint();
    const code = await run(nextBin, ['build'], { NEXT_TELEMETRY_DISABLED: '1' });
    if (code !== 0) await shutdown(code);
    markBuilt(fingerprint);
  }
  server = spawn(process.execPath, [serveScript], {
    stdio: 'inherit',
    env: { ...process.env, ...serverEnv, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
}
log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s → ${env.NEXTAUTH_URL}`);
server.on('exit', (code) => void shutdown(code ?? 0));
