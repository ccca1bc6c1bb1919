import { closeDb, connectDb } from '@/db/client';
import { applyImport } from './apply-import';
import type { ImportProcessInput, ImportProcessResult } from './import-process';
import { validateImport } from './validate-import';

/** One import job in its own process (import-process.ts starts it): its own pool on the same database, one run, its report back. */
const input = JSON.parse(process.argv[2]!) as ImportProcessInput;
// The apply's coordinator and its two parts' backends, the stage's writes beside them.
connectDb(input.url, 6);
const now = new Date(input.now);
const started = process.cpuUsage();
try {
  const onBackend = (pid: number) => process.send!({ backendPid: pid });
  // Tests only: stop at a point of the two-phase commit, say so, and wait there to be killed.
  const onPhase = async (phase: 'prepared' | 'decided') => {
    if (phase !== input.holdAt) return;
    process.send!({ held: phase });
    await new Promise(() => undefined);
  };
  const report = input.kind === 'validate' ? await validateImport(input.batchId, { now, onBackend }) : await applyImport(input.batchId, { now, onBackend, onPhase });
  const cpu = process.cpuUsage(started);
  const result: ImportProcessResult = { report, maxRssMb: process.resourceUsage().maxRSS / 1024, cpuMs: (cpu.user + cpu.system) / 1000 };
  await new Promise((resolve) => process.send!(result, resolve));
} finally {
  await closeDb();
}
process.exit(0);
