import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffUsers } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Actor, Ctx } from '../actor';
import { addNote } from '../contacts/add-note';
import { recordContact } from '../contacts/record-contact';
import { recordPromise } from '../contacts/record-promise';
import { scheduleCallback } from '../contacts/schedule-callback';
import { getCaseFile } from './case-file';
import { postCaseMessage } from './case-messages';
import { extendDeadline } from './extend-deadline';

/**
 * The case file's working half, read in one statement: every list with its rows as the page shows them (times as ISO
 * instants, amounts as numbers, the staff member behind each by name, the borrower by theirs), newest first, and the
 * rule status from the borrower's contacts on every case. Times are Beijing's (UTC+8), worked by hand.
 */
let test: TestDatabase;
type Staff = Extract<Actor, { type: 'staff' }>;
const bj = (local: string) => new Date(`${local}+08:00`);
let mediator: Staff, supervisor: Staff;
let caseId: string, otherCaseId: string, borrowerId: string;
const ctxOf = (actor: Actor): Ctx => ({ actor, meta: { ip: '198.51.100.7' } });

beforeAll(async () => {
  test = await createTestDatabase();
  const { db } = test;
  const creditor = await makeCreditor(db);
  const m = await makeStaff(db, creditor.id, 'mediator');
  const s = await makeStaff(db, creditor.id, 'supervisor');
  await db.update(staffUsers).set({ name: '王调解' }).where(eq(staffUsers.id, m.id));
  await db.update(staffUsers).set({ name: '李主管' }).where(eq(staffUsers.id, s.id));
  mediator = { type: 'staff', id: m.id, role: 'mediator', creditorId: creditor.id };
  supervisor = { type: 'staff', id: s.id, role: 'supervisor', creditorId: creditor.id };
  const borrower = await makeBorrower(db, { fullName: '周敏' });
  borrowerId = borrower.id;
  caseId = (await makeLoanWithCase(db, creditor.id, borrower.id, m.id, { state: 'negotiating', mediationDeadline: bj('2026-07-30T12:00:00') })).case.id;
  // The same borrower's other case: its calls count against the rules on this one too, and are not listed here.
  otherCaseId = (await makeLoanWithCase(db, creditor.id, borrower.id, m.id, { state: 'negotiating' })).case.id;
});
afterAll(() => test.drop());

