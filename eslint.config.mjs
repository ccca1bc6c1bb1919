import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.data/**', 'public/vendor/**', '.bench-data/**', '.test-data/**', 'node_modules/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
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
    files: ['app/**', 'components/**', 'lib/domain/**', 'lib/validation/**', 'lib/i18n/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/db/*', '**/db/client'], message: 'Read and write through lib/server services.' }] }],
    },
  },
]);
