import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, connectDb, type Database } from '@/db/client';
import { makeTempClusterDir, startEmbeddedPostgres } from '@/db/embedded';
import { applyMigrations } from '@/db/migrate';
import { creditors, importBatches } from '@/db/schema';
import { defaultPolicy } from '@/lib/domain/policy';
import { makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { writePortfolioFile } from '@/scripts/lib/portfolio-file';
import type { Ctx } from '../actor';
import { applyImport, partFilters } from './apply-import';
import { confirmImport, uploadImport } from './import-batches';
import { resolvePreparedImports } from './prepared-imports';
import { validateImport } from './validate-import';

/**
 * The apply in two backends joined by two-phase commit (apply-import.ts) against the same file applied in one:
 * the same borrowers, loans, payments, cases, invitations, dashboard facts, batch counts and audit entry. And the
 * recovery of parts left prepared (prepared-imports.ts).
 */
const now = new Date('2026-06-15T04:00:00Z');
const noQueue = async () => {};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-apply-parts-'));
const file = path.join(dir, 'portfolio.csv');
const reimport = path.join(dir, 'reimport.csv');
// 1,500 new loans; then a re-import: the same rows, 200 of them with a new address, and 300 loans more.
writePortfolioFile(file, 1500, 950_000, 'PARTS');
writePortfolioFile(reimport, 1800, 950_000, 'PARTS');
fs.writeFileSync(reimport, fs.readFileSync(reimport, 'utf8').split('\r\n').map((line, i) => (i >= 1 && i <= 200 ? line.replace('文三路', '文二路') : line)).join('\r\n'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let open: TestDatabase | null = null;
afterAll(async () => open?.drop());

/** A creditor with a fixed code and names (the invitations name it): the same in every database. */
async function creditorOf(db: Database, code: string, name: string, nameEn: string) {
  const [creditor] = await db.insert(creditors).values({ code, name, nameEn, creditCode: '91330000MA0000000X', registeredAddress: '测试地址', servicePhone: '95500', court: '测试法院', policy: defaultPolicy }).returning();
  return creditor!;
}

/**
 * A creditor of its own (code `code`) with an admin, and a generated file of `rows` rows (row numbers from `offset`)
 * uploaded and checked: the batch, ready to confirm.
 */
async function checkedBatch(db: Database, [code, name, nameEn]: [string, string, string], rows: number, offset: number) {
  const creditor = await creditorOf(db, code, name, nameEn);
  const staff = await makeStaff(db, creditor.id, 'admin');
  const ctx: Ctx = { actor: { type: 'staff', id: staff.id, role: 'admin', creditorId: creditor.id }, meta: {} };
  const file = path.join(dir, `${code.toLowerCase()}.csv`);
  writePortfolioFile(file, rows, offset, code);
  const { batchId } = await uploadImport(ctx, { creditorId: creditor.id, filename: path.basename(file), encoding: 'auto', declaredSize: null }, fs.createReadStream(file), { enqueue: noQueue });
  expect((await validateImport(batchId, { now })).status).toBe('previewed');
  return { creditor, ctx, batchId };
}

/** Everything the batch wrote, without the ids and moments that differ between two databases, in a fixed order. */
async function written(test: TestDatabase, batchId: string) {
  const json = async (query: ReturnType<typeof sql>) => (await test.db.execute<{ j: unknown }>(query)).rows[0]!.j;
  const contract = sql.raw(`(select contract_no from loans l where l.id = t.loan_id)`);
  const caseContract = sql.raw(`(select contract_no from loans l join cases k on k.loan_id = l.id where k.id = t.case_id)`);
  return {
    batch: await json(sql`select to_jsonb(t) - 'id' - 'creditor_id' - 'uploaded_by' - 'confirmed_by' - 'sha256' - 'created_at' - 'updated_at' - 'confirmed_at' - 'validated_at' - 'finished_at' as j from import_batches t where t.id = ${batchId}`),
    audit: await json(sql`select jsonb_agg((t.data - 'creditorId') order by t.seq) as j from audit_events t where t.action = 'import.applied' and t.entity_id = ${batchId}`),
    borrowers: await json(sql`select jsonb_agg(to_jsonb(t) - 'id' - 'created_at' - 'resident_id_enc' order by t.resident_id_hash) as j from borrowers t`),
    loans: await json(
      sql`select jsonb_agg(to_jsonb(t) - 'id' - 'creditor_id' - 'borrower_id' - 'import_batch_id' - 'created_at' - 'updated_at' || jsonb_build_object('borrower', (select resident_id_hash from borrowers b where b.id = t.borrower_id)) order by t.contract_no) as j from loans t`,
    ),
    payments: await json(
      sql`select jsonb_agg(to_jsonb(t) - 'id' - 'loan_id' - 'recorded_by_id' - 'created_at' || jsonb_build_object('contract', ${contract}, 'reference', replace(t.reference, (select creditor_id::text from import_batches where id = ${batchId}), '#creditor')) order by t.reference) as j from payments t`,
    ),
    cases: await json(
      sql`select jsonb_agg(to_jsonb(t) - 'id' - 'creditor_id' - 'borrower_id' - 'loan_id' - 'case_no' - 'invite_code' - 'created_at' - 'updated_at' || jsonb_build_object('contract', ${contract}, 'line', right(t.case_no, 6)) order by ${contract}) as j from cases t`,
    ),
    notifications: await json(
      sql`select jsonb_agg(to_jsonb(t) - 'id' - 'recipient_id' - 'case_id' - 'creditor_id' - 'created_at' - 'updated_at'
            || jsonb_build_object('contract', ${caseContract},
                                  'body', replace(t.body, (select substr(k.invite_code, 1, 5) || '-' || substr(k.invite_code, 6) from cases k where k.id = t.case_id), '#code'),
                                  'subject', replace(t.subject, (select substr(k.invite_code, 1, 5) || '-' || substr(k.invite_code, 6) from cases k where k.id = t.case_id), '#code'))
            order by ${caseContract}, t.channel) as j from notifications t`,
    ),
    invitations: await json(sql`select jsonb_agg(jsonb_build_object('channel', t.channel, 'case', (select right(case_no, 6) from cases k where k.id = t.case_id)) order by ${caseContract}, t.channel) as j from invitations t`),
    facts: await json(sql`select jsonb_agg(to_jsonb(t) - 'case_id' - 'creditor_id' - 'updated_at' || jsonb_build_object('case', (select right(case_no, 6) from cases k where k.id = t.case_id)) order by ${caseContract}) as j from case_facts t`),
  };
}

/** The file imported in a fresh database, applied in `parts` backends: what it wrote, and the apply's report. */
async function importIn(parts: number) {
  const test = await createTestDatabase();
  open = test;
  const creditor = await creditorOf(test.db, 'PARTS', '分批银行', 'Parts Bank');
  const admin = await makeStaff(test.db, creditor.id, 'admin');
  const ctx: Ctx = { actor: { type: 'staff', id: admin.id, role: 'admin', creditorId: creditor.id }, meta: {} };
  const apply = async (source: string) => {
    const { batchId } = await uploadImport(ctx, { creditorId: creditor.id, filename: path.basename(source), encoding: 'auto', declaredSize: null }, fs.createReadStream(source), { enqueue: noQueue });
    expect((await validateImport(batchId, { now, threads: 0 })).status).toBe('previewed');
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    // How many parts were prepared before the decision (the one-backend apply prepares none and never calls this).
    let prepared: number | null = null;
    const onPhase = async (phase: string) => {
      if (phase === 'prepared') prepared = (await test.db.execute(sql`select 1 from pg_prepared_xacts where database = current_database()`)).rows.length;
    };
    return { batchId, report: await applyImport(batchId, { now, parts, onPhase }), prepared };
  };
  const first = await apply(file);
  const second = await apply(reimport);
  const result = { reports: [first.report, second.report], prepared: [first.prepared, second.prepared], written: [await written(test, first.batchId), await written(test, second.batchId)] };
  await test.drop();
  open = null;
  return result;
}

describe('the apply in two backends (two-phase commit)', () => {
  it('splits the staged rows by borrower into parts that cover every row once', () => {
    expect(partFilters(1)).toEqual(['']);
    expect(partFilters(2)).toEqual([` and r.resident_id_hash < '8'`, ` and r.resident_id_hash >= '8'`]);
    expect(partFilters(4)).toEqual([` and r.resident_id_hash < '4'`, ` and r.resident_id_hash >= '4' and r.resident_id_hash < '8'`, ` and r.resident_id_hash >= '8' and r.resident_id_hash < 'c'`, ` and r.resident_id_hash >= 'c'`]);
  });

  it('writes what one backend writes from the same file: borrowers, loans, payments, cases, invitations, facts, counts and audit entry', { timeout: 120_000 }, async () => {
    const one = await importIn(1);
    const two = await importIn(2);
    expect(one.prepared).toEqual([null, null]);
    expect(two.prepared).toEqual([2, 2]);
    expect(one.reports).toEqual([
      { status: 'imported', imported: 1500, casesOpened: 1500, borrowersCreated: 1500, invitations: 1500 },
      { status: 'imported', imported: 500, casesOpened: 300, borrowersCreated: 300, invitations: 300 },
    ]);
    expect(two.reports).toEqual(one.reports);
    for (const i of [0, 1]) {
      for (const key of Object.keys(one.written[i]!) as (keyof (typeof one.written)[0])[]) expect({ [key]: two.written[i]![key] }).toEqual({ [key]: one.written[i]![key] });
    }
    expect((one.written[1]!.loans as unknown[]).length).toBe(1800);
    expect((one.written[1]!.borrowers as { address: string }[]).filter((b) => b.address.includes('文二路')).length).toBe(200);
  });
});

describe('recovery of parts left prepared', () => {
  it('commits the parts of a batch whose decision was recorded, rolls back the others, and leaves a batch being applied to its apply', { timeout: 60_000 }, async () => {
    const test = await createTestDatabase();
    open = test;
    const creditor = await creditorOf(test.db, 'RECOVER', '恢复银行', 'Recovery Bank');
    const admin = await makeStaff(test.db, creditor.id, 'admin');
    const batch = async (status: 'imported' | 'importing') =>
      (await test.db.insert(importBatches).values({ creditorId: creditor.id, uploadedBy: admin.id, filename: `${status}.csv`, encodingChoice: 'auto', status }).returning())[0]!.id;
    const [decided, undecided, live] = [await batch('imported'), await batch('importing'), await batch('importing')];
    await test.db.execute(sql`create table recovery_marks (batch_id uuid, part int)`);
    // A part of each: a row of its own, prepared by a session that then goes away (as a dead process's would).
    for (const batchId of [decided, undecided, live]) {
      for (const part of [0, 1]) {
        const client = new pg.Client({ connectionString: test.url });
        await client.connect();
        await client.query('begin');
        await client.query('insert into recovery_marks values ($1, $2)', [batchId, part]);
        await client.query(`prepare transaction 'concord-import:${batchId}:${part}'`);
        await client.end();
      }
    }
    // The live batch's apply still holds its lock (apply-import.ts holds it through its parts and their commit).
    const applier = new pg.Client({ connectionString: test.url });
    await applier.connect();
    const { batchLockKey } = await import('./import-lock');
    await applier.query('select pg_advisory_lock($1)', [batchLockKey(live)]);
    const recovery = new pg.Client({ connectionString: test.url });
    await recovery.connect();
    try {
      const resolved = await resolvePreparedImports(recovery);
      expect(resolved.committed.sort()).toEqual([`concord-import:${decided}:0`, `concord-import:${decided}:1`]);
      expect(resolved.rolledBack.sort()).toEqual([`concord-import:${undecided}:0`, `concord-import:${undecided}:1`]);
      const marks = await test.db.execute<{ batch_id: string; n: number }>(sql`select batch_id, count(*)::int as n from recovery_marks group by batch_id`);
      expect(marks.rows).toEqual([{ batch_id: decided, n: 2 }]);
      const left = await test.db.execute<{ gid: string }>(sql`select gid from pg_prepared_xacts where database = current_database() order by gid`);
      expect(left.rows.map((r) => r.gid)).toEqual([`concord-import:${live}:0`, `concord-import:${live}:1`]);
      // Once its apply is gone, the live batch's parts (not decided) are rolled back too.
      await applier.end();
      expect((await resolvePreparedImports(recovery)).rolledBack.sort()).toEqual([`concord-import:${live}:0`, `concord-import:${live}:1`]);
    } finally {
      await recovery.query(`select gid from pg_prepared_xacts where database = current_database()`).then(async ({ rows }) => {
        for (const { gid } of rows as { gid: string }[]) await recovery.query(`rollback prepared '${gid}'`);
      });
      await recovery.end();
      await applier.end().catch(() => undefined);
      await test.drop();
      open = null;
    }
  });
});

describe('on a server without prepared transactions', () => {
  it('applies in one backend, as one transaction', { timeout: 120_000 }, async () => {
    const clusterDir = makeTempClusterDir('concord-no-2pc-');
    const cluster = await startEmbeddedPostgres({ dir: clusterDir, persistent: false, settings: { max_prepared_transactions: '0' } });
    try {
      const admin = new pg.Client({ connectionString: cluster.adminUrl });
      await admin.connect();
      await admin.query('create database concord_no_2pc');
      await admin.end();
      const url = new URL(cluster.adminUrl);
      url.pathname = '/concord_no_2pc';
      await applyMigrations(url.toString());
      const db = connectDb(url.toString());
      const { ctx, batchId } = await checkedBatch(db, ['ONE', '单库银行', 'One Bank'], 40, 960_000);
      await confirmImport(ctx, batchId, { enqueue: noQueue });
      const phases: string[] = [];
      // Two parts asked for (the default), one backend taken: nothing is prepared, no decision apart.
      expect(await applyImport(batchId, { now, parts: 2, onPhase: (phase) => void phases.push(phase) })).toEqual({ status: 'imported', imported: 40, casesOpened: 40, borrowersCreated: 40, invitations: 40 });
      expect(phases).toEqual([]);
      expect((await db.execute<{ n: number }>(sql`select count(*)::int as n from loans`)).rows[0]!.n).toBe(40);
    } finally {
      await closeDb();
      await cluster.stop();
      fs.rmSync(clusterDir, { recursive: true, force: true });
    }
  });
});

describe('on a pool of two connections (npm start seeds the demo import on one)', () => {
  it('validates with the file read on the reader’s connection and applies in one backend', { timeout: 60_000 }, async () => {
    const test = await createTestDatabase();
    open = test;
    const db = connectDb(test.url, 2);
    const { ctx, batchId } = await checkedBatch(db, ['POOL', '小池银行', 'Pool Bank'], 30, 970_000);
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    const phases: string[] = [];
    expect(await applyImport(batchId, { now, onPhase: (phase) => void phases.push(phase) })).toMatchObject({ status: 'imported', imported: 30 });
    expect(phases).toEqual([]);
    await test.drop();
    open = null;
  });
});

describe('two halves that meet on a unique key', () => {
  it('give up waiting for each other, and the batch is applied in one backend, every case with its own code', { timeout: 60_000 }, async () => {
    const test = await createTestDatabase();
    open = test;
    const { creditor, ctx, batchId } = await checkedBatch(test.db, ['MEET', '相遇银行', 'Meet Bank'], 40, 980_000);
    // A row of each half drew the same invitation code (about once in 10^5 files of 100,000 rows).
    const first = async (half: ReturnType<typeof sql>) =>
      (await test.db.execute<{ line: number; invite_code: string }>(sql`select r.line, r.invite_code from import_rows r where r.batch_id = ${batchId} ${half} order by r.line limit 1`)).rows[0]!;
    const low = await first(sql.raw(partFilters(2)[0]!));
    const high = await first(sql.raw(partFilters(2)[1]!));
    await test.db.execute(sql`update import_rows set invite_code = ${low.invite_code} where batch_id = ${batchId} and line = ${high.line}`);
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    const phases: string[] = [];
    const report = await applyImport(batchId, { now, parts: 2, lockTimeoutMs: 300, onPhase: (phase) => void phases.push(phase) });
    expect(report).toEqual({ status: 'imported', imported: 40, casesOpened: 40, borrowersCreated: 40, invitations: 40 });
    // Never prepared: the halves gave up before, and one backend did it all.
    expect(phases).toEqual([]);
    const codes = await test.db.execute<{ n: number; distinct: number }>(sql`select count(*)::int as n, count(distinct invite_code)::int as distinct from cases where creditor_id = ${creditor.id}`);
    expect(codes.rows[0]).toEqual({ n: 40, distinct: 40 });
    expect((await test.db.execute(sql`select 1 from pg_prepared_xacts where database = current_database()`)).rows).toEqual([]);
    await test.drop();
    open = null;
  });
});
