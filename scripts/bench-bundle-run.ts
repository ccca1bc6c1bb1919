import fs from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import { closeDb, connectDb, getDb } from '@/db/client';
import { creditors } from '@/db/schema';
import { createEvidenceBundle, type StageTimer } from '@/lib/server/bundle/create-bundle';
import { makeCaseHistory } from '@/lib/testing/evidence-factory';
import { makeBorrower, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';

/**
 * One evidence bundle scenario, in a process of its own so that its memory is the bundle's alone
 * (scripts/lib/bench-evidence-bundle.ts runs it): a case with `files` evidence files of `megabytes` MB each and a
 * year of contacts (three a day) is made, then bundled RUNS + 1 times to a sink that discards the ZIP as a download
 * would; the first run is warm-up. Memory: the peak resident set (VmHWM, reset just before the runs) above the
 * resident set when the runs start. Prints one line of JSON.
 */
const [url, creditorId, filesArg, megabytesArg] = process.argv.slice(2) as [string, string, string, string];
const files = Number(filesArg);
const fileBytes = Math.round(Number(megabytesArg) * 1024 * 1024);
const RUNS = 3;
connectDb(url, 4);

const status = (field: 'VmRSS' | 'VmHWM') => Number(/\d+/.exec(fs.readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(field))!)![0]) / 1024;

const [creditor] = await getDb().select({ id: creditors.id }).from(creditors).where(eq(creditors.id, creditorId));
const supervisor = await makeStaff(getDb(), creditor!.id, 'supervisor');
const borrower = await makeBorrower(getDb(), { fullName: '压测借款人' });
const { case: kase } = await makeLoanWithCase(getDb(), creditor!.id, borrower.id, supervisor.id);
const { contacts } = await makeCaseHistory(getDb(), kase, { evidenceFiles: files, fileBytes, days: 365, contactsPerDay: 3, messages: 60, staffId: supervisor.id });
const ctx = { actor: { type: 'staff' as const, id: supervisor.id, role: 'supervisor' as const, creditorId: creditor!.id }, meta: { ip: null } };

const stages = new Map<string, { wallMs: number; cpuMs: number }>();
let timing = false;
const time: StageTimer = async (stage, work) => {
  if (!timing) return work();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  try {
    return await work();
  } finally {
    const used = process.cpuUsage(cpu);
    const into = stages.get(stage) ?? { wallMs: 0, cpuMs: 0 };
    into.wallMs += performance.now() - wall;
    into.cpuMs += (used.user + used.system) / 1000;
    stages.set(stage, into);
  }
};

const times: number[] = [];
const cpuTimes: number[] = [];
let bundleBytes = 0;
let rssBefore = 0;
let heapPeak = 0;
const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
for (let i = 0; i <= RUNS; i++) {
  if (i === 1) {
    // After the warm-up (fonts, signing key, code paths): the baseline, and the peak counted from here.
    global.gc?.();
    fs.writeFileSync('/proc/self/clear_refs', '5');
    rssBefore = status('VmRSS');
    heapPeak = 0;
    timing = true;
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  const bundle = await createEvidenceBundle(ctx, kase.id, { time });
  let written = 0;
  const streamed = performance.now();
  const streamCpu = process.cpuUsage();
  await pipeline(
    bundle.stream,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        done();
      },
    }),
  );
  if (written !== bundle.size) throw new Error(`bundle wrote ${written} bytes, announced ${bundle.size}`);
  bundleBytes = written;
  if (i > 0) {
    const used = process.cpuUsage(streamCpu);
    const into = stages.get('streaming the ZIP (file reads, hashing)') ?? { wallMs: 0, cpuMs: 0 };
    into.wallMs += performance.now() - streamed;
    into.cpuMs += (used.user + used.system) / 1000;
    stages.set('streaming the ZIP (file reads, hashing)', into);
    times.push(performance.now() - started);
    const all = process.cpuUsage(cpu);
    cpuTimes.push((all.user + all.system) / 1000);
  }
}
clearInterval(sampler);
const rssPeak = status('VmHWM');
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    files,
    fileMb: Number(megabytesArg),
    contacts,
    bundleBytes,
    runs: times.length,
    p50Ms: times[Math.floor(times.length / 2)],
    maxMs: times.at(-1),
    cpuP50Ms: cpuTimes[Math.floor(cpuTimes.length / 2)],
    rssBeforeMb: rssBefore,
    rssPeakMb: rssPeak,
    rssGrowthMb: rssPeak - rssBefore,
    heapPeakMb: heapPeak / 1024 / 1024,
    stages: Object.fromEntries([...stages].map(([stage, t]) => [stage, { wallMs: t.wallMs / times.length, cpuMs: t.cpuMs / times.length }])),
  }),
);
await closeDb();
process.exit(0);
