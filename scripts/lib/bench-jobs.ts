import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { closeDb, connectDb, getDb, getPool } from '@/db/client';
import { applyMigrations } from '@/db/migrate';
import { creditors, staffUsers } from '@/db/schema';
import { defaultPolicy } from '@/lib/domain/policy';
import { clusterCpuMs } from './pg-cpu';
import { writePortfolioFile } from './portfolio-file';
import { simulateMonth, type MonthReport } from './simulate-month';

/**
 * The jobs' part of `npm run bench` (issue 16), each in a database of its own on the bench's cluster, created
 * and dropped here: a portfolio import of N rows (upload, validation, apply; the importer in a child process
 * for its peak memory) beside a plain COPY of the same file into a table of text columns, in the same run; and
 * a simulated month of reminders for M borrowers.
 */
export type ImportBench = { rows: number; fileMb: number; uploadS: number; validateS: number; applyS: number; totalS: number; rowsPerSecond: number; plainCopyS: number; plainCopyRowsPerSecond: number; maxRssMb: number; cpu: ImportCpu; imported: number; invalid: number };
/** CPU time in ms of the importer's process (all its threads) and of the database, per step: what the load does not change. */
export type ImportCpu = Record<'upload' | 'validate' | 'apply', { nodeMs: number; pgMs: number; rssMb: number }>;

