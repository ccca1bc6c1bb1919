import { defineConfig } from 'vitest/config';

/** The unit tests of lib/domain alone, for Stryker's mutation runs (npm run mutation). */
export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: { include: ['lib/domain/**/*.test.ts'], environment: 'node' },
});
