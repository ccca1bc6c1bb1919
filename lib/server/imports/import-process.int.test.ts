import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, importBatches, loans } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { makeCreditor, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { writePortfolioFile } from '@/scripts/lib/portfolio-file';
import type { Ctx } from '../actor';
import { applyImport } from './apply-import';
import { confirmImport, uploadImport } from './import-batches';
import { runImportProcess } from './import-process';

/**
 * The import's jobs as the worker runs them, each in a process of its own (import-process.ts): the reports come
 * back with the process's peak memory; a process killed in the middle of the apply leaves nothing of the batch,
 * which is marked failed and can be confirmed again.
 */
const now = new Date('2026-06-15T04:00:00Z');
const noQueue = async () => {};
let test: TestDatabase;
let dir: string;
beforeAll(async () => {
  test = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-import-process-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await test.drop();
});

async function uploaded(rows: number, offset: number) {
  const creditor = await makeCreditor(test.db);
  const admin = await makeStaff(test.db, creditor.id, 'admin');
  const ctx: Ctx = { actor: { type: 'staff', id: admin.id, role: 'admin', creditorId: creditor.id }, meta: {} };
  const file = path.join(dir, `portfolio-${offset}.csv`);
  writePortfolioFile(file, rows, offset, creditor.code);
  const { batchId } = await uploadImport(ctx, { creditorId: creditor.id, filename: 'portfolio.csv', encoding: 'auto', declaredSize: null }, fs.createReadStream(file), { enqueue: noQueue });
  return { ctx, batchId, creditorId: creditor.id };
}

const loansOf = async (creditorId: string) => (await test.db.execute<{ n: number }>(sql`select count(*)::int as n from ${loans} where creditor_id = ${creditorId}`)).rows[0]!.n;

describe('the import jobs in their own process', () => {
  it('validate and apply a file, and report what the process used', { timeout: 120_000 }, async () => {
    const { ctx, batchId, creditorId } = await uploaded(200, 910_000);
    const validated = await runImportProcess('validate', batchId, now, { url: test.url });
    expect(validated.report).toMatchObject({ status: 'previewed', read: 200, valid: 200, invalid: 0 });
    expect(validated.maxRssMb).toBeGreaterThan(20);
    expect(validated.cpuMs).toBeGreaterThan(0);
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    const applied = await runImportProcess('apply', batchId, now, { url: test.url });
    expect(applied.report).toMatchObject({ status: 'imported', imported: 200, casesOpened: 200 });
    expect(await loansOf(creditorId)).toBe(200);
  });

  it('run in the demo mode of the process that starts them, with the demo secrets from DATA_DIR (as npm start leaves the environment)', { timeout: 120_000 }, async () => {
    const { batchId } = await uploaded(20, 915_000);
    // This process decided its mode at its start, as npm start does (getEnv is read once).
    expect(getEnv().DEMO_MODE).toBe(true);
    // npm start decides demo mode with no DATABASE_URL, then sets DATABASE_URL for the embedded database; the secrets
    // are in DATA_DIR's secrets.json, not in the environment. A forked process deciding for itself found a deployment
    // without secrets: every import uploaded in the demo was refused as "cannot be read as CSV".
    const names = ['DATABASE_URL', 'DEMO_MODE', 'AUTH_SECRET', 'CONCORD_ENCRYPTION_KEY', 'DATA_DIR'] as const;
    const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
    const dataDir = fs.mkdtempSync(path.join(dir, 'data-'));
    try {
      process.env.DATABASE_URL = test.url;
      process.env.DATA_DIR = dataDir;
      for (const name of ['DEMO_MODE', 'AUTH_SECRET', 'CONCORD_ENCRYPTION_KEY'] as const) delete process.env[name];
      const validated = await runImportProcess('validate', batchId, now, { url: test.url });
      expect(validated.report).toMatchObject({ status: 'previewed', read: 20, valid: 20, invalid: 0 });
      expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(true);
    } finally {
      for (const name of names) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });

  it('killed in the middle of the apply, leave nothing of the batch, marked failed; confirmed again, it imports', { timeout: 180_000 }, async () => {
    const { ctx, batchId, creditorId } = await uploaded(4000, 920_000);
    expect((await runImportProcess('validate', batchId, now, { url: test.url })).report.status).toBe('previewed');
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    let child: ChildProcess | null = null;
    const applying = runImportProcess('apply', batchId, now, { url: test.url, onSpawn: (c) => (child = c) });
    applying.catch(() => undefined);
    // Killed once it has written borrowers and is past them (its stage is written outside its transaction).
    let stage: string | null = null;
    for (let i = 0; i < 3000 && !['loans', 'schedules', 'payments', 'cases'].includes(stage ?? ''); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      stage = (await test.db.select({ stage: importBatches.stage }).from(importBatches).where(eq(importBatches.id, batchId)))[0]!.stage;
    }
    expect(['loans', 'schedules', 'payments', 'cases']).toContain(stage);
    (child as ChildProcess | null)!.kill('SIGKILL');
    await expect(applying).rejects.toThrow(/no report/);
    const [batch] = await test.db.select().from(importBatches).where(eq(importBatches.id, batchId));
    expect(batch).toMatchObject({ status: 'failed', problem: { key: 'applyFailed' }, rowsImported: 0 });
    expect(await loansOf(creditorId)).toBe(0);
    const borrowersOfFile = await test.db.execute<{ n: number }>(sql`select count(*)::int as n from borrowers b join import_rows r on r.resident_id_hash = b.resident_id_hash where r.batch_id = ${batchId}`);
    expect(borrowersOfFile.rows[0]!.n).toBe(0);

    await confirmImport(ctx, batchId, { enqueue: noQueue });
    expect(await applyImport(batchId, { now })).toMatchObject({ status: 'imported', imported: 4000 });
    expect(await loansOf(creditorId)).toBe(4000);
  });

  // The apply's two halves are joined by two-phase commit (apply-import.ts): killed once both are prepared but before
  // the decision, nothing of the batch is imported; killed once the decision is recorded, all of it is.
  const prepared = async () => (await test.db.execute<{ gid: string }>(sql`select gid from pg_prepared_xacts where gid like 'concord-import:%' and database = current_database()`)).rows;
  const appliedEvents = async (batchId: string) => (await test.db.select().from(auditEvents).where(sql`${auditEvents.action} = 'import.applied' and ${auditEvents.entityId} = ${batchId}`)).length;
  const killedAt = async (holdAt: 'prepared' | 'decided', rows: number, offset: number) => {
    const { ctx, batchId, creditorId } = await uploaded(rows, offset);
    expect((await runImportProcess('validate', batchId, now, { url: test.url })).report.status).toBe('previewed');
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    let child: ChildProcess | null = null;
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const applying = runImportProcess('apply', batchId, now, { url: test.url, holdAt, onSpawn: (c) => (child = c), onHeld: () => held() });
    applying.catch(() => undefined);
    await holding;
    // Both halves are prepared and still there: neither committed nor gone.
    expect((await prepared()).map((p) => p.gid).sort()).toEqual([`concord-import:${batchId}:0`, `concord-import:${batchId}:1`]);
    expect(await loansOf(creditorId)).toBe(0);
    (child as ChildProcess | null)!.kill('SIGKILL');
    await expect(applying).rejects.toThrow(/no report/);
    expect(await prepared()).toEqual([]);
    return { ctx, batchId, creditorId };
  };

  it('killed after both halves are prepared, before the decision: nothing of the batch, marked failed; confirmed again, it imports', { timeout: 180_000 }, async () => {
    const { ctx, batchId, creditorId } = await killedAt('prepared', 600, 930_000);
    const [batch] = await test.db.select().from(importBatches).where(eq(importBatches.id, batchId));
    expect(batch).toMatchObject({ status: 'failed', problem: { key: 'applyFailed' }, rowsImported: 0 });
    expect(await loansOf(creditorId)).toBe(0);
    expect(await appliedEvents(batchId)).toBe(0);
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    expect(await applyImport(batchId, { now })).toMatchObject({ status: 'imported', imported: 600, casesOpened: 600 });
    expect(await loansOf(creditorId)).toBe(600);
  });

  it('killed after the decision is recorded, before the halves commit: all of the batch, once', { timeout: 180_000 }, async () => {
    const { batchId, creditorId } = await killedAt('decided', 600, 940_000);
    const [batch] = await test.db.select().from(importBatches).where(eq(importBatches.id, batchId));
    expect(batch).toMatchObject({ status: 'imported', rowsImported: 600, casesOpened: 600, invitationsQueued: 600 });
    expect(await loansOf(creditorId)).toBe(600);
    expect(await appliedEvents(batchId)).toBe(1);
    const cases = await test.db.execute<{ n: number }>(sql`select count(*)::int as n from cases where creditor_id = ${creditorId}`);
    expect(cases.rows[0]!.n).toBe(600);
  });
});
