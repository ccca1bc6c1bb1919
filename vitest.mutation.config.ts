import { defineConfig } from 'vitest/config';

/**
 * The unit tests of lib/domain alone, for Stryker's mutation runs (npm run mutation; stryker.config.json), with
 * fast-check's property runs shortened (lib/testing/fast-check-for-mutation.ts).
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^fast-check$/, replacement: `${import.meta.dirname}/lib/testing/fast-check-for-mutation.ts` },
      { find: /^@\//, replacement: `${import.meta.dirname}/` },
    ],
  },
  test: { include: ['lib/domain/**/*.test.ts'], environment: 'node' },
});
