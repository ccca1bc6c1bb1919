import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffUsers } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { makeBorrower, makeCreditor, makeStaff } from '@/lib/testing/factories';
import { makeCaseHistory } from '@/lib/testing/case-history';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { exportDashboardCases, exportDashboardFigures } from './export-dashboard';
import { getDashboard, getDashboardOptions } from './get-dashboard';
import { parseQueueParams, queueHref, type QueueTarget } from '@/lib/validation/queue';
import { outcomeKinds } from '@/lib/domain/outcomes';
import { reachedKinds } from '@/lib/domain/dashboard';
import { listQueue, queueKpis } from '../queue/list-queue';

/**
 * The dashboard against a small set counted by hand (the table in each
 * comment is the count). Creditor A has cases 1–9 opened in 2026 and one in
 * 2025; creditor B one case. "Now" is 2026-11-30 noon in Shanghai.
 */
let test: TestDatabase;
const at = (date: string) => new Date(`${date}T12:00:00+08:00`);
const now = at('2026-11-30');
const range = { from: '2026-01-01', to: '2026-11-30' };
let supervisorA: Actor;
let centreAdmin: Actor;
let supervisorB: Actor;
let mediatorA: Actor;
let m1: string;
let creditorA: string;
let creditorB: string;

beforeAll(async () => {
  test = await createTestDatabase();
  const db = test.db;
  const a = await makeCreditor(db);
  const b = await makeCreditor(db);
  creditorA = a.id;
  creditorB = b.id;
  const sup = await makeStaff(db, a.id, 'supervisor');
  const supB = await makeStaff(db, b.id, 'supervisor');
  const admin = await makeStaff(db, null, 'admin');
  const med1 = await makeStaff(db, a.id, 'mediator');
  const med2 = await makeStaff(db, a.id, 'mediator');
  m1 = med1.id;
  supervisorA = { type: 'staff', id: sup.id, role: 'supervisor', creditorId: a.id };
  supervisorB = { type: 'staff', id: supB.id, role: 'supervisor', creditorId: b.id };
  centreAdmin = { type: 'staff', id: admin.id, role: 'admin', creditorId: null };
  mediatorA = { type: 'staff', id: med1.id, role: 'mediator', creditorId: a.id };
  const borrower = async () => (await makeBorrower(db)).id;
  const A = { creditorId: a.id };
  // 1: M1, m1; engaged, hardship, system offer ¥1,200 (¥50 waived), signed after 10 days, kept; ¥200 paid since opening. Self-served.
  await makeCaseHistory(db, { ...A, borrowerId: await borrower(), assigneeId: med1.id, openedAt: at('2026-01-10'), dpdAtOpen: 20, engagedAt: at('2026-01-11'), hardshipAt: at('2026-01-12'),
    offer: { at: at('2026-01-13'), by: 'system', totalPayable: 120_000, waived: 5_000 }, agreement: { executedAt: at('2026-01-20') }, outcome: { kind: 'agreement_signed', at: at('2026-01-20') },
    payments: [{ on: '2026-02-20', amount: 10_000 }, { on: '2026-03-20', amount: 10_000 }, { on: '2025-12-20', amount: 99_999 }] });
  // 2: M2, m1; engaged, staff offer ¥2,000, signed after 30 days, breached 2026-06-15 (kept at 3 months, not at 6).
  await makeCaseHistory(db, { ...A, borrowerId: await borrower(), assigneeId: med1.id, openedAt: at('2026-02-01'), dpdAtOpen: 45, engagedAt: at('2026-02-02'),
    offer: { at: at('2026-02-10'), by: 'staff', staffId: med1.id, totalPayable: 200_000, waived: 0 }, agreement: { executedAt: at('2026-03-03'), breachedAt: at('2026-06-15') }, outcome: { kind: 'agreement_signed', at: at('2026-03-03') } });
  // 3: M3, m2; engaged, hardship, a staff call, paid in full ¥500 (no payment row).
  await makeCaseHistory(db, { ...A, borrowerId: await borrower(), assigneeId: med2.id, openedAt: at('2026-03-05'), dpdAtOpen: 75, engagedAt: at('2026-03-06'), hardshipAt: at('2026-03-07'),
    staffCall: { staffId: med2.id, at: at('2026-03-08') }, outcome: { kind: 'paid_in_full', at: at('2026-03-20'), recovered: 50_000 } });
  // 4: M4+, m2; never engaged; closed as unreachable.
  await makeCaseHistory(db, { ...A, borrowerId: await borrower(), assigneeId: med2.id, openedAt: at('2026-04-01'), dpdAtOpen: 120, outcome: { kind: 'borrower_unreachable', at: at('2026-05-01') } });
  // 5: M1, unassigned; engaged, system offer; partial settlement ¥300 paid (also a payment row of ¥300), ¥100 forgiven. Self-served.
  await makeCaseHistory(db, { ...A, borrowerId: await borrower(), openedAt: at('2026-05-01'), dpdAtOpen: 10, engagedAt: at('2026-05-02'), offer: { at: at('2026-05-03'), by: 'system', totalPayable: 40_000, waived: 3_000 },
    outcome: { kind: 'partial_settlement', at: at('2026-05-10'), recovered: 30_000, waived: 10_000 }, payments: [{ on: '2026-05-09', amount: 30_000 }] });
  // 6: M2, m1; engaged, hardship, system offer ¥800 (¥20 waived), signed after 7 days, plan completed; a staff message.
  await makeCaseHistory(db, { ...A, borrowerId: await borrower(), assigneeId: med1.id, openedAt: at('2026-06-01'), dpdAtOpen: 50, engagedAt: at('2026-06-02'), hardshipAt: at('2026-06-03'),
    offer: { at: at('2026-06-04'), by: 'system', totalPayable: 80_000, waived: 2_000 }, agreement: { executedAt: at('2026-06-08'), completedAt: at('2026-10-01') }, outcome: { kind: 'agreement_signed', at: at('2026-06-08') },
    staffMessage: { staffId: med1.id, at: at('2026-06-05') } });
  // 7: M1, m1; invited only.
  await makeCaseHistory(db, { ...A, borrowerId: await borrower(), assigneeId: med1.id, openedAt: at('2026-07-01'), dpdAtOpen: 5 });
  // 8: M4+, m2; engaged; escalated to litigation.
  await makeCaseHistory(db, { ...A, borrowerId: await borrower(), assigneeId: med2.id, openedAt: at('2026-08-01'), dpdAtOpen: 100, engagedAt: at('2026-08-02'), outcome: { kind: 'escalated_to_litigation', at: at('2026-09-01'), claimed: 300_000 } });
  // 9: M1, m1; engaged; closed with no agreement, then reopened: the outcome is on record but not current.
  await makeCaseHistory(db, { ...A, borrowerId: await borrower(), assigneeId: med1.id, openedAt: at('2026-09-01'), dpdAtOpen: 30, engagedAt: at('2026-09-02'), state: 'negotiating',
    outcome: { kind: 'no_agreement', at: at('2026-10-01'), supersededAt: at('2026-10-05') } });
  // 10: opened before the range.
  await makeCaseHistory(db, { ...A, borrowerId: await borrower(), assigneeId: med1.id, openedAt: at('2025-12-15'), dpdAtOpen: 20, engagedAt: at('2025-12-16') });
  // 11: creditor B, signed.
  await makeCaseHistory(db, { creditorId: b.id, borrowerId: await borrower(), openedAt: at('2026-03-01'), dpdAtOpen: 20, engagedAt: at('2026-03-01'),
    offer: { at: at('2026-03-02'), by: 'system', totalPayable: 10_000, waived: 0 }, agreement: { executedAt: at('2026-03-05') } });
});
afterAll(() => test.drop());

