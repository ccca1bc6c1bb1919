import 'server-only';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkRows, type RowCheckInput, type RowResult } from './row-checks';

/**
 * The validation's per-row checks (row-checks.ts) in worker threads: a batch goes to the threads in turn and its
 * results come back as a promise, so the thread that reads the file goes on reading while they work. With no
 * threads, the same checks run in the calling thread (the tests compare the two).
 */
export type RowCheckers = { threads: number; check: (input: RowCheckInput) => Promise<RowResult[]>; close: () => Promise<void> };

/**
 * One thread: on 2 cores it takes the per-row checks (about 9 s of CPU for 100,000 rows) while the reading thread
 * (about 4 s: parsing, the cross-row and database checks), V8's collector and PostgreSQL's COPY share the other. A
 * second thread split the checks but cost more CPU in all and 90 MB more memory, and the cores were already busy.
 */
export const defaultCheckerThreads = () => Math.min(1, os.availableParallelism());

/**
 * A thread's heap: a batch's rows are garbage once checked, so a small young generation collects them often and
 * cheaply (by default each thread may let ~50 MB of it build up, which counts in the process's peak RSS).
 */
const workerLimits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };

export function rowCheckers(threads: number): RowCheckers {
  if (threads <= 0) return { threads: 0, check: async (input) => checkRows(input), close: async () => undefined };
  // From the project root, under the TypeScript loader and the server-only shim, as import-process.ts starts its
  // process; registered by the thread itself, as Node 20 gives a worker no --import and its entry file no hooks.
  const root = process.cwd();
  const url = (file: string) => JSON.stringify(pathToFileURL(path.join(root, file)).href);
  const boot = `import('tsx/esm/api').then((tsx) => tsx.register()).then(() => import(${url('scripts/lib/server-only-shim.mjs')})).then(() => import(${url('lib/server/imports/validate-worker.ts')}))`;
  const pending = new Map<number, { resolve: (r: RowResult[]) => void; reject: (e: Error) => void; worker: Worker }>();
  let nextId = 0;
  const failAll = (worker: Worker, error: Error) => {
    for (const [id, p] of pending) {
      if (p.worker !== worker) continue;
      pending.delete(id);
      p.reject(error);
    }
  };
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(boot, { eval: true, resourceLimits: workerLimits });
    worker.on('message', (m: { id: number; results?: RowResult[]; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.results) p.resolve(m.results);
      else p.reject(new Error(`row checks failed: ${m.error}`));
    });
    worker.on('error', (error) => failAll(worker, error));
    worker.on('exit', (code) => failAll(worker, new Error(`row checker thread ended (${code})`)));
    return worker;
  });
  return {
    threads,
    check: (input) =>
      new Promise<RowResult[]>((resolve, reject) => {
        const id = nextId++;
        const worker = workers[id % workers.length]!;
        pending.set(id, { resolve, reject, worker });
        worker.postMessage({ id, input });
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
