import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

/**
 * A process that loads the embedded PostgreSQL keeps the exit code it set. The library's exit hook called
 * process.exit(0) when the event loop ran dry, so a failed integration run (vitest sets process.exitCode = 1 and
 * drains) ended with 0 and CI passed it (db/embedded.ts unhooks that).
 */
it('keeps the exit code a process set, once it runs out of work', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const run = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['--eval', "import('./db/embedded.ts').then(() => { process.exitCode = 3; });"], { cwd: root, encoding: 'utf8', timeout: 25_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(3);
});
