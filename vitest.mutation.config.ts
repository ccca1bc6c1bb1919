import { defineConfig } from 'vitest/config';

/**
 * The unit tests of lib/domain alone, for Stryker's mutation runs (npm run mutation; stryker.config.json), with
 * fast-check's property runs shortened (lib/testing/fast-check-for-mutation.ts). MUTATION_TESTS (comma-separated globs)
 * narrows the tests, for a run on one file: a mutant in code the tests reach while loading ("static") runs every test.
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^fast-check$/, replacement: `${import.meta.dirname}/lib/testing/fast-check-for-mutation.ts` },
      { find: /^@\//, replacement: `${import.meta.dirname}/` },
    ],
  },
  test: { include: process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(',') : ['lib/domain/**/*.test.ts'], environment: 'node' },
});