describe('dashboard figures, counted by hand', () => {
  it('counts the funnel, rates, times, amounts, keep rates and outcomes of creditor A in 2026', async () => {
    const { counts, rates } = await getDashboard(supervisorA, range, now);
    // opened 1–9; engaged all but 4 and 7; hardship 1, 3, 6; offers 1, 2, 5, 6; signed 1, 2, 6.
    expect({ opened: counts.opened, engaged: counts.engaged, hardship: counts.hardship, offered: counts.offered, signed: counts.signed }).toEqual({ opened: 9, engaged: 7, hardship: 3, offered: 4, signed: 3 });
    // Ended: 1, 2, 6 (signed), 3, 4, 5, 8 (outcomes; 9 was reopened). Resolved: 1, 2, 6, 3, 5. Without staff: 1 and 5.
    expect({ concluded: counts.concluded, resolved: counts.resolved, selfServed: counts.selfServed }).toEqual({ concluded: 7, resolved: 5, selfServed: 2 });
    expect(rates.resolutionRate).toBeCloseTo(5 / 7, 10);
    expect(rates.selfServedShare).toBeCloseTo(2 / 5, 10);
    // Days to signing: 10, 30, 7 → median 10; 90th percentile 10 + 0.8 × (30 − 10) = 26; mean 47 / 3.
    expect(counts.medianDays).toBeCloseTo(10, 6);
    expect(counts.p90Days).toBeCloseTo(26, 6);
    expect(counts.meanDays).toBeCloseTo(47 / 3, 6);
    // Restructured 1,200 + 2,000 + 800; waived 50 + 0 + 20 + 100 forgiven; recovered 200 + 500 + 300 (the 2025 payment predates case 1).
    expect({ restructured: counts.restructured, waived: counts.waived, recovered: counts.recovered }).toEqual({ restructured: 400_000, waived: 17_000, recovered: 100_000 });
    // Kept at 3 months: 1, 2, 6 all old enough and unbroken by then; at 6: 1 and 2 old enough, 2 broke on 06-15; at 12: none old enough.
    expect(counts.keep).toEqual({ 3: { eligible: 3, kept: 3 }, 6: { eligible: 2, kept: 1 }, 12: { eligible: 0, kept: 0 } });
    expect(rates.keptRate).toEqual({ 3: 1, 6: 0.5, 12: null });
    expect(counts.redefaulted).toBe(1);
    expect(rates.redefaultRate).toBeCloseTo(1 / 3, 10);
    expect(counts.outcomes).toEqual({ agreement_signed: 3, paid_in_full: 1, partial_settlement: 1, no_agreement: 0, borrower_unreachable: 1, dispute: 0, escalated_to_litigation: 1, withdrawn_by_creditor: 0 });
  });

  it('trends by opening week and cohorts by signing month add up to the figures', async () => {
    const { weeks, cohorts } = await getDashboard(supervisorA, range, now);
    expect(weeks.reduce((s, w) => s + w.opened, 0)).toBe(9);
    expect(weeks.reduce((s, w) => s + w.signed, 0)).toBe(3);
    // Every week from that of 2026-01-01 (a Thursday: Monday 2025-12-29) to that of "now" (Monday 2026-11-30),
    // 336 days: 49 weeks, quiet ones as zeros. 2026-01-10 is a Saturday: its ISO week starts Monday 2026-01-05.
    expect(weeks).toHaveLength(49);
    expect(weeks.every((w, i) => i === 0 || Date.parse(w.week) - Date.parse(weeks[i - 1]!.week) === 7 * 86_400_000)).toBe(true);
    expect(weeks[0]).toEqual({ week: '2025-12-29', opened: 0, engaged: 0, signed: 0 });
    expect(weeks[1]).toEqual({ week: '2026-01-05', opened: 1, engaged: 1, signed: 1 });
    expect(weeks.at(-1)).toEqual({ week: '2026-11-30', opened: 0, engaged: 0, signed: 0 });
    expect(cohorts.map((c) => [c.month, c.signed, c.keep[3].rate, c.keep[6].rate, c.redefaulted])).toEqual([
      ['2026-01', 1, 1, 1, 0],
      ['2026-03', 1, 1, 0, 1],
      ['2026-06', 1, 1, null, 0],
    ]);
  });

  it('filters by mediator, bucket, creditor and dates', async () => {
    expect((await getDashboard(supervisorA, { ...range, mediator: m1 }, now)).counts.opened).toBe(5); // 1, 2, 6, 7, 9
    expect((await getDashboard(supervisorA, { ...range, bucket: 'M1' }, now)).counts.opened).toBe(4); // 1, 5, 7, 9
    expect((await getDashboard(supervisorA, { ...range, bucket: 'M4+' }, now)).counts.signed).toBe(0);
    expect((await getDashboard(supervisorA, { from: '2026-03-01', to: '2026-06-01' }, now)).counts.opened).toBe(4); // 3, 4, 5, 6
    expect((await getDashboard(supervisorA, {}, now)).counts.opened).toBe(10);
  });

  it('is scoped by creditor: a creditor sees its own, the centre sees both', async () => {
    expect((await getDashboard(supervisorA, { ...range, creditor: creditorB }, now)).counts.opened).toBe(0);
    expect((await getDashboard(supervisorB, range, now)).counts).toMatchObject({ opened: 1, signed: 1, restructured: 10_000 });
    expect((await getDashboard(centreAdmin, range, now)).counts.opened).toBe(10);
    expect((await getDashboard(centreAdmin, { ...range, creditor: creditorA }, now)).counts.opened).toBe(9);
  });

  it('offers a creditor’s mediators as filters, those who left named as such and listed after those in post', async () => {
    const left = await makeStaff(test.db, creditorA, 'mediator');
    await test.db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, left.id));
    const { mediators } = await getDashboardOptions(supervisorA);
    expect(mediators.find((m) => m.id === left.id)).toMatchObject({ active: false });
    expect(mediators.find((m) => m.id === m1)).toMatchObject({ active: true });
    const firstLeft = mediators.findIndex((m) => !m.active);
    expect(mediators.slice(firstLeft).every((m) => !m.active)).toBe(true);
  });

  it('is for supervisors and admins only', async () => {
    await expect(getDashboard(mediatorA, range, now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getDashboard({ type: 'borrower', id: crypto.randomUUID() }, range, now)).rejects.toBeInstanceOf(AppError);
  });

  it('exports the figures and the cases, audited', async () => {
    const ctx = { actor: supervisorA, meta: {} };
    const figures = await exportDashboardFigures(ctx, range, now);
    expect(figures.counts.opened).toBe(9);
    const { total, rows } = await exportDashboardCases(ctx, { ...range, bucket: 'M2' });
    const all = [];
    for await (const batch of rows) all.push(...batch);
    expect(total).toBe(2);
    expect(all.map((r) => [r.bucket, r.resolved, r.restructured])).toEqual(expect.arrayContaining([['M2', true, 200_000], ['M2', true, 80_000]]));
    const { rows: audit } = await test.db.execute<{ n: number }>(`select count(*)::int as n from audit_events where action = 'dashboard.exported'` as never);
    expect(audit[0]!.n).toBe(2);
  });

  it('opens each count in the queue as exactly the cases counted (queueHref → the queue’s parameters)', async () => {
    const inQueue = async (actor: Actor, filter: Parameters<typeof queueHref>[0], target?: QueueTarget) => {
      const params = parseQueueParams(new URL(queueHref(filter, target), 'http://localhost').searchParams);
      const [kpis, { rows }] = await Promise.all([queueKpis(actor, params, now), listQueue(actor, params, now)]);
      expect(rows.length).toBe(Math.min(kpis.matching, 50));
      return kpis.matching;
    };
    for (const filter of [range, { ...range, mediator: m1 }, { ...range, bucket: 'M1' as const }, { from: '2026-03-01', to: '2026-06-01' }, { ...range, creditor: creditorA }]) {
      const { counts } = await getDashboard(supervisorA, filter, now);
      expect(await inQueue(supervisorA, filter)).toBe(counts.opened);
      for (const reached of reachedKinds) expect([reached, await inQueue(supervisorA, filter, { reached })]).toEqual([reached, counts[reached]]);
      for (const outcome of outcomeKinds) expect([outcome, await inQueue(supervisorA, filter, { outcome })]).toEqual([outcome, counts.outcomes[outcome]]);
    }
    // By hand: signed 1, 2, 6; redefaulted 2; opened by m1: 1, 2, 6, 7, 9; self-served 1 and 5; the centre's admin sees B's case too.
    expect(await inQueue(supervisorA, range, { reached: 'signed' })).toBe(3);
    expect(await inQueue(supervisorA, range, { reached: 'redefaulted' })).toBe(1);
    expect(await inQueue(supervisorA, { ...range, mediator: m1 })).toBe(5);
    expect(await inQueue(supervisorA, range, { reached: 'selfServed' })).toBe(2);
    expect(await inQueue(centreAdmin, range)).toBe(10);
    expect(await inQueue(supervisorA, { ...range, creditor: creditorB })).toBe(0);
  });

  it('weeks and months are China time at their edges, and days to signing keep their fraction', async () => {
    const db = test.db;
    const c = await makeCreditor(db);
    const supervisorC: Actor = { type: 'staff', id: (await makeStaff(db, c.id, 'supervisor')).id, role: 'supervisor', creditorId: c.id };
    const signed = (openedAt: string, executedAt: string) =>
      makeBorrower(db).then((b) =>
        makeCaseHistory(db, { creditorId: c.id, borrowerId: b.id, openedAt: new Date(openedAt), dpdAtOpen: 20, engagedAt: new Date(openedAt), offer: { at: new Date(openedAt), by: 'system', totalPayable: 10_000, waived: 0 }, agreement: { executedAt: new Date(executedAt) } }),
      );
    // Sunday 23:30 in Shanghai: the week of Monday 2026-02-23. Signed 10 days later, in March.
    await signed('2026-03-01T23:30:00+08:00', '2026-03-11T23:30:00+08:00');
    // Monday 00:30 in Shanghai (still Sunday in UTC): the week of 2026-03-02. Signed 30 days 6 hours later,
    // on April 1st at 06:30 in Shanghai (still March 31st in UTC): an April agreement.
    await signed('2026-03-02T00:30:00+08:00', '2026-04-01T06:30:00+08:00');
    const { counts, weeks, cohorts } = await getDashboard(supervisorC, { from: '2026-02-23', to: '2026-03-08' }, now);
    expect(weeks.filter((w) => w.opened > 0)).toEqual([
      { week: '2026-02-23', opened: 1, engaged: 1, signed: 1 },
      { week: '2026-03-02', opened: 1, engaged: 1, signed: 1 },
    ]);
    expect(cohorts.map((m) => [m.month, m.signed])).toEqual([['2026-03', 1], ['2026-04', 1]]);
    // Days to signing 10 and 30.25: median 20.125; 90th percentile 10 + 0.9 × 20.25 = 28.225.
    expect(counts.medianDays).toBeCloseTo(20.125, 6);
    expect(counts.p90Days).toBeCloseTo(28.225, 6);
    expect(counts.keep[3]).toEqual({ eligible: 2, kept: 2 });
  });
});
