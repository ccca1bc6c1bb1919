import { spawn } from 'node:child_process';

export type BundleRun = {
  files: number;
  fileMb: number;
  contacts: number;
  bundleBytes: number;
  runs: number;
  p50Ms: number;
  maxMs: number;
  cpuP50Ms: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssGrowthMb: number;
  heapPeakMb: number;
  stages: Record<string, { wallMs: number; cpuMs: number }>;
};
export type BundleBench = { goal: BundleRun; scenarios: BundleRun[]; heapLimitMb: number; under5s: boolean; memoryBounded: boolean; memorySpreadMb: number };

/** Scenarios: files × MB each. The first is the goal's case (50 evidence files of 1 MB); the others change one of the two by four. */
export const DEFAULT_BUNDLE_SCENARIOS: readonly (readonly [files: number, megabytes: number])[] = [
  [50, 1],
  [200, 1],
  [50, 4],
];

function runScenario(url: string, creditorId: string, files: number, megabytes: number, heapLimitMb?: number): Promise<BundleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', 'node_modules/tsx/dist/cli.mjs', '--import', './scripts/lib/server-only-shim.mjs', 'scripts/bench-bundle-run.ts', url, creditorId, String(files), String(megabytes)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: heapLimitMb ? `--expose-gc --max-old-space-size=${heapLimitMb}` : '--expose-gc' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      const lines = out.trim().split('\n');
      if (code === 0) resolve(JSON.parse(lines.at(-1)!) as BundleRun);
      else reject(new Error(`bundle run exited ${code}: ${out}`));
    });
  });
}

/**
 * The memory runs' heap limit: enough for the PDFs of a year of contacts, less than a bundle of 200 MB. Without a
 * limit V8 collects when it pleases, and the peak says more about that than about what the bundle holds.
 */
const HEAP_LIMIT_MB = 160;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * The evidence bundle of a heavy case (issue 18): a year of contacts (three a day, 1,095) and 50 evidence files of
 * 1 MB, bundled in a process of its own (scripts/bench-bundle-run.ts) to a sink that discards the ZIP as a download
 * would; then, for memory, the same again with the heap limited, and with four times the files, and with files
 * four times the size. The goal: under 5 s, and memory bounded — the process's peak resident set grows by about the
 * same whatever the bundle's size, because every file streams from the database a socket read at a time.
 */
export async function benchEvidenceBundle(url: string, creditorId: string, log: (message: string) => void, scenarios = DEFAULT_BUNDLE_SCENARIOS): Promise<BundleBench> {
  const describe = (run: BundleRun) =>
    `${run.files} files of ${run.fileMb} MB, ${run.contacts} contacts (${mb(run.bundleBytes)} MB): p50 ${run.p50Ms.toFixed(0)} ms, max ${run.maxMs.toFixed(0)} ms wall, ${run.cpuP50Ms.toFixed(0)} ms CPU; RSS ${run.rssBeforeMb.toFixed(0)} → peak ${run.rssPeakMb.toFixed(0)} MB (grew ${run.rssGrowthMb.toFixed(0)} MB), heap peak ${run.heapPeakMb.toFixed(0)} MB`;
  // Time: the goal's case, with the heap as the server has it.
  const [goalFiles, goalMb] = scenarios[0]!;
  const goal = await runScenario(url, creditorId, goalFiles, goalMb);
  log(`evidence bundle (time), ${describe(goal)}`);
  log(`  where the time goes (mean of ${goal.runs} runs, wall / CPU):`);
  for (const [stage, t] of Object.entries(goal.stages)) log(`    ${stage.padEnd(42)} ${t.wallMs.toFixed(0).padStart(6)} ms / ${t.cpuMs.toFixed(0).padStart(6)} ms`);
  // Memory: every scenario with the heap limited, so that the peak shows what the bundle holds.
  const results: BundleRun[] = [];
  for (const [files, megabytes] of scenarios) {
    const run = await runScenario(url, creditorId, files, megabytes, HEAP_LIMIT_MB);
    results.push(run);
    log(`evidence bundle (memory, heap limit ${HEAP_LIMIT_MB} MB), ${describe(run)}`);
  }
  // Bounded: four times the files, or files four times the size (150 MB more to copy), add less than 32 MB at the
  // peak over the goal's case (a smaller peak is the collector's timing, not the bundle: it counts as nothing added).
  const base = results[0]!.rssGrowthMb;
  const memorySpreadMb = Math.max(0, ...results.slice(1).map((r) => r.rssGrowthMb - base));
  const memoryBounded = memorySpreadMb < 32;
  const under5s = goal.maxMs < 5000;
  log(
    `evidence bundle goal: ${goal.files} files of ${goal.fileMb} MB and ${goal.contacts} contacts in p50 ${goal.p50Ms.toFixed(0)} ms, max ${goal.maxMs.toFixed(0)} ms (< 5 s: ${under5s ? 'met' : 'NOT met'}); peak RSS growth ${results.map((r) => `${r.files}×${r.fileMb} MB ${r.rssGrowthMb.toFixed(0)} MB`).join(', ')} (4× the bytes add ${memorySpreadMb.toFixed(0)} MB; bounded: ${memoryBounded ? 'yes' : 'NO'})`,
  );
  return { goal, scenarios: results, heapLimitMb: HEAP_LIMIT_MB, under5s, memoryBounded, memorySpreadMb };
}
