import 'server-only';
import pg from 'pg';
import { logger } from '../logger';
import { batchLockKey } from './import-lock';

/**
 * Recovery of an apply's two-phase commit (apply-import.ts): a process that died after its parts were prepared
 * leaves them holding their locks (and their rows unseen) until someone decides. The decision is the batch's
 * status: a batch recorded 'imported' gets its prepared parts committed, any other its parts rolled back. A batch
 * being applied right now (its advisory lock held by a live session) is left to that apply. Run before every apply,
 * when a worker starts, and when an import process is found dead (import-process.ts).
 */
export const preparedPrefix = 'concord-import:';

export type Resolved = { committed: string[]; rolledBack: string[] };

/** Resolves the prepared parts in this database; `held`: the batch whose lock the caller already holds. */
export async function resolvePreparedImports(client: pg.ClientBase, held?: string): Promise<Resolved> {
  const resolved: Resolved = { committed: [], rolledBack: [] };
  const { rows } = await client.query<{ gid: string }>(`select gid from pg_prepared_xacts where gid like $1 and database = current_database() order by gid`, [`${preparedPrefix}%`]);
  const byBatch = new Map<string, string[]>();
  for (const { gid } of rows) {
    const batchId = gid.slice(preparedPrefix.length).split(':')[0]!;
    byBatch.set(batchId, [...(byBatch.get(batchId) ?? []), gid]);
  }
  for (const [batchId, gids] of byBatch) {
    const own = batchId === held;
    if (!own) {
      const { rows: lock } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [batchLockKey(batchId)]);
      if (!lock[0]!.ok) continue;
    }
    try {
      // Read under the batch's lock: no apply can be recording its decision now.
      const { rows: batch } = await client.query<{ status: string }>('select status from import_batches where id::text = $1', [batchId]);
      const commit = batch[0]?.status === 'imported';
      for (const gid of gids) {
        try {
          await client.query(`${commit ? 'commit' : 'rollback'} prepared ${client.escapeLiteral(gid)}`);
          (commit ? resolved.committed : resolved.rolledBack).push(gid);
        } catch (error) {
          // Resolved meanwhile by another recovery (undefined_object): nothing left to do.
          if ((error as { code?: string }).code !== '42704') throw error;
        }
      }
    } finally {
      if (!own) await client.query('select pg_advisory_unlock($1)', [batchLockKey(batchId)]);
    }
  }
  if (resolved.committed.length || resolved.rolledBack.length) logger.warn(resolved, 'import parts left prepared by a process that died: resolved');
  return resolved;
}

/** The same, on a connection of its own to the database at `url` (a worker starting, a parent whose import process died). */
export async function resolvePreparedImportsAt(url: string): Promise<Resolved> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await resolvePreparedImports(client);
  } finally {
    await client.end();
  }
}