async function withDatabase<T>(adminUrl: string, name: string, run: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await applyMigrations(url.toString());
    return await run(url.toString());
  } finally {
    await closeDb().catch(() => undefined);
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

export async function benchImport(adminUrl: string, rows: number, log: (m: string) => void): Promise<ImportBench> {
  const file = path.join(os.tmpdir(), `concord-bench-portfolio-${process.pid}.csv`);
  writePortfolioFile(file, rows, 0, 'BENCH');
  const fileMb = fs.statSync(file).size / 1024 / 1024;
  log(`import: ${rows} rows, ${fileMb.toFixed(1)} MB`);
  try {
    return await withDatabase(adminUrl, 'concord_bench_import', async (url) => {
      connectDb(url, 4);
      const [creditor] = await getDb()
        .insert(creditors)
        .values({ code: 'BENCH', name: '基准银行', nameEn: 'Bench Bank', creditCode: '91330000MA0000000X', registeredAddress: '基准地址', servicePhone: '95500', court: '基准法院', policy: defaultPolicy })
        .returning();
      const [admin] = await getDb().insert(staffUsers).values({ creditorId: null, email: 'bench-admin@concord.invalid', name: '基准管理员', role: 'admin', passwordHash: 'x' }).returning();
      await closeDb();

      // The plain COPY of the same bytes into 16 text columns: the floor any importer stands on.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`create unlogged table bench_plain (${Array.from({ length: 16 }, (_, i) => `c${i} text`).join(', ')})`);
      const c0 = performance.now();
      await pipeline(fs.createReadStream(file), client.query(copyFrom(`copy bench_plain from stdin with (format csv, header true)`)));
      const plainCopyS = (performance.now() - c0) / 1000;
      await client.query('drop table bench_plain');
      await client.end();
      log(`import: plain COPY ${plainCopyS.toFixed(2)} s`);

      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--import', './scripts/lib/server-only-shim.mjs', 'scripts/bench-import-run.ts', url, file, creditor!.id, admin!.id], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', (code) => {
          const lines = out.trim().split('\n');
          // The run's own log lines (LOG_LEVEL=debug shows the apply's stages) go to stderr; its result is the last line.
          if (lines.length > 1) process.stderr.write(`${lines.slice(0, -1).join('\n')}\n`);
          if (code === 0) resolve(lines.at(-1)!);
          else reject(new Error(`import run exited ${code}: ${out}`));
        });
      });
      const run = JSON.parse(output) as { uploadMs: number; validateMs: number; applyMs: number; cpu: ImportCpu; validated: { valid: number; invalid: number }; applied: { imported: number; status: string }; maxRssMb: number };
      if (run.applied.status !== 'imported') throw new Error(`the bench import did not apply: ${output}`);
      const totalS = (run.uploadMs + run.validateMs + run.applyMs) / 1000;
      return {
        rows,
        fileMb,
        uploadS: run.uploadMs / 1000,
        validateS: run.validateMs / 1000,
        applyS: run.applyMs / 1000,
        totalS,
        rowsPerSecond: Math.round(rows / totalS),
        plainCopyS,
        plainCopyRowsPerSecond: Math.round(rows / plainCopyS),
        maxRssMb: Math.round(run.maxRssMb),
        cpu: run.cpu,
        imported: run.applied.imported,
        invalid: run.validated.invalid,
      };
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export type MonthBench = MonthReport & { cpu: { nodeS: number; pgS: number } };

export async function benchMonth(adminUrl: string, borrowers: number, log: (m: string) => void): Promise<MonthBench> {
  return withDatabase(adminUrl, 'concord_bench_month', async (url) => {
    const db = connectDb(url, 4);
    log(`simulated month: ${borrowers} borrowers`);
    // CPU time of the simulation (this process: the jobs' code) and of the database, beside the wall-clock.
    const dataDirectory = (await getPool().query<{ data_directory: string }>('show data_directory')).rows[0]!.data_directory;
    const [node0, pg0] = [process.cpuUsage(), clusterCpuMs(dataDirectory) ?? NaN];
    const report = await simulateMonth(db, { borrowers, log: (m) => log(`simulated month: ${m}`) });
    const node = process.cpuUsage(node0);
    return { ...report, cpu: { nodeS: (node.user + node.system) / 1e6, pgS: ((clusterCpuMs(dataDirectory) ?? NaN) - pg0) / 1000 } };
  });
}

export function printImport(r: ImportBench) {
  console.log(`\nportfolio import, ${r.rows} rows (${r.fileMb.toFixed(1)} MB): upload ${r.uploadS.toFixed(1)} s, validate ${r.validateS.toFixed(1)} s, apply ${r.applyS.toFixed(1)} s = ${r.totalS.toFixed(1)} s, ${r.rowsPerSecond} rows/s; importer peak RSS ${r.maxRssMb} MB (VmHWM of the validation's process ${r.cpu.validate.rssMb} MB, the apply's ${r.cpu.apply.rssMb} MB; the upload's, in the web server, ${r.cpu.upload.rssMb} MB)`);
  const c = r.cpu;
  const sum = (k: 'nodeMs' | 'pgMs') => (c.upload[k] + c.validate[k] + c.apply[k]) / 1000;
  console.log(`CPU time (load-independent): importer ${sum('nodeMs').toFixed(1)} s (upload ${(c.upload.nodeMs / 1000).toFixed(1)}, validate ${(c.validate.nodeMs / 1000).toFixed(1)}, apply ${(c.apply.nodeMs / 1000).toFixed(1)}), PostgreSQL ${sum('pgMs').toFixed(1)} s (upload ${(c.upload.pgMs / 1000).toFixed(1)}, validate ${(c.validate.pgMs / 1000).toFixed(1)}, apply ${(c.apply.pgMs / 1000).toFixed(1)})`);
  console.log(`plain COPY of the same file (16 text columns): ${r.plainCopyS.toFixed(2)} s, ${r.plainCopyRowsPerSecond} rows/s — the importer at ${((r.plainCopyS / r.totalS) * 100).toFixed(1)}% of it`);
  console.log(`goal: 100,000 rows under 30 s ${r.rows >= 100_000 && r.totalS < 30 ? 'met' : r.rows < 100_000 ? 'n/a (fewer rows)' : 'NOT met'}; memory under 300 MB ${r.maxRssMb < 300 ? 'met' : 'NOT met'}`);
}

export function printMonth(m: MonthBench) {
  console.log(`\nsimulated month, ${m.borrowers} borrowers, ${m.steps} steps of 15 min: ${m.seconds.toFixed(1)} s (reminder job ${m.reminderSeconds.toFixed(1)} s, dispatcher ${m.dispatchSeconds.toFixed(1)} s); CPU time (load-independent, with the seeding and the checks): jobs ${m.cpu.nodeS.toFixed(1)} s, PostgreSQL ${m.cpu.pgS.toFixed(1)} s`);
  console.log(`reminders expected ${m.remindersExpected}, queued ${m.remindersQueued}, sent ${m.sent}, waiting past the month ${m.deferredPastEnd}, deferrals ${m.deferrals}; sent outside the allowed hours ${m.sentOutsideHours}, lost ${m.lost}, duplicates ${m.duplicates}`);
  const met = m.sentOutsideHours === 0 && m.lost === 0 && m.duplicates === 0 && m.remindersQueued === m.remindersExpected && m.sent + m.deferredPastEnd === m.remindersQueued;
  console.log(`goal: zero messages outside the allowed windows, none lost (every expected reminder queued once, sent or waiting for its next allowed moment) ${met ? 'met' : 'NOT met'}`);
}
