import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/** An import from lib/domain that is not lib/domain (`./` without `..`, `@/lib/domain/`) or zod. */
const domainOnly = '^(?!(\\./|@/lib/domain/)(?!.*\\.\\.)|zod$)';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.data/**', 'public/vendor/**', '.bench-data/**', '.test-data/**', 'node_modules/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'reports/**', '.stryker-tmp/**', '.tmp/**', 'next-env.d.ts']),
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Playwright fixtures call their `use` callback, which is not React's use().
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // Plain documents (ADR 0007) are whole HTML pages rendered to a string outside the App
    // Router: their <head> is their own and their links are ordinary <a>, as next/link needs
    // the router they do not have. These two rules are written for pages that have it.
    files: ['components/document/**', 'app/(borrower)/_components/home-page.tsx', 'app/(borrower)/_components/loan-page.tsx', 'app/(borrower)/_components/borrower-document.tsx'],
    rules: { '@next/next/no-html-link-for-pages': 'off', '@next/next/no-head-element': 'off' },
  },
  {
    // Only the service layer may touch the database (CONVENTIONS.md, habit 1).
    files: ['app/**', 'components/**', 'lib/validation/**', 'lib/i18n/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/db/*', '**/db/client'], message: 'Read and write through lib/server services.' }] }],
    },
  },
  {
    // The domain is pure (DESIGN.md, Architecture): it imports only itself, by `./` or
    // `@/lib/domain/`, and zod, a pure library its policy schema is written in. Nothing of
    // the database, the framework, the services or the UI; no Node built-ins.
    files: ['lib/domain/**'],
    ignores: ['lib/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: domainOnly, message: 'lib/domain is pure: import only lib/domain (or zod).' }] }],
    },
  },
  {
    // The domain's tests add their test libraries, nothing else.
    files: ['lib/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: domainOnly.replace('zod$', '(zod|vitest|fast-check)$'), message: 'lib/domain is pure: its tests import lib/domain, vitest and fast-check.' }] }],
    },
  },
  {
    // The oracle (issue 10) is test-only: a second implementation of the arithmetic and the
    // random cases (fast-check) it is compared with the engine on; only tests import it.
    files: ['lib/domain/oracle/**'],
    ignores: ['lib/domain/oracle/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: domainOnly.replace('zod$', '(zod|fast-check)$'), message: 'the oracle imports lib/domain and fast-check only.' }] }],
    },
  },
  {
    // The database layer (schema, client, migrations) sits under the services: it never calls
    // them, nor the UI. Demo and bench data that need services are seeded from scripts/seed/.
    files: ['db/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/lib/server', '@/lib/server/*', '**/lib/server/*', '@/app/*', '@/components/*'], message: 'db/ is below the services: seed through scripts/seed/ when services are needed.' }] }],
    },
  },
  {
    // Services know nothing of Next or of React on the client: pages and actions turn their
    // results and typed errors into pages, redirects and 404s (app/_lib/or-not-found.ts).
    files: ['lib/server/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['next', 'next/*', 'next-auth/react', 'next-intl', 'react-dom', 'react-dom/*', '@/app/*', '@/components/*'], message: 'lib/server is framework-free: leave Next and the UI to app/.' }] }],
    },
  },
]);
