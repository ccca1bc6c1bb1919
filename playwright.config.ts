import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests against the production build, served by `npm start --fresh`
 * on its own port with its own embedded PostgreSQL under .test-data/e2e.
 * Debian's Chromium headless shell when it is installed (CI installs it); no browser is downloaded.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.resolve('.test-data/e2e');
process.env.E2E_DATA_DIR = dataDir;

// Debian's headless shell first: the same Blink without the browser around it. Three specs (13 tests) took 53 s of CPU
// in it against 88 s in the whole browser's headless mode, and the whole run 8.1 minutes against 13.5, with the same
// results (E2E_CHROMIUM picks another).
const systemChromium = [process.env.E2E_CHROMIUM ?? '', '/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));
const launchOptions = {
  ...(systemChromium ? { executablePath: systemChromium } : {}),
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: 'e2e',
  // Each test walks a whole flow, on two cores shared with the server, PostgreSQL and the other worker: the longest
  // took 58 s of the old 60 in CI. A test that hangs still fails at its first expectation (10 s).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  // A trace costs a quarter of the run's CPU even when it is thrown away (measured on two specs: 57 s against 77 s), and
  // CI keeps only the log: E2E_TRACE=1 records one for each failing test when a failure needs reading.
  use: { baseURL, trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off', locale: 'zh-CN', timezoneId: 'Asia/Shanghai', launchOptions },
  projects: [
    { name: 'borrower', testMatch: /borrower-.*\.spec\.ts/, use: { ...devices['Desktop Chrome'], viewport: { width: 360, height: 780 }, hasTouch: true, launchOptions } },
    { name: 'staff', testMatch: /staff-.*\.spec\.ts/, use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 900 }, launchOptions } },
    { name: 'platform', testMatch: /platform-.*\.spec\.ts/, use: { ...devices['Desktop Chrome'], launchOptions } },
    // The one spec that uses the real sign-in forms, for borrowers (at phone size) and staff alike.
    { name: 'sign-in', testMatch: /(^|\/)sign-in\.spec\.ts$/, use: { ...devices['Desktop Chrome'], launchOptions } },
  ],
  webServer: {
    command: 'node node_modules/tsx/dist/cli.mjs --import ./scripts/lib/server-only-shim.mjs scripts/start.ts --fresh',
    url: `${baseURL}/api/health`,
    timeout: 10 * 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_OPTIONS: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(port + 20000),
      NEXTAUTH_URL: baseURL,
      DEMO_MODE: 'true',
      LOG_LEVEL: 'warn',
    },
  },
});
