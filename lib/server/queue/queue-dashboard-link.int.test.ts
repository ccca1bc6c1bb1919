import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and } from 'drizzle-orm';
import { caseFacts } from '@/db/schema';
import { dpdBuckets } from '@/lib/domain/dashboard';
import { makeCaseHistory } from '@/lib/testing/case-history';
import { makeBorrower, makeCreditor, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { parseQueueParams, queueHref } from '@/lib/validation/queue';
import type { Actor } from '../actor';
import { factsWhere, reachedWhere } from '../dashboard/dashboard-scope';
import { SORT_MATCHING_BELOW } from './queue-filter';
import { listQueue, queueKpis } from './list-queue';

/**
 * A dashboard count opens the same cases in the queue. The queue reads the opening days and the bucket at opening
 * from cases (what case_facts copies), and what a case reached from case_facts: on cases at every bucket edge and
 * either side of a day's start in Beijing, each link must list exactly the facts the dashboard counts.
 */
let test: TestDatabase;
type Staff = Extract<Actor, { type: 'staff' }>;
let supervisor: Staff;
const now = new Date('2026-07-15T04:00:00Z');

beforeAll(async () => {
  test = await createTestDatabase();
  const db = test.db;
  const creditor = await makeCreditor(db);
  const other = await makeCreditor(db);
  const staff = await makeStaff(db, creditor.id, 'supervisor');
  supervisor = { type: 'staff', id: staff.id, role: 'supervisor', creditorId: creditor.id };
  // Opened either side of midnight in Beijing at the range's ends (2026-03-01 00:00 CST = 02-28 16:00 UTC).
  const openings = ['2026-02-28T15:59:00Z', '2026-02-28T16:00:00Z', '2026-05-31T15:59:00Z', '2026-05-31T16:00:00Z'];
  const dpds = [0, 1, 30, 31, 60, 61, 90, 91];
  let i = 0;
  for (const opened of openings) {
    for (const dpd of dpds) {
      const borrower = await makeBorrower(db);
      const signed = i % 3 === 0;
      await makeCaseHistory(db, {
        creditorId: i % 7 === 0 ? other.id : creditor.id,
        borrowerId: borrower.id,
        openedAt: new Date(opened),
        dpdAtOpen: dpd,
        ...(signed ? { offer: { at: new Date(opened), by: 'system' as const, totalPayable: 100_000, waived: 0 }, agreement: { executedAt: new Date(Date.parse(opened) + 86_400_000) } } : {}),
      });
      i++;
    }
  }
});
afterAll(() => test.drop());

describe('a dashboard count and the queue it links to', () => {
  it('list the same cases for each bucket at opening, opening range and reached kind', async () => {
    const filters = [
      ...dpdBuckets.map((bucket) => ({ bucket })),
      { from: '2026-03-01', to: '2026-05-31' },
      { from: '2026-03-01' },
      { to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-05-31', bucket: 'M2' as const },
    ];
    let nonEmpty = 0;
    for (const filter of filters) {
      for (const reached of [undefined, 'signed'] as const) {
        const facts = await test.db
          .select({ id: caseFacts.caseId })
          .from(caseFacts)
          .where(and(factsWhere(supervisor, filter), reached ? reachedWhere[reached] : undefined));
        const href = queueHref(filter, reached ? { reached } : {});
        const params = parseQueueParams(new URLSearchParams(href.split('?')[1]));
        const { matching } = await queueKpis(supervisor, params, now);
        const { rows } = await listQueue(supervisor, params, now, undefined, matching);
        expect({ href, ids: rows.map((r) => r.id).sort() }).toEqual({ href, ids: facts.map((f) => f.id).sort() });
        // A large view is walked in its order and meets the facts case by case: the same cases, in the same order.
        const walked = await listQueue(supervisor, params, now, undefined, SORT_MATCHING_BELOW);
        expect({ href, ids: walked.rows.map((r) => r.id) }).toEqual({ href, ids: rows.map((r) => r.id) });
        expect(matching).toBe(facts.length);
        if (facts.length) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(10);
  });
});
