import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': import.meta.dirname, 'server-only': path.join(import.meta.dirname, 'lib/testing/server-only-noop.ts') };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**', '.stryker-tmp/**'],
          environment: 'node',
          testTimeout: 30_000,
          // Most of a unit file's time is starting its worker and importing its modules: worker threads start faster
          // than processes, and two run at once on two cores (vitest's default would be one). 52 s against 90 s
          // with one process at a time (`time npx vitest run --project unit`, 2026-12-02).
          pool: 'threads',
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**', '.stryker-tmp/**'],
          environment: 'node',
          globalSetup: ['lib/testing/global-setup.ts'],
          setupFiles: ['lib/testing/setup-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Files run side by side: each clones its own database from the template (lib/testing/db.ts), and anything
          // that reads the whole cluster (pg_stat_activity, pg_prepared_xacts) looks at its own database only. Two at a
          // time even on two cores (vitest's default is one fewer than the cores): a file spends much of its time waiting
          // on PostgreSQL (206 s against 306 s one at a time, in CI).
          maxWorkers: 2,
        },
      },
    ],
  },
});
