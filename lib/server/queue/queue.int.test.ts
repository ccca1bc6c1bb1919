import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, callbacks, cases, contactRecords, hardshipStatements, offers, promisesToPay } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { parseQueueParams } from '@/lib/validation/queue';
import type { Actor, Ctx } from '../actor';
import { assignCases } from './assign-cases';
import { assignableForCase, listQueue, loadOf, mediatorLoad, queueCounts, queueKpis } from './list-queue';
import { nextInQueue } from './next-in-queue';
import { deleteView, listSavedViews, saveView } from './saved-views';
import { startQueueExport } from './export-queue';

/**
 * The queue against a set built for it: each case differs from the others in the one thing a filter looks at, so
 * every filter and search must return exactly its own cases.
 */
let test: TestDatabase;
const now = new Date('2026-06-15T04:00:00Z'); // 12:00 in Beijing
const day = 86_400_000;
const ago = (days: number) => new Date(now.getTime() - days * day);
const ahead = (days: number) => new Date(now.getTime() + days * day);

type Staff = Extract<Actor, { type: 'staff' }>;
let mediatorA: Staff;
let mediatorB: Staff;
let supervisor: Staff;
let otherSupervisor: Staff;
let admin: Staff;
const ids: Record<string, string> = {};
const meta = { ip: '198.51.100.7' };
const ctxOf = (actor: Staff): Ctx => ({ actor, meta });

const staffActor = (row: { id: string; role: 'mediator' | 'supervisor' | 'admin'; creditorId: string | null }): Staff => ({ type: 'staff', id: row.id, role: row.role, creditorId: row.creditorId });

