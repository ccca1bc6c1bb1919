import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, connectDb } from '@/db/client';
import { makeTempClusterDir, startEmbeddedPostgres, type EmbeddedDatabase } from '@/db/embedded';
import { checkHealth } from './check-health';

describe('health when the database goes away and comes back', () => {
  const dir = makeTempClusterDir('concord-health-');
  let cluster: EmbeddedDatabase | undefined;
  afterAll(async () => {
    await closeDb();
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports up, then down while PostgreSQL is stopped, then up again without a restart of the app', async () => {
    cluster = await startEmbeddedPostgres({ dir });
    connectDb(cluster.url);
    expect(await checkHealth()).toMatchObject({ database: 'up' });
    await cluster.stop();
    expect(await checkHealth()).toMatchObject({ database: 'down' });
    cluster = await startEmbeddedPostgres({ dir });
    expect(await checkHealth()).toMatchObject({ database: 'up' });
  });
});
