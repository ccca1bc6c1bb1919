import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { applyMigrations } from './migrate';

describe('migrations', () => {
  let test: TestDatabase | undefined;
  afterAll(() => test?.drop());

  it('apply to an empty database, every table appears, and a second run changes nothing', async () => {
    test = await createTestDatabase({ migrated: false });
    await applyMigrations(test.url);
    const tables = await test.db.execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    const names = tables.rows.map((r) => r.table_name);
    for (const table of ['creditors', 'staff_users', 'borrowers', 'loans', 'installments', 'payments', 'cases', 'hardship_statements', 'offers', 'negotiation_messages', 'agreements', 'signatures', 'plan_installments', 'stored_files', 'notifications', 'contact_records', 'case_outcomes', 'audit_events', 'one_time_codes', 'rate_limit_counters']) {
      expect(names).toContain(table);
    }
    const before = await test.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await applyMigrations(test.url);
    const after = await test.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('keep money in integer columns', async () => {
    // bigint, or an array of bigint (the import's staged schedule: import_rows.principal_due).
    const columns = await test!.db.execute<{ udt_name: string }>(
      sql`select udt_name from information_schema.columns where table_schema = 'public' and column_name in ('principal', 'amount', 'arrears_at_open', 'total_payable', 'regular_payment', 'principal_due', 'interest_due')`,
    );
    expect(columns.rows.length).toBeGreaterThan(5);
    for (const column of columns.rows) expect(column.udt_name).toMatch(/^_?int8$/);
  });
});
