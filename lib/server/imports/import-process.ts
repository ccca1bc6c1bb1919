import 'server-only';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { getPool, resolveDatabaseUrl } from '@/db/client';
import { getEnv } from '@/lib/env';
import { logger } from '../logger';
import type { ApplyReport } from './apply-import';
import { resolvePreparedImportsAt } from './prepared-imports';
import type { ValidationReport } from './validate-import';

/**
 * The portfolio import's jobs (validation, apply) each run in a process of their own, started by the worker that
 * took the job: the import's memory is then its own, measured and bounded apart from the web server and the other
 * jobs, and given back whole when it ends. V8 is told to grow its heap by at most a quarter over what survives a
 * collection (--heap-growing-percent): by default it lets garbage reach about three times the live data before it
 * collects, which took 100,000 rows to 460 MB of RSS for about 90 MB of live data (the file's contracts, people and
 * phones seen so far, the rows in flight); collecting sooner costs no more CPU here. The old generation is capped
 * with room for the largest file taken (300,000 rows), and the young generation kept small (4 MB semi-spaces: a batch's
 * rows are garbage once staged; 100,000 rows peaked 25 MB lower with the same CPU). A process that dies mid-apply leaves its transaction to
 * roll back, but its server process would run the statement in hand to its end before it noticed, holding the
 * batch's lock meanwhile (a second apply would find it taken and skip): its server processes are ended here at once,
 * the batch marked failed unless its decision was recorded, and the parts it left prepared resolved by that decision
 * (prepared-imports.ts): rolled back, to be confirmed again, or committed. A failed validation is ended the same way and retried by the queue.
 */
export const importProcessFlags = ['--heap-growing-percent=25', '--max-semi-space-size=4', '--max-old-space-size=512'];

export type ImportProcessInput = {
  kind: 'validate' | 'apply';
  batchId: string;
  now: string;
  url: string;
  /** Tests only: the apply stops at this point of its two-phase commit (and tells its parent), to be killed there. */
  holdAt?: 'prepared' | 'decided';
};
export type ImportProcessResult = { report: ValidationReport | ApplyReport; maxRssMb: number; cpuMs: number };

/** Ends a dead import process's server process and waits until it is gone (its transaction rolled back, its locks released). */
async function endBackend(pid: number) {
  const pool = getPool();
  await pool.query('select pg_terminate_backend($1)', [pid]);
  for (let i = 0; i < 200; i++) {
    const { rows } = await pool.query('select 1 from pg_stat_activity where pid = $1', [pid]);
    if (!rows.length) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function runImportProcess(
  kind: ImportProcessInput['kind'],
  batchId: string,
  now: Date,
  options: { url?: string; onSpawn?: (child: ChildProcess) => void; holdAt?: ImportProcessInput['holdAt']; onHeld?: () => void } = {},
): Promise<ImportProcessResult> {
  // From the project root (where `npm start` and `npm run worker` run), not import.meta.url: this module is also in
  // the web server's bundle (by way of the job list), where a bundler would take `new URL(…, import.meta.url)` for an asset.
  const root = process.cwd();
  const entry = path.join(root, 'lib/server/imports/import-process-entry.ts');
  // The TypeScript loader (tsx) and the server-only shim, as `npm run worker` runs under them (scripts/lib/server-only-shim.mjs).
  const loader = ['--import', 'tsx', '--import', path.join(root, 'scripts/lib/server-only-shim.mjs')];
  const input: ImportProcessInput = { kind, batchId, now: now.toISOString(), url: options.url ?? resolveDatabaseUrl(), ...(options.holdAt ? { holdAt: options.holdAt } : {}) };
  try {
    return await new Promise<ImportProcessResult>((resolve, reject) => {
      let result: ImportProcessResult | null = null;
      const backendPids: number[] = [];
      const fail = async (error: Error) => {
        await Promise.all(backendPids.map((pid) => endBackend(pid).catch(() => undefined)));
        reject(error);
      };
      // Demo mode as this process decided it: `npm start` sets DATABASE_URL for the embedded database, and a process
      // that finds DATABASE_URL without DEMO_MODE takes itself for a deployment, with no secrets (the demo's are in DATA_DIR).
      const env = { ...process.env, DEMO_MODE: String(getEnv().DEMO_MODE) };
      const child = fork(entry, [JSON.stringify(input)], { execArgv: [...loader, ...importProcessFlags], stdio: 'inherit', env });
      options.onSpawn?.(child);
      child.on('message', (message: ImportProcessResult | { backendPid: number } | { held: string }) => {
        if ('backendPid' in message) backendPids.push(message.backendPid);
        else if ('held' in message) options.onHeld?.();
        else result = message;
      });
      child.on('error', (error) => void fail(error));
      child.on('exit', (code, signal) => (result ? resolve(result) : void fail(new Error(`import ${kind} process ended (${signal ?? code}) with no report`))));
    });
  } catch (error) {
    logger.error({ batchId, kind, err: { name: (error as Error).name, message: (error as Error).message } }, 'import process failed');
    if (kind === 'apply') {
      // Not decided (still 'importing'): failed, and its prepared parts rolled back; decided: its parts committed.
      await getPool().query(`update import_batches set status = 'failed', stage = null, problem = $2, updated_at = now() where id = $1 and status = 'importing'`, [batchId, JSON.stringify({ key: 'applyFailed' })]);
      await resolvePreparedImportsAt(input.url).catch((recovery: Error) => logger.error({ batchId, err: { message: recovery.message } }, 'import recovery failed'));
    }
    throw error;
  }
}
