import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Actor } from '../actor';
import { openCaseCountsQuery } from './list-queue';

/**
 * The per-assignee counts of open cases (a supervisor's KPI cards and each mediator's load) are a prepared statement,
 * queue_open_counts. After five runs on a connection PostgreSQL may plan it generically, for any values; it must still
 * read the partial index of open cases (cases_open_kpi_idx) then, which it can only if "not ended" is written with
 * literals. Found at 100,000
 * cases: the supervisor's counts became a scan of the whole table from the sixth page on (28 ms instead of 9).
 */
let test: TestDatabase;
type Staff = Extract<Actor, { type: 'staff' }>;
let supervisor: Staff;

beforeAll(async () => {
  test = await createTestDatabase();
  const creditor = await makeCreditor(test.db);
  const m = await makeStaff(test.db, creditor.id, 'mediator');
  const s = await makeStaff(test.db, creditor.id, 'supervisor');
  supervisor = { type: 'staff', id: s.id, role: 'supervisor', creditorId: creditor.id };
  for (let i = 0; i < 6; i++) {
    const borrower = await makeBorrower(test.db, {});
    await makeLoanWithCase(test.db, creditor.id, borrower.id, i % 2 ? m.id : undefined);
  }
});
afterAll(async () => {
  await test.drop();
});

/** The plan PostgreSQL makes for a statement prepared from the query's text, planned generically (for any values). */
async function genericPlan(query: { toSQL(): { sql: string } }): Promise<string> {
  const { sql: text } = query.toSQL();
  const client = new pg.Client({ connectionString: test.url });
  await client.connect();
  try {
    // On a table this small a scan costs least whatever the indexes; what is asked is whether the index can be used.
    await client.query('set enable_seqscan = off');
    const { rows } = await client.query(`explain (generic_plan) ${text}`);
    return rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}

describe('the counts of open cases, planned for any values', () => {
  const now = new Date();
  it('count a creditor’s open cases from the index of open cases', async () => {
    expect(await genericPlan(openCaseCountsQuery(supervisor, now, test.db))).toContain('cases_open_kpi_idx');
  });
});
