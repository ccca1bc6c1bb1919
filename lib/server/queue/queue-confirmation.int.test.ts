import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreements, judicialConfirmations } from '@/db/schema';
import { makeCaseHistory } from '@/lib/testing/case-history';
import { makeBorrower, makeCreditor, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { parseQueueParams } from '@/lib/validation/queue';
import type { Actor } from '../actor';
import { listQueue, queueKpis } from './list-queue';

/**
 * The judicial confirmation's 30-day deadline on the queue: the marker on each row and the "judicial confirmation
 * due" filter, against agreements executed on days worked out by hand. Today is 2026-12-01, 10:00 in Beijing; an
 * agreement executed on Beijing day E has its last day on E + 30, due from E + 23.
 */
let test: TestDatabase;
const now = new Date('2026-12-01T02:00:00Z');
type Staff = Extract<Actor, { type: 'staff' }>;
let supervisor: Staff;
let otherSupervisor: Staff;
const ids: Record<string, string> = {};

beforeAll(async () => {
  test = await createTestDatabase();
  const db = test.db;
  const creditor = await makeCreditor(db);
  const other = await makeCreditor(db);
  const staff = await makeStaff(db, creditor.id, 'supervisor');
  const otherStaff = await makeStaff(db, other.id, 'supervisor');
  supervisor = { type: 'staff', id: staff.id, role: 'supervisor', creditorId: creditor.id };
  otherSupervisor = { type: 'staff', id: otherStaff.id, role: 'supervisor', creditorId: other.id };
  const make = async (key: string, executedOn: string | null, options: { state?: 'closed'; creditorId?: string; confirmation?: { filedOn?: string } } = {}) => {
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeCaseHistory(db, {
      creditorId: options.creditorId ?? creditor.id,
      borrowerId: borrower.id,
      openedAt: new Date('2026-09-01T02:00:00Z'),
      dpdAtOpen: 30,
      state: options.state ?? (executedOn ? 'plan_active' : 'negotiating'),
      ...(executedOn ? { offer: { at: new Date('2026-09-10T02:00:00Z'), by: 'system' as const, totalPayable: 100_000, waived: 0 }, agreement: { executedAt: new Date(`${executedOn}T11:00:00+08:00`) } } : {}),
    });
    ids[key] = kase.id;
    if (options.confirmation) {
      const [agreement] = await db.select().from(agreements).where(eq(agreements.caseId, kase.id));
      await db.insert(judicialConfirmations).values({
        caseId: kase.id,
        agreementId: agreement!.id,
        status: options.confirmation.filedOn ? 'filed' : 'prepared',
        court: '上海市浦东新区人民法院',
        effectiveAt: agreement!.executedAt!,
        deadline: new Date(agreement!.executedAt!.getTime() + 31 * 86_400_000),
        preparedAt: new Date(agreement!.executedAt!.getTime() + 86_400_000),
        filedAt: options.confirmation.filedOn ? new Date(`${options.confirmation.filedOn}T10:00:00+08:00`) : null,
      });
    }
  };
  await make('due7', '2026-11-08'); // last day 12-08: 7 days left
  await make('open8', '2026-11-09'); // last day 12-09: 8 days left, nothing yet
  await make('lastDay', '2026-11-01'); // last day today
  await make('passed', '2026-10-20'); // last day 11-19, never applied for: nothing left to do
  await make('overdue', '2026-10-20', { confirmation: {} }); // last day 11-19, an application prepared, unfiled: 12 days late
  await make('yesterday', '2026-10-31'); // last day 11-30 passed yesterday, never applied for
  await make('prepared', '2026-11-05', { confirmation: {} }); // prepared, not filed: last day 12-05, 4 days left
  await make('filed', '2026-10-25', { confirmation: { filedOn: '2026-11-20' } }); // filed (late): nothing to flag
  await make('closed', '2026-11-05', { state: 'closed' }); // the case has ended
  await make('noAgreement', null);
  await make('foreign', '2026-11-08', { creditorId: other.id });
});
afterAll(() => test.drop());

const view = (query: string) => parseQueueParams(new URLSearchParams(query));
const byKey = async (actor: Actor, query: string) => {
  const { rows } = await listQueue(actor, view(query), now);
  const names = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  return Object.fromEntries(rows.map((r) => [names.get(r.id)!, r.confirmation]));
};

describe('judicial confirmation on the queue', () => {
  it('marks each row due (last 7 days), or overdue while an application waits unfiled, on open cases only', async () => {
    const rows = await byKey(supervisor, 'state=all');
    expect(rows).toEqual({
      due7: { state: 'due', daysLeft: 7, deadline: '2026-12-08' },
      open8: null,
      lastDay: { state: 'due', daysLeft: 0, deadline: '2026-12-01' },
      passed: null,
      overdue: { state: 'overdue', daysLate: 12, deadline: '2026-11-19' },
      yesterday: null,
      prepared: { state: 'due', daysLeft: 4, deadline: '2026-12-05' },
      filed: null,
      closed: null,
      noAgreement: null,
    });
  });

  it('filters "judicial confirmation due" to exactly the marked cases, with the other filters and in the KPI count', async () => {
    expect(Object.keys(await byKey(supervisor, 'confirmation=due')).sort()).toEqual(['due7', 'lastDay', 'overdue', 'prepared']);
    expect(Object.keys(await byKey(supervisor, 'confirmation=due&state=all')).sort()).toEqual(['due7', 'lastDay', 'overdue', 'prepared']);
    expect(Object.keys(await byKey(supervisor, 'confirmation=due&sort=deadline')).sort()).toEqual(['due7', 'lastDay', 'overdue', 'prepared']);
    expect((await queueKpis(supervisor, view('confirmation=due'), now)).matching).toBe(4);
    // Another creditor's supervisor sees their own case only.
    expect(Object.keys(await byKey(otherSupervisor, 'confirmation=due'))).toEqual(['foreign']);
  });
});