beforeAll(async () => {
  test = await createTestDatabase();
  const db = test.db;
  const creditor = await makeCreditor(db);
  const other = await makeCreditor(db);
  mediatorA = staffActor(await makeStaff(db, creditor.id, 'mediator'));
  mediatorB = staffActor(await makeStaff(db, creditor.id, 'mediator'));
  supervisor = staffActor(await makeStaff(db, creditor.id, 'supervisor'));
  admin = staffActor(await makeStaff(db, creditor.id, 'admin'));
  otherSupervisor = staffActor(await makeStaff(db, other.id, 'supervisor'));
  const make = async (key: string, name: string, phone: string, assignee: string | undefined, values: Partial<typeof cases.$inferInsert>, creditorId = creditor.id) => {
    const borrower = await makeBorrower(db, { fullName: name, phone });
    const { case: kase, loan } = await makeLoanWithCase(db, creditorId, borrower.id, assignee, { openedAt: ago(20), mediationDeadline: ahead(10), ...values });
    ids[key] = kase.id;
    ids[`${key}.borrower`] = borrower.id;
    ids[`${key}.contract`] = loan.contractNo;
    ids[`${key}.caseNo`] = kase.caseNo;
    return kase;
  };
  // DPD is counted from cases.overdue_since (opened_at − dpd_at_open): opened 20 days ago, so dpd today = dpdAtOpen + 20.
  await make('m1', '张伟强', '13811110001', mediatorA.id, { dpdAtOpen: 0, arrearsAtOpen: 500_000, mediationDeadline: ahead(2) });
  await make('m2', '李娜', '13811110002', mediatorB.id, { dpdAtOpen: 25, arrearsAtOpen: 2_000_000, mediationDeadline: ago(1), state: 'hardship_submitted' });
  await make('m4', '王小明', '13811110003', undefined, { dpdAtOpen: 100, arrearsAtOpen: 10_000_000 });
  await make('m3', '张三', '13811110004', mediatorA.id, { dpdAtOpen: 50, arrearsAtOpen: 800_000, state: 'negotiating' });
  await make('broken', '赵强', '13811110005', mediatorA.id, { dpdAtOpen: 15, arrearsAtOpen: 900_000, state: 'negotiating' });
  await make('closed', '钱多多', '13811110006', mediatorA.id, { dpdAtOpen: 15, arrearsAtOpen: 900_000, state: 'closed' });
  await make('offers', 'Zhang Wei', '13811110007', mediatorB.id, { dpdAtOpen: 15, arrearsAtOpen: 700_000, state: 'negotiating' });
  await make('foreign', '张伟强', '13811110008', undefined, { dpdAtOpen: 0, arrearsAtOpen: 500_000 }, other.id);

  // The borrower of m1 has signed in since the case opened (the sign-in sets engaged_at); everyone else never has.
  await db.update(cases).set({ engagedAt: ago(3) }).where(eq(cases.id, ids.m1!));
  await db.insert(hardshipStatements).values({ caseId: ids.m2!, borrowerId: ids['m2.borrower']!, version: 1, status: 'submitted', submittedAt: ago(2) });
  // Staff contact: m3 yesterday, m4 ten days ago; an automated SMS on m1 is not a mediator's contact.
  await db.insert(contactRecords).values([
    { caseId: ids.m3!, borrowerId: ids['m3.borrower']!, staffId: mediatorA.id, channel: 'phone', direction: 'outbound', outcome: 'effective', result: 'reached', at: ago(1) },
    { caseId: ids.m4!, borrowerId: ids['m4.borrower']!, staffId: supervisor.id, channel: 'phone', direction: 'outbound', outcome: 'unanswered', result: 'no_answer', at: ago(10) },
    { caseId: ids.m1!, borrowerId: ids['m1.borrower']!, channel: 'sms', direction: 'outbound', outcome: 'attempted', at: ago(1) },
  ]);
  const promise = (caseId: string, status: 'open' | 'broken', dueAt: Date, resolvedAt?: Date) => ({
    caseId, loanId: '', promisedOn: '2026-06-10', amount: 100_000, madeOn: '2026-06-01', graceDays: 3, dueAt, status, resolvedAt, createdBy: mediatorA.id,
  });
  const loanOf = async (key: string) => (await db.select({ loanId: cases.loanId }).from(cases).where(eq(cases.id, ids[key]!)))[0]!.loanId;
  await db.insert(promisesToPay).values([
    { ...promise(ids.m3!, 'open', ago(1)), loanId: await loanOf('m3') },
    { ...promise(ids.broken!, 'broken', ago(2), ago(1)), loanId: await loanOf('broken') },
  ]);
  await db.insert(callbacks).values({ caseId: ids.m1!, staffId: mediatorA.id, dueAt: ahead(1), note: '下午回电' });
  const offer = (status: 'proposed' | 'pending_approval', authorType: 'staff' | 'borrower') => ({
    caseId: ids.offers!, authorType, status, terms: {} as never, priced: {} as never, regularPayment: 1, numberOfPayments: 1, totalPayable: 1, endDate: '2027-01-01', expiresAt: ahead(5), createdAt: ago(1),
  });
  await db.insert(offers).values([offer('pending_approval', 'staff'), offer('proposed', 'borrower')]);
});
afterAll(() => test.drop());

const view = (query: string) => parseQueueParams(new URLSearchParams(query));
const keysOf = async (actor: Actor, query: string) => {
  const { rows } = await listQueue(actor, view(query), now);
  const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  return rows.map((r) => byId.get(r.id)).sort();
};

