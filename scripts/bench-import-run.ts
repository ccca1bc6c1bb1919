import fs from 'node:fs';
import { connectDb, getPool } from '@/db/client';
import { confirmImport, uploadImport } from '@/lib/server/imports/import-batches';
import { runImportProcess } from '@/lib/server/imports/import-process';
import { clusterCpuMs } from './lib/pg-cpu';

/**
 * One portfolio import, in a process of its own so that its peak memory is the importer's alone
 * (scripts/lib/bench-jobs.ts runs it): upload from the file as a stream, then validation and apply as the worker
 * runs them (each in a process of its own, lib/server/imports/import-process.ts), with the confirmation between.
 * Prints one line of JSON: each step's wall-clock, the CPU time the importer and the database spent on it
 * (load-independent), and the importer's peak RSS (VmHWM of the validation's and the apply's processes; the
 * upload's is this process's, as it is the web server's in the app).
 */
const [url, file, creditorId, adminId] = process.argv.slice(2) as [string, string, string, string];
connectDb(url, 4);
const ctx = { actor: { type: 'staff' as const, id: adminId, role: 'admin' as const, creditorId: null }, meta: {} };
const noQueue = async () => {};
const dataDirectory = (await getPool().query<{ data_directory: string }>('show data_directory')).rows[0]!.data_directory;
const cpu = () => {
  const own = process.cpuUsage();
  return { node: (own.user + own.system) / 1000, pg: clusterCpuMs(dataDirectory) ?? NaN };
};
const step = async <T>(work: () => Promise<T>, own?: (result: T) => { cpuMs: number; maxRssMb: number }) => {
  const [c0, t0] = [cpu(), performance.now()];
  const result = await work();
  const [c1, t1] = [cpu(), performance.now()];
  const child = own?.(result);
  return { result, ms: t1 - t0, nodeCpuMs: c1.node - c0.node + (child?.cpuMs ?? 0), pgCpuMs: c1.pg - c0.pg, rssMb: Math.round(child?.maxRssMb ?? process.resourceUsage().maxRSS / 1024) };
};
const upload = await step(() => uploadImport(ctx, { creditorId, filename: 'bench.csv', encoding: 'auto', declaredSize: fs.statSync(file).size }, fs.createReadStream(file, { highWaterMark: 256 * 1024 }), { enqueue: noQueue }));
const batchId = upload.result.batchId;
const own = (r: { cpuMs: number; maxRssMb: number }) => r;
/**
 * With LOG_LEVEL=debug: what the database's busy backends are doing during a step, sampled every 50 ms (pg_stat_activity's
 * wait event, or 'cpu' when none): where the apply's two backends wait on each other, or on nothing.
 */
const waits = <T>(name: string, work: () => Promise<T>) => async () => {
  if (process.env.LOG_LEVEL !== 'debug') return work();
  const seen = new Map<string, number>();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { rows } = await getPool().query<{ w: string }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'cpu') as w from pg_stat_activity where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );
      for (const { w } of rows) seen.set(w, (seen.get(w) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    return await work();
  } finally {
    sampling = false;
    await sampler;
    console.error(`${name}: backends' samples (50 ms) ${JSON.stringify(Object.fromEntries([...seen].sort((a, b) => b[1] - a[1])))}`);
  }
};
const validate = await step(waits('validate', () => runImportProcess('validate', batchId, new Date(), { url })), own);
const apply = await step(
  waits('apply', async () => {
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    return runImportProcess('apply', batchId, new Date(), { url });
  }),
  own,
);
const steps = { upload, validate, apply };
console.log(
  JSON.stringify({
    uploadMs: upload.ms,
    validateMs: validate.ms,
    applyMs: apply.ms,
    cpu: Object.fromEntries(Object.entries(steps).map(([name, s]) => [name, { nodeMs: Math.round(s.nodeCpuMs), pgMs: Math.round(s.pgCpuMs), rssMb: s.rssMb }])),
    validated: validate.result.report,
    applied: apply.result.report,
    maxRssMb: Math.max(validate.rssMb, apply.rssMb),
  }),
);
process.exit(0);
