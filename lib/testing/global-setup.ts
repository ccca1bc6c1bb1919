import fs from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { makeTempClusterDir, startEmbeddedPostgres } from '@/db/embedded';
import { applyMigrations } from '@/db/migrate';
import { assertSafeTestDatabase } from './guard';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

export const TEMPLATE = 'concord_test_template';

/**
 * One PostgreSQL for the integration run: embedded in a temporary directory on
 * its own port, or the server DATABASE_URL names (after the safety guard). A
 * migrated template database is cloned for every test file that wants a fresh one.
 */
export default async function setup(project: TestProject) {
  let adminUrl: string;
  let teardown: () => Promise<void>;
  if (process.env.DATABASE_URL) {
    assertSafeTestDatabase(process.env.DATABASE_URL);
    adminUrl = process.env.DATABASE_URL;
    teardown = async () => undefined;
  } else {
    const dir = makeTempClusterDir('concord-int-');
    const embedded = await startEmbeddedPostgres({ dir, persistent: false });
    adminUrl = embedded.adminUrl;
    teardown = async () => {
      await embedded.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${TEMPLATE} with (force)`);
  await client.query(`create database ${TEMPLATE}`);
  await client.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  await applyMigrations(templateUrl.toString());
  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', TEMPLATE);
  return teardown;
}
