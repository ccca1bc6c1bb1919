import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPolicy, parsePolicy } from '@/lib/domain/policy';
import { makeBorrower, makeCreditor } from '@/lib/testing/factories';
import { makeExecutedPlan } from '@/lib/testing/plans';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { applyMigrations, migrationsFolder } from './migrate';

describe('migrations', () => {
  let test: TestDatabase | undefined;
  afterAll(() => test?.drop());

  it('apply to an empty database, every table appears, and a second run changes nothing', async () => {
    test = await createTestDatabase({ migrated: false });
    await applyMigrations(test.url);
    const tables = await test.db.execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    const names = tables.rows.map((r) => r.table_name);
    for (const table of ['creditors', 'staff_users', 'borrowers', 'loans', 'payments', 'cases', 'hardship_statements', 'offers', 'negotiation_messages', 'agreements', 'signatures', 'plan_installments', 'stored_files', 'notifications', 'contact_records', 'case_outcomes', 'audit_events', 'one_time_codes', 'rate_limit_counters']) {
      expect(names).toContain(table);
    }
    const before = await test.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await applyMigrations(test.url);
    const after = await test.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('plan on every connection with random reads priced as in memory (the queue’s counts chose a full scan of cases by the default)', async () => {
    const { rows } = await test!.db.execute<{ random_page_cost: string }>(sql`show random_page_cost`);
    expect(rows[0]!.random_page_cost).toBe('1.1');
  });

  it('keep money in integer columns', async () => {
    // bigint, or an array of bigint (the import's staged schedule: import_rows.principal_due; a loan's schedule).
    const columns = await test!.db.execute<{ udt_name: string }>(
      sql`select udt_name from information_schema.columns where table_schema = 'public' and column_name in ('principal', 'amount', 'arrears_at_open', 'total_payable', 'regular_payment', 'principal_due', 'interest_due', 'schedule_principal', 'schedule_interest', 'schedule_fees')`,
    );
    expect(columns.rows.length).toBeGreaterThan(5);
    for (const column of columns.rows) expect(column.udt_name).toMatch(/^_?int8$/);
  });

  /** A database migrated up to (not including) the migration whose tag ends with `tag`, from a copy of the folder whose journal stops there. */
  async function migratedUpTo(tag: string) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-migrations-'));
    const database = await createTestDatabase({ migrated: false });
    fs.cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag.endsWith(tag));
    expect(at).toBeGreaterThan(0);
    fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
    await applyMigrations(database.url, folder);
    return {
      database,
      async drop() {
        await database.drop();
        fs.rmSync(folder, { recursive: true, force: true });
      },
    };
  }

  it('bring stored policies inside the legal limits: a mediation window over 30 days, a mediator allowed more than the supervisor', async () => {
    const before = await migratedUpTo('_policy_within_legal_limits');
    try {
      const db = before.database.db;
      const loose = await makeCreditor(db);
      const lawful = await makeCreditor(db);
      const authority = {
        mediator: { ...defaultPolicy.authority.mediator, maxPrincipalWaivePct: 50, maxPlanMonths: 48 },
        supervisor: { ...defaultPolicy.authority.supervisor, maxPrincipalWaivePct: 20, maxPlanMonths: 36 },
      };
      await db.execute(sql`update creditors set policy = ${JSON.stringify({ ...defaultPolicy, mediationWindowDays: 90, authority })}::jsonb where id = ${loose.id}`);
      await db.execute(sql`update creditors set policy = ${JSON.stringify({ mediationWindowDays: 21 })}::jsonb where id = ${lawful.id}`);
      expect(() => parsePolicy({ ...defaultPolicy, mediationWindowDays: 90, authority })).toThrow();

      await applyMigrations(before.database.url);
      const { rows } = await db.execute<{ id: string; policy: unknown }>(sql`select id, policy from creditors`);
      const policyOf = (id: string) => rows.find((r) => r.id === id)!.policy;
      const fixed = parsePolicy(policyOf(loose.id));
      expect(fixed.mediationWindowDays).toBe(30);
      expect(fixed.authority.mediator).toEqual({ ...defaultPolicy.authority.mediator, maxPrincipalWaivePct: 20, maxPlanMonths: 36 });
      expect(fixed.authority.supervisor).toEqual(authority.supervisor);
      // A lawful policy is left as it was stored.
      expect(policyOf(lawful.id)).toEqual({ mediationWindowDays: 21 });
    } finally {
      await before.drop();
    }
  });

  it('put a loan whose latest agreement was broken back under its contract: the maturity that agreement found, its months no longer counted; a plan in force keeps its extension', async () => {
    process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'concord-migrations-data-'));
    const before = await migratedUpTo('_loan_under_contract_after_breach');
    try {
      const db = before.database.db;
      const broken = await makeExecutedPlan(db, { fullName: '钱展期', extension: true });
      const running = await makeExecutedPlan(db, { fullName: '孙展期', extension: true });
      // Broken before this release: the agreement marked, the loan left as the agreement had put it.
      await db.execute(sql`update agreements set plan_breached_at = now() where id = ${broken.agreementId}`);
      const loanOf = async (id: string) =>
        (await db.execute<{ status: string; maturity: string; months: number }>(sql`select status, maturity_date::text as maturity, extended_months as months from loans where id = ${id}`)).rows[0];
      expect(await loanOf(broken.loan.id)).toEqual({ status: 'restructured', maturity: broken.snapshot.priced.newMaturityDate, months: broken.snapshot.terms.extensionMonths });

      await applyMigrations(before.database.url);
      expect(await loanOf(broken.loan.id)).toEqual({ status: 'delinquent', maturity: broken.snapshot.loan.maturityDate, months: 0 });
      expect(await loanOf(running.loan.id)).toEqual({ status: 'restructured', maturity: running.snapshot.priced.newMaturityDate, months: running.snapshot.terms.extensionMonths });
    } finally {
      await before.drop();
    }
  });

  it('move each loan’s installment rows into its schedule arrays, in the order of seq, and drop the table', async () => {
    const before = await migratedUpTo('_loan_schedule_from_installments');
    const moved = before.database;
    try {

      const creditor = await makeCreditor(moved.db);
      const borrower = await makeBorrower(moved.db);
      const loan = (id: string, contract: string) =>
        sql`insert into loans (id, creditor_id, borrower_id, contract_no, product, principal, annual_rate_ppm, term_months, repayment_method, start_date, first_due_date, maturity_date)
            values (${id}, ${creditor.id}, ${borrower.id}, ${contract}, '消费贷', 300000, 72000, 3, 'equal_principal', '2026-01-10', '2026-02-10', '2026-04-10')`;
      const [withRows, without] = ['6a1f0c9e-0000-4000-8000-000000000001', '6a1f0c9e-0000-4000-8000-000000000002'];
      await moved.db.execute(loan(withRows, 'M-1'));
      await moved.db.execute(loan(without, 'M-2'));
      // Inserted out of order, one with fees: the arrays follow seq.
      await moved.db.execute(sql`insert into installments (loan_id, seq, due_date, principal_due, interest_due, fees_due) values
        (${withRows}, 3, '2026-04-10', 100000, 600, 0), (${withRows}, 1, '2026-02-10', 100000, 1800, 0), (${withRows}, 2, '2026-03-10', 100000, 1200, 2500)`);

      await applyMigrations(moved.url);
      const { rows } = await moved.db.execute<Record<string, string>>(
        sql`select id, schedule_due_dates::text as due, schedule_principal::text as principal, schedule_interest::text as interest, schedule_fees::text as fees from loans order by contract_no`,
      );
      expect(rows).toEqual([
        { id: withRows, due: '{2026-02-10,2026-03-10,2026-04-10}', principal: '{100000,100000,100000}', interest: '{1800,1200,600}', fees: '{0,2500,0}' },
        { id: without, due: '{}', principal: '{}', interest: '{}', fees: '{}' },
      ]);
      const { rows: left } = await moved.db.execute<{ t: string | null }>(sql`select to_regclass('public.installments')::text as t`);
      expect(left[0]!.t).toBeNull();
      // Four arrays of one length, or the row is refused.
      await expect(moved.db.execute(sql`update loans set schedule_fees = '{0}' where id = ${withRows}`)).rejects.toThrow();
    } finally {
      await before.drop();
    }
  });
});
