import fs from 'node:fs';
import { connectDb } from '@/db/client';
import { applyImport } from '@/lib/server/imports/apply-import';
import { confirmImport, uploadImport } from '@/lib/server/imports/import-batches';
import { validateImport } from '@/lib/server/imports/validate-import';

/**
 * One portfolio import, in a process of its own so that its peak memory is the importer's alone
 * (scripts/lib/bench-jobs.ts runs it): upload from the file as a stream, validation, confirmation, apply.
 * Prints one line of JSON.
 */
const [url, file, creditorId, adminId] = process.argv.slice(2) as [string, string, string, string];
connectDb(url, 4);
const ctx = { actor: { type: 'staff' as const, id: adminId, role: 'admin' as const, creditorId: null }, meta: {} };
const noQueue = async () => {};
// The heap in use, sampled: beside the peak RSS it tells the live data from what the collector has yet to give back.
let maxHeapMb = 0;
const sampler = setInterval(() => (maxHeapMb = Math.max(maxHeapMb, process.memoryUsage().heapUsed / 1024 / 1024)), 100);
const t0 = performance.now();
const { batchId } = await uploadImport(ctx, { creditorId, filename: 'bench.csv', encoding: 'auto', declaredSize: fs.statSync(file).size }, fs.createReadStream(file, { highWaterMark: 256 * 1024 }), { enqueue: noQueue });
const t1 = performance.now();
const validated = await validateImport(batchId);
const t2 = performance.now();
await confirmImport(ctx, batchId, { enqueue: noQueue });
const applied = await applyImport(batchId);
const t3 = performance.now();
clearInterval(sampler);
console.log(JSON.stringify({ uploadMs: t1 - t0, validateMs: t2 - t1, applyMs: t3 - t2, validated, applied, maxRssMb: process.resourceUsage().maxRSS / 1024, maxHeapMb }));
process.exit(0);