describe('queue filters and search (supervisor, every assignee)', () => {
  const cases_ = async (query: string) => keysOf(supervisor, query);
  it('shows the open cases of the creditor by default, the closed one with state=all, never another creditor’s', async () => {
    expect(await cases_('')).toEqual(['broken', 'm1', 'm2', 'm3', 'm4', 'offers']);
    expect(await cases_('state=all')).toEqual(['broken', 'closed', 'm1', 'm2', 'm3', 'm4', 'offers']);
    expect(await cases_('state=negotiating,hardship_submitted')).toEqual(['broken', 'm2', 'm3', 'offers']);
  });
  it('filters by DPD bucket, amount, assignee and deadline', async () => {
    expect(await cases_('dpd=m1')).toEqual(['m1']);
    expect(await cases_('dpd=m2')).toEqual(['broken', 'm2', 'offers']);
    expect(await cases_('dpd=m3')).toEqual(['m3']);
    expect(await cases_('dpd=m4')).toEqual(['m4']);
    expect(await cases_('dpd=m1,m4')).toEqual(['m1', 'm4']);
    expect(await cases_('min=8000&max=20000')).toEqual(['broken', 'm2', 'm3']);
    // To the fen: m3 owes 8,000.00 and 'broken' 9,000.00.
    expect(await cases_('min=8000.01&max=9000')).toEqual(['broken']);
    expect(await cases_('min=8000&max=8999.99')).toEqual(['m3']);
    expect(await cases_('assignee=none')).toEqual(['m4']);
    expect(await cases_(`assignee=${mediatorB.id}`)).toEqual(['m2', 'offers']);
    expect(await cases_('deadline=passed')).toEqual(['m2']);
    expect(await cases_('deadline=3')).toEqual(['m1']);
  });
  it('filters by hardship, offers, promises, contact and engagement', async () => {
    expect(await cases_('hardship=1')).toEqual(['m2']);
    expect(await cases_('offer=approval')).toEqual(['offers']);
    expect(await cases_('offer=proposal')).toEqual(['offers']);
    expect(await cases_('offer=borrower')).toEqual([]);
    expect(await cases_('promise=open')).toEqual(['m3']);
    expect(await cases_('promise=due')).toEqual(['m3']);
    expect(await cases_('promise=broken')).toEqual(['broken']);
    expect(await cases_('noContact=7')).toEqual(['broken', 'm1', 'm2', 'm4', 'offers']);
    expect(await cases_('noContact=14')).toEqual(['broken', 'm1', 'm2', 'offers']);
    expect(await cases_('neverEngaged=1')).toEqual(['broken', 'm2', 'm3', 'm4', 'offers']);
  });
  it('combines filters', async () => {
    expect(await cases_('dpd=m2&assignee=' + mediatorB.id + '&hardship=1')).toEqual(['m2']);
    expect(await cases_('neverEngaged=1&promise=broken')).toEqual(['broken']);
  });
  it('searches names by any part (Chinese of one, two or three characters, and Latin), phones, case and contract numbers, and a resident ID through its hash', async () => {
    expect(await cases_('q=张')).toEqual(['m1', 'm3']);
    expect(await cases_('q=伟强')).toEqual(['m1']);
    expect(await cases_('q=张伟强')).toEqual(['m1']);
    // Typed with a space between the characters, as some input methods leave it.
    expect(await cases_('q=张 伟强')).toEqual(['m1']);
    expect(await cases_('q=伟 强')).toEqual(['m1']);
    expect(await cases_('q=小')).toEqual(['m4']);
    expect(await cases_('q=zhang')).toEqual(['offers']);
    expect(await cases_('q=0004')).toEqual(['m3']);
    expect(await cases_('q=138 1111 0002')).toEqual(['m2']);
    expect(await cases_(`q=${ids['m4.caseNo']!.slice(-6)}`)).toEqual(['m4']);
    expect(await cases_(`q=${ids['m3.contract']!.slice(-7).toLowerCase()}`)).toEqual(['m3']);
    expect(await cases_('q=%')).toEqual([]);
    expect(await cases_('q=不存在的人')).toEqual([]);
  });
  it('sorts: broken promise first by priority, then amount, DPD and case number both ways', async () => {
    const { rows } = await listQueue(supervisor, view(''), now);
    expect(rows[0]!.id).toBe(ids.broken);
    expect(rows[0]!.nextAction).toBe('broken_promise');
    const amountDesc = (await listQueue(supervisor, view('sort=amount'), now)).rows.map((r) => r.arrearsAtOpen);
    expect(amountDesc).toEqual([...amountDesc].sort((a, b) => b - a));
    const dpdDesc = (await listQueue(supervisor, view('sort=dpd'), now)).rows.map((r) => r.daysPastDue);
    expect(dpdDesc).toEqual([120, 70, 45, 35, 35, 20]);
    const dpdAsc = (await listQueue(supervisor, view('sort=dpd&dir=asc'), now)).rows.map((r) => r.daysPastDue);
    expect(dpdAsc).toEqual([20, 35, 35, 45, 70, 120]);
    const caseNos = (await listQueue(supervisor, view('sort=caseNo&dir=desc'), now)).rows.map((r) => r.caseNo);
    expect(caseNos).toEqual([...caseNos].sort().reverse());
  });
  it('marks near and passed deadlines and each row’s next action', async () => {
    const { rows } = await listQueue(supervisor, view('state=all'), now);
    const row = (key: string) => rows.find((r) => r.id === ids[key])!;
    expect(row('m1').deadlineStatus).toBe('near');
    expect(row('m2').deadlineStatus).toBe('passed');
    expect(row('m4').deadlineStatus).toBeNull();
    expect(row('m1').nextAction).toBe('callback');
    expect(row('m2').nextAction).toBe('propose_offer');
    expect(row('m3').nextAction).toBe('check_promise');
    expect(row('offers').nextAction).toBe('approval');
    expect(row('closed').nextAction).toBeNull();
    // A task's time is when it arose (hardship submitted two days ago, an approval asked for): pending since then, not
    // overdue; a promise's day that has passed is overdue.
    expect(row('m2')).toMatchObject({ nextActionSince: true, nextActionDue: false });
    expect(row('offers')).toMatchObject({ nextActionSince: true, nextActionDue: false });
    expect(row('m3')).toMatchObject({ nextActionSince: false, nextActionDue: true });
  });
  it('lists who may take a case only for a case the supervisor may see', async () => {
    await expect(assignableForCase(supervisor, ids.m1, now)).resolves.toEqual(await mediatorLoad(supervisor, now));
    const elsewhere = staffActor(await makeStaff(test.db, (await makeCreditor(test.db)).id, 'supervisor'));
    await expect(assignableForCase(elsewhere, ids.m1, now)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(assignableForCase(supervisor, 'not-a-case', now)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
  it('counts the KPIs of the view', async () => {
    await expect(queueKpis(supervisor, view(''), now)).resolves.toEqual({ matching: 6, dueToday: 5, deadlinesSoon: 1, brokenPromises: 1, arrears: 500_000 + 2_000_000 + 10_000_000 + 800_000 + 900_000 + 700_000 });
    await expect(queueKpis(supervisor, view('dpd=m2'), now)).resolves.toMatchObject({ matching: 3, brokenPromises: 1 });
  });
  it('counts a supervisor’s default view and each assignee’s load in one pass, as the view’s own count does', async () => {
    const centreSupervisor = staffActor(await makeStaff(test.db, null, 'supervisor'));
    const { kpis, load } = await queueCounts(supervisor, view(''), now);
    expect(kpis).toEqual({ matching: 6, dueToday: 5, deadlinesSoon: 1, brokenPromises: 1, arrears: 500_000 + 2_000_000 + 10_000_000 + 800_000 + 900_000 + 700_000 });
    expect(loadOf([{ id: mediatorA.id }, { id: mediatorB.id }, { id: supervisor.id }], load!)).toEqual(
      (await mediatorLoad(supervisor, now)).filter((l) => [mediatorA.id, mediatorB.id, supervisor.id].includes(l.staffId)).map((l) => ({ id: l.staffId, open: l.open, dueToday: l.dueToday, broken: l.broken })),
    );
    // Every view, in one pass or through its own count, counts what queueKpis counts; only supervisors see the load.
    for (const query of ['', 'state=open', `assignee=${mediatorA.id}`, `assignee=${mediatorB.id}&sort=amount&page=2`, 'assignee=none', 'assignee=me', 'state=all', 'dpd=m2', `assignee=${mediatorA.id}&promise=broken`, 'q=张']) {
      for (const actor of [supervisor, mediatorA, admin, centreSupervisor]) {
        const counts = await queueCounts(actor, view(query), now);
        expect(counts.kpis, `${actor.role} ${query}`).toEqual(await queueKpis(actor, view(query), now));
        expect(counts.load !== null).toBe(actor.role === 'supervisor');
      }
    }
    // The centre's supervisor counts every creditor's open cases: this creditor's six and the other's one.
    expect((await queueCounts(centreSupervisor, view(''), now)).kpis.matching).toBe(7);
    await expect(queueCounts({ type: 'anonymous' }, view(''), now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('who sees what', () => {
  it('a mediator sees their own cases by default and may ask for the creditor’s; never another creditor’s', async () => {
    expect(await keysOf(mediatorA, '')).toEqual(['broken', 'm1', 'm3']);
    expect(await keysOf(mediatorA, 'assignee=any&q=张伟强')).toEqual(['m1']);
    expect(await keysOf(otherSupervisor, 'q=张伟强')).toEqual(['foreign']);
  });
  it('borrowers and anonymous callers get nothing', async () => {
    await expect(listQueue({ type: 'borrower', id: ids['m1.borrower']! }, view(''), now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(queueKpis({ type: 'anonymous' }, view(''), now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('assignment', () => {
  it('a supervisor assigns one case, then every case of a view, each change audited; mediators and admins may not', async () => {
    await expect(assignCases(ctxOf(mediatorA), { caseIds: [ids.m4!], assigneeId: mediatorA.id }, now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(assignCases(ctxOf(admin), { caseIds: [ids.m4!], assigneeId: mediatorA.id }, now)).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(assignCases(ctxOf(otherSupervisor), { caseIds: [ids.m4!], assigneeId: otherSupervisor.id }, now)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(assignCases(ctxOf(supervisor), { caseIds: [ids.m4!], assigneeId: otherSupervisor.id }, now)).rejects.toMatchObject({ code: 'VALIDATION', field: 'assigneeId' });
    await expect(assignCases(ctxOf(supervisor), { caseIds: [ids.m4!], assigneeId: mediatorB.id }, now)).resolves.toEqual({ assigned: 1 });
    const events = await test.db.select().from(auditEvents).where(eq(auditEvents.entityId, ids.m4!));
    expect(events.find((e) => e.action === 'case.assigned')?.data).toMatchObject({ from: null, to: mediatorB.id });

    const all = `assignee=${mediatorB.id}`;
    await expect(assignCases(ctxOf(supervisor), { view: all, expectedCount: 2, assigneeId: mediatorA.id }, now)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(assignCases(ctxOf(supervisor), { view: all, expectedCount: 3, assigneeId: mediatorA.id }, now)).resolves.toEqual({ assigned: 3 });
    expect(await keysOf(supervisor, `assignee=${mediatorB.id}`)).toEqual([]);
    const load = await mediatorLoad(supervisor, now);
    expect(load.find((l) => l.staffId === mediatorA.id)).toMatchObject({ open: 6, broken: 1 });
    await expect(mediatorLoad(mediatorA, now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('views, export and work next', () => {
  it('saves views by name for their owner only', async () => {
    await saveView(ctxOf(mediatorA), { name: '今日到期', query: 'promise=due&page=3&bogus=1' });
    await saveView(ctxOf(mediatorA), { name: '今日到期', query: 'promise=broken' });
    const views = await listSavedViews(mediatorA);
    expect(views).toEqual([expect.objectContaining({ name: '今日到期', query: 'promise=broken' })]);
    expect(await listSavedViews(mediatorB)).toEqual([]);
    await expect(deleteView(ctxOf(mediatorB), views[0]!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await deleteView(ctxOf(mediatorA), views[0]!.id);
    await expect(saveView(ctxOf(mediatorA), { name: '  ', query: '' })).rejects.toThrow();
  });
  it('exports a view with a reason, audited with the view and its row count', async () => {
    await expect(startQueueExport(ctxOf(supervisor), { view: 'state=all', reason: '' }, now)).rejects.toMatchObject({ code: 'VALIDATION', field: 'reason' });
    const { total, batches } = await startQueueExport(ctxOf(supervisor), { view: 'state=all&dpd=m2', reason: '月度核对' }, now);
    const rows = [];
    for await (const batch of batches) rows.push(...batch);
    expect(total).toBe(4);
    expect(rows.map((r) => r.phoneMasked)).toEqual(expect.arrayContaining(['138****0002']));
    const [event] = await test.db.select().from(auditEvents).where(eq(auditEvents.action, 'queue.exported'));
    expect(event).toMatchObject({ actorId: supervisor.id, ip: meta.ip, data: { reason: '月度核对', rows: 4, view: 'state=all&dpd=m2' } });
  });
  it('works through a view in its order', async () => {
    const order = (await listQueue(supervisor, view('sort=caseNo'), now)).rows.map((r) => r.id);
    let current: string | null = await nextInQueue(supervisor, view('sort=caseNo'), undefined, now);
    const seen = [];
    while (current && seen.length < 10) {
      seen.push(current);
      current = await nextInQueue(supervisor, view('sort=caseNo'), current, now);
      if (current === seen[0]) break;
    }
    expect(seen).toEqual(order);
  });
});