describe('the case file', () => {
  it('lists contacts, notes, promises, callbacks, messages and events with who made them, newest first, and counts every case of the borrower against the rules', async () => {
    const asMediator = ctxOf(mediator);
    await recordContact(asMediator, { caseId, channel: 'phone', direction: 'outbound', party: 'borrower', result: 'no_answer', note: '未接' }, bj('2026-07-01T09:00:00'));
    await recordContact(asMediator, { caseId: otherCaseId, channel: 'phone', direction: 'outbound', party: 'borrower', result: 'reached' }, bj('2026-07-01T09:30:00'));
    await recordContact(
      asMediator,
      { caseId, channel: 'phone', direction: 'outbound', party: 'borrower', result: 'promise_to_pay', promiseDate: '2026-07-05', promiseAmount: '1,234.50' },
      bj('2026-07-01T10:00:00'),
    );
    await addNote(asMediator, { caseId, body: '借款人月底发工资' }, bj('2026-07-01T10:30:00'));
    await recordPromise(asMediator, { caseId, promiseDate: '2026-07-10', promiseAmount: '800' }, bj('2026-07-01T10:40:00'));
    await scheduleCallback(asMediator, { caseId, dueAt: '2026-07-02T15:00', note: '确认还款' }, bj('2026-07-01T10:45:00'));
    await postCaseMessage(ctxOf({ type: 'borrower', id: borrowerId }), { caseId, body: '我能分期吗？' });
    await postCaseMessage(asMediator, { caseId, body: '可以，请先提交困难说明。' });
    await extendDeadline(ctxOf(supervisor), { caseId, days: 5, reason: '双方同意', borrowerAgreed: true });

    const file = await getCaseFile(supervisor, caseId, bj('2026-07-01T11:00:00'));
    // Two of this case's calls and the other case's are this morning's: 2 conversations (the other case's and the promise), 3 attempts.
    expect(file.status.calls).toMatchObject({ conversationsToday: 2, attemptsThisWeek: 3 });
    expect(file.contacts).toEqual([
      expect.objectContaining({ at: '2026-07-01T02:00:00.000Z', channel: 'phone', direction: 'outbound', party: 'borrower', outcome: 'effective', result: 'promise_to_pay', blockedRule: null, note: null, staff: '王调解' }),
      expect.objectContaining({ at: '2026-07-01T01:00:00.000Z', outcome: 'unanswered', result: 'no_answer', note: '未接', staff: '王调解' }),
    ]);
    expect(file.notes).toEqual([{ id: expect.any(String), at: '2026-07-01T02:30:00.000Z', body: '借款人月底发工资', author: '王调解' }]);
    // Amounts in fen as numbers, newest first: the promise recorded on its own replaced the one given in the call.
    expect(file.promises.map((p) => [p.promisedOn, p.amount, p.status, p.author])).toEqual([
      ['2026-07-10', 80_000, 'open', '王调解'],
      ['2026-07-05', 123_450, 'cancelled', '王调解'],
    ]);
    expect(file.promises[0]!.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(file.callbacks).toEqual([{ id: expect.any(String), dueAt: '2026-07-02T07:00:00.000Z', note: '确认还款', status: 'open', staff: '王调解' }]);
    const messages = file.timeline.filter((e) => e.kind === 'message');
    expect(messages.map((m) => m.kind === 'message' && [m.author, m.name, m.body])).toEqual([
      ['staff', '王调解', '可以，请先提交困难说明。'],
      ['borrower', '周敏', '我能分期吗？'],
    ]);
    // The supervisor's extension is an audit event on the case, named; contacts and notes appear once, from their own tables.
    const extension = file.timeline.find((e) => e.kind === 'event' && e.action === 'case.deadline_extended');
    expect(extension).toMatchObject({ kind: 'event', actorType: 'staff', name: '李主管', data: expect.objectContaining({ reason: '双方同意' }) });
    expect(file.timeline.filter((e) => e.kind === 'contact')).toHaveLength(2);
    expect(file.timeline.filter((e) => e.kind === 'note')).toHaveLength(1);
    expect(file.timeline.some((e) => e.kind === 'event' && ['contact.recorded', 'note.added', 'case.message_posted'].includes(e.action))).toBe(false);
    const times = file.timeline.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(times.every((t) => /Z$/.test(t))).toBe(true);
  });

  it('shows the newest 50 timeline entries and says there are more; the whole timeline on asking', async () => {
    const { db } = test;
    const borrower = await makeBorrower(db, { fullName: '钱多' });
    const creditorId = mediator.creditorId!;
    const { case: kase } = await makeLoanWithCase(db, creditorId, borrower.id, mediator.id, { state: 'negotiating' });
    // 55 notes, one a minute: the newest is the 55th.
    for (let i = 1; i <= 55; i++) await addNote(ctxOf(mediator), { caseId: kase.id, body: `第${i}条` }, new Date(Date.UTC(2026, 6, 2, 1, i)));
    const recent = await getCaseFile(mediator, kase.id, bj('2026-07-02T12:00:00'));
    expect(recent.timeline).toHaveLength(50);
    expect(recent.timelineMore).toBe(true);
    expect(recent.timeline[0]).toMatchObject({ kind: 'note', note: { body: '第55条' } });
    expect(recent.timeline[49]).toMatchObject({ kind: 'note', note: { body: '第6条' } });
    const whole = await getCaseFile(mediator, kase.id, bj('2026-07-02T12:00:00'), { wholeTimeline: true });
    expect(whole.timeline).toHaveLength(55);
    expect(whole.timelineMore).toBe(false);
    expect(whole.timeline.at(-1)).toMatchObject({ kind: 'note', note: { body: '第1条' } });
    // The notes card reads the newest five either way.
    expect(recent.notes.slice(0, 5).map((n) => n.body)).toEqual(['第55条', '第54条', '第53条', '第52条', '第51条']);
  });
});
