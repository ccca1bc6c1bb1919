import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { closeDb, connectDb, type Database } from '@/db/client';

export type TestDatabase = { db: Database; url: string; name: string; drop: () => Promise<void> };

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function urlOf(name: string) {
  const url = new URL(inject('adminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, migrated database (cloned from the template), which the services' getDb() now uses. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `concord_test_${crypto.randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(options.migrated === false ? `create database ${name}` : `create database ${name} template ${inject('templateDatabase')}`));
  const url = urlOf(name);
  const db = connectDb(url);
  return {
    db,
    url,
    name,
    drop: async () => {
      await closeDb();
      await admin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
