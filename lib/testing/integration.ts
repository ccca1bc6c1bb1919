import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '@/db/client';
import { createTestDatabase, type TestDatabase } from './db';

/**
 * An integration test's own database and data directory (where the demo signing identity is generated and files
 * are written), made before its tests and removed after them; with the text of a PDF as pdftotext extracts it
 * (whitespace removed: react-pdf breaks Chinese lines anywhere).
 */
export function databaseWithDataDir(prefix: string): { readonly db: Database; readonly url: string; readonly dir: string; pdfText: (bytes: Buffer) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let test: TestDatabase | undefined;
  beforeAll(async () => {
    process.env.DATA_DIR = dir;
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get db() {
      return test!.db;
    },
    get url() {
      return test!.url;
    },
    dir,
    pdfText(bytes: Buffer) {
      const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
      fs.writeFileSync(file, bytes);
      return execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    },
  };
}
