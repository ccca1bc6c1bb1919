import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, borrowers, callbacks, cases, contactRecords, paymentReversals, planInstallments, promisesToPay } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase, makePayment, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { makeExecutedPlan } from '@/lib/testing/plans';
import type { Actor, Ctx } from '../actor';
import { getCaseFile } from '../cases/case-file';
import { extendDeadline } from '../cases/extend-deadline';
import { revealBorrowerField } from '../cases/reveal-borrower';
import { addNote } from './add-note';
import { recordContact } from './record-contact';
import { checkPromises, recordPromise } from './record-promise';
import { cancelCallback, scheduleCallback } from './schedule-callback';

/**
 * Contacts, promises, notes, callbacks, reveals and deadline extensions on real PostgreSQL, each tried by the right
 * person, the wrong role and the wrong creditor. Times are Beijing's (UTC+8 all year), worked by hand.
 */
let test: TestDatabase;
type Staff = Extract<Actor, { type: 'staff' }>;
const staffActor = (row: { id: string; role: 'mediator' | 'supervisor' | 'admin'; creditorId: string | null }): Staff => ({ type: 'staff', id: row.id, role: row.role, creditorId: row.creditorId });
const ctxOf = (actor: Staff): Ctx => ({ actor, meta: { ip: '198.51.100.9' } });
const bj = (local: string) => new Date(`${local}+08:00`);
let mediator: Staff, otherMediator: Staff, supervisor: Staff, admin: Staff, foreignSupervisor: Staff, foreignMediator: Staff;
let caseId: string, loanId: string, borrowerId: string, phone: string;

const call = { channel: 'phone', direction: 'outbound', party: 'borrower', result: 'reached' } as const;

beforeAll(async () => {
  test = await createTestDatabase();
  const { db } = test;
  const creditor = await makeCreditor(db);
  const other = await makeCreditor(db);
  mediator = staffActor(await makeStaff(db, creditor.id, 'mediator'));
  otherMediator = staffActor(await makeStaff(db, creditor.id, 'mediator'));
  supervisor = staffActor(await makeStaff(db, creditor.id, 'supervisor'));
  admin = staffActor(await makeStaff(db, creditor.id, 'admin'));
  foreignSupervisor = staffActor(await makeStaff(db, other.id, 'supervisor'));
  foreignMediator = staffActor(await makeStaff(db, other.id, 'mediator'));
  const borrower = await makeBorrower(db, { fullName: '孙丽' });
  borrowerId = borrower.id;
  phone = borrower.phone;
  const made = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id, { state: 'negotiating', mediationDeadline: bj('2026-06-30T12:00:00') });
  caseId = made.case.id;
  loanId = made.loan.id;
});
afterAll(() => test.drop());

describe('recording a contact through the rules', () => {
  it('records a call the rules allow, and refuses the fourth conversation of the day, recorded as blocked with its rule and next moment', async () => {
    for (const hour of ['09', '10', '11']) expect(await recordContact(ctxOf(mediator), { caseId, ...call }, bj(`2026-06-15T${hour}:00:00`))).toMatchObject({ status: 'recorded' });
    const blocked = await recordContact(ctxOf(mediator), { caseId, ...call, note: '第四次' }, bj('2026-06-15T12:00:00'));
    // Three conversations on 15 June: the next call is allowed when the window opens on 16 June, 08:00 Beijing = 00:00Z.
    expect(blocked).toEqual({ id: expect.any(String), status: 'blocked', rule: 'contact.dailyEffective', nextAllowedAt: '2026-06-16T00:00:00.000Z' });
    const [row] = await test.db.select().from(contactRecords).where(eq(contactRecords.id, blocked.id));
    expect(row).toMatchObject({ outcome: 'blocked', blockedRule: 'contact.dailyEffective', result: null, note: '第四次', staffId: mediator.id });
    const audit = await test.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, caseId), eq(auditEvents.action, 'contact.blocked')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ rule: 'contact.dailyEffective', contactId: blocked.id });
    // The queue's fact: the latest contact made, not the blocked one.
    const [kase] = await test.db.select({ lastContactAt: cases.lastContactAt }).from(cases).where(eq(cases.id, caseId));
    expect(kase!.lastContactAt).toEqual(bj('2026-06-15T11:00:00'));
  });

  it('refuses a call at night and a text to a third party, and records an incoming call whatever the count', async () => {
    expect(await recordContact(ctxOf(mediator), { caseId, ...call }, bj('2026-06-16T21:30:00'))).toMatchObject({ status: 'blocked', rule: 'contact.hours', nextAllowedAt: '2026-06-17T00:00:00.000Z' });
    expect(await recordContact(ctxOf(mediator), { caseId, ...call, channel: 'sms', party: 'third_party', noDebtDisclosed: true }, bj('2026-06-16T10:00:00'))).toMatchObject({
      status: 'blocked',
      rule: 'contact.thirdPartyChannel',
    });
    expect(await recordContact(ctxOf(mediator), { caseId, ...call, party: 'third_party', noDebtDisclosed: false }, bj('2026-06-16T10:00:00'))).toMatchObject({ status: 'blocked', rule: 'contact.thirdPartyDisclosure' });
    // The borrower called in on the 15th, after three conversations: recorded, and not counted.
    expect(await recordContact(ctxOf(mediator), { caseId, ...call, direction: 'inbound' }, bj('2026-06-15T16:00:00'))).toMatchObject({ status: 'recorded' });
  });

  it('lets two simultaneous calls take the last conversation of a day only once', async () => {
    // 17 June: two conversations first, then two staff record the third at the same moment.
    for (const hour of ['09', '10']) await recordContact(ctxOf(mediator), { caseId, ...call }, bj(`2026-06-17T${hour}:00:00`));
    const both = await Promise.all([recordContact(ctxOf(mediator), { caseId, ...call }, bj('2026-06-17T11:00:00')), recordContact(ctxOf(supervisor), { caseId, ...call }, bj('2026-06-17T11:00:00'))]);
    expect(both.map((r) => r.status).sort()).toEqual(['blocked', 'recorded']);
  });

  it('says where the borrower stands in the case file, and merges contacts, notes and events in the timeline', async () => {
    await addNote(ctxOf(mediator), { caseId, body: '借款人说月底发工资' }, bj('2026-06-17T11:30:00'));
    const file = await getCaseFile(mediator, caseId, bj('2026-06-17T12:00:00'));
    // 17 June at noon: 3 conversations today (09, 10, 11); this week's attempts since 10 June 12:00: 15th ×3, 17th ×3 = 6 of 7.
    expect(file.status.calls).toMatchObject({ conversationsToday: 3, maxConversations: 3, attemptsThisWeek: 6, maxAttempts: 7 });
    expect(file.status.channels.phone).toMatchObject({ allowed: false, rule: 'contact.dailyEffective', next: { day: 'tomorrow', time: '08:00' } });
    expect(file.timeline[0]).toMatchObject({ kind: 'note', note: { body: '借款人说月底发工资' } });
    expect(file.timeline.filter((e) => e.kind === 'contact')).toHaveLength(file.contacts.length);
    const times = file.timeline.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('refuses the wrong role and the wrong creditor', async () => {
    await expect(recordContact(ctxOf(foreignMediator), { caseId, ...call }, bj('2026-06-18T10:00:00'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(recordContact(ctxOf(otherMediator), { caseId, ...call }, bj('2026-06-18T10:00:00'))).rejects.toMatchObject({ code: 'NOT_ASSIGNED' });
    await expect(recordContact(ctxOf(admin), { caseId, ...call }, bj('2026-06-18T10:00:00'))).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(addNote(ctxOf(foreignSupervisor), { caseId, body: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(addNote(ctxOf(admin), { caseId, body: 'x' })).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(recordPromise(ctxOf(otherMediator), { caseId, promiseDate: '2026-06-20', promiseAmount: '100' }, bj('2026-06-18T10:00:00'))).rejects.toMatchObject({ code: 'NOT_ASSIGNED' });
    await expect(scheduleCallback(ctxOf(foreignMediator), { caseId, dueAt: '2026-06-19T10:00' }, bj('2026-06-18T10:00:00'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revealBorrowerField(ctxOf(foreignSupervisor), { caseId, field: 'phone', reason: '核实' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getCaseFile(foreignMediator, caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getCaseFile({ type: 'borrower', id: borrowerId }, caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const extension = { caseId, days: 5, reason: '双方同意', borrowerAgreed: true };
    await expect(extendDeadline(ctxOf(mediator), extension)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(extendDeadline(ctxOf(admin), extension)).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(extendDeadline(ctxOf(foreignSupervisor), extension)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await test.db.select().from(contactRecords).where(eq(contactRecords.staffId, foreignMediator.id))).toEqual([]);
  });
});

describe('promises to pay', () => {
  it('is broken by the job once its day and grace have passed without the money, and tops the queue', async () => {
    // Made on 18 June (Beijing) for 20 June, 3 grace days: checked from 24 June 00:00 Beijing = 23 June 16:00Z.
    const { id } = await recordPromise(ctxOf(mediator), { caseId, promiseDate: '2026-06-20', promiseAmount: '1,500.00' }, bj('2026-06-18T10:00:00'));
    const [row] = await test.db.select().from(promisesToPay).where(eq(promisesToPay.id, id));
    expect(row).toMatchObject({ amount: 150_000, madeOn: '2026-06-18', graceDays: 3, status: 'open', dueAt: new Date('2026-06-23T16:00:00Z') });
    // 1,000 yuan arrives in time: not enough.
    await makePayment(test.db, loanId, { receivedOn: '2026-06-21', amount: 100_000 });
    expect(await checkPromises(new Date('2026-06-23T15:59:59Z'))).toEqual({ kept: 0, broken: 0 });
    expect(await checkPromises(new Date('2026-06-23T16:00:00Z'))).toEqual({ kept: 0, broken: 1 });
    expect(await checkPromises(new Date('2026-06-23T16:00:00Z'))).toEqual({ kept: 0, broken: 0 });
    const [after] = await test.db.select().from(promisesToPay).where(eq(promisesToPay.id, id));
    expect(after).toMatchObject({ status: 'broken', paidAmount: 100_000 });
    const [kase] = await test.db.select({ priority: cases.priority, nextAction: cases.nextAction, brokenAt: cases.promiseBrokenAt }).from(cases).where(eq(cases.id, caseId));
    expect(kase).toMatchObject({ priority: 0, nextAction: 'broken_promise' });
    expect(kase!.brokenAt).not.toBeNull();
  });

  it('is kept as soon as the payments since it was made reach the amount', async () => {
    const { id } = await recordPromise(ctxOf(mediator), { caseId, promiseDate: '2026-06-26', promiseAmount: '800' }, bj('2026-06-24T10:00:00'));
    // A transfer that bounced (reversed) keeps nothing; the one that follows does.
    const bounced = await makePayment(test.db, loanId, { receivedOn: '2026-06-25', amount: 80_000 });
    await test.db.insert(paymentReversals).values({ paymentId: bounced.id, reason: '退票', reversedById: mediator.id });
    expect(await checkPromises(bj('2026-06-25T18:00:00'))).toEqual({ kept: 0, broken: 0 });
    await makePayment(test.db, loanId, { receivedOn: '2026-06-25', amount: 80_000 });
    expect(await checkPromises(bj('2026-06-25T18:00:00'))).toEqual({ kept: 1, broken: 0 });
    const [after] = await test.db.select().from(promisesToPay).where(eq(promisesToPay.id, id));
    expect(after).toMatchObject({ status: 'kept', paidAmount: 80_000 });
  });

  it('refuses a day in the past or beyond the horizon, and a promise given through a contact is recorded with it', async () => {
    await expect(recordPromise(ctxOf(mediator), { caseId, promiseDate: '2026-06-24', promiseAmount: '100' }, bj('2026-06-25T10:00:00'))).rejects.toMatchObject({ field: 'promiseDate', message: 'validation.promisePast' });
    await expect(recordPromise(ctxOf(mediator), { caseId, promiseDate: '2026-09-01', promiseAmount: '100' }, bj('2026-06-25T10:00:00'))).rejects.toMatchObject({ field: 'promiseDate', message: 'validation.promiseFar' });
    const contact = await recordContact(ctxOf(mediator), { caseId, ...call, result: 'promise_to_pay', promiseDate: '2026-06-30', promiseAmount: '2000' }, bj('2026-06-25T10:00:00'));
    expect(contact.status).toBe('recorded');
    const [promise] = await test.db.select().from(promisesToPay).where(eq(promisesToPay.contactId, contact.id));
    expect(promise).toMatchObject({ amount: 200_000, promisedOn: '2026-06-30', status: 'open' });
  });

  it('refuses a promise for more than the borrower would owe in all by its day (71113 typed for 7111.3), beside the amount', async () => {
    const now = bj('2026-06-25T10:00:00');
    const attempt = (promiseAmount: string) => recordPromise(ctxOf(mediator), { caseId, promiseDate: '2026-06-30', promiseAmount }, now);
    const refused = await attempt('1,000,000').catch((error: unknown) => error as { field: string; message: string; params: { max: number } });
    expect(refused).toMatchObject({ field: 'promiseAmount', message: 'validation.promiseAboveOwed' });
    // Nothing of the ¥60,000 principal has fallen away (¥1,000 + ¥800 + ¥2,000 paid against six months of installments
    // and their charges), and by the legal cap the charges on it cannot pass 24% a year for the 197 days since 15 Dec 2025.
    const { max } = (refused as { params: { max: number } }).params;
    expect(max).toBeGreaterThan(60_000 - 1_800);
    expect(max).toBeLessThanOrEqual(60_000 + (60_000 * 0.24 * 197) / 365);
    await expect(attempt((max + 0.01).toFixed(2))).rejects.toMatchObject({ field: 'promiseAmount', message: 'validation.promiseAboveOwed' });
    await expect(attempt('71113')).rejects.toMatchObject({ field: 'promiseAmount' });
    await expect(recordContact(ctxOf(mediator), { caseId, ...call, result: 'promise_to_pay', promiseDate: '2026-06-30', promiseAmount: '1000000' }, now)).rejects.toMatchObject({ field: 'promiseAmount', message: 'validation.promiseAboveOwed' });
    const { id } = await attempt(max.toFixed(2));
    const [row] = await test.db.select().from(promisesToPay).where(eq(promisesToPay.id, id));
    expect(row!.amount).toBe(Math.round(max * 100));
  });

  it('while a plan runs, takes a promise of everything left on the plan', async () => {
    const plan = await makeExecutedPlan(test.db);
    const planMediator = staffActor({ id: plan.mediator.id, role: 'mediator', creditorId: plan.creditor.id });
    const rows = await test.db.select().from(planInstallments).where(eq(planInstallments.agreementId, plan.agreementId));
    const left = rows.reduce((sum, r) => sum + r.amount - r.paidAmount, 0);
    const day = rows.map((r) => r.dueDate).sort()[0]!;
    const promise = (amount: number) => recordPromise(ctxOf(planMediator), { caseId: plan.kase.id, promiseDate: day, promiseAmount: (amount / 100).toFixed(2) });
    await expect(promise(left * 10)).rejects.toMatchObject({ field: 'promiseAmount', message: 'validation.promiseAboveOwed' });
    const { id } = await promise(left);
    const [row] = await test.db.select().from(promisesToPay).where(eq(promisesToPay.id, id));
    expect(row).toMatchObject({ amount: left, status: 'open' });
  });
});

describe('callbacks, reveals and deadline extensions', () => {
  it('schedules a callback only at a time the hours rules allow, and cancels it', async () => {
    await expect(scheduleCallback(ctxOf(mediator), { caseId, dueAt: '2026-06-26T22:00' }, bj('2026-06-25T10:00:00'))).rejects.toMatchObject({ message: 'validation.callbackHours' });
    await test.db.update(borrowers).set({ contactPreferences: { quietHours: { start: '12:00', end: '14:00' } } }).where(eq(borrowers.id, borrowerId));
    await expect(scheduleCallback(ctxOf(mediator), { caseId, dueAt: '2026-06-26T12:30' }, bj('2026-06-25T10:00:00'))).rejects.toMatchObject({ message: 'validation.callbackQuiet' });
    await expect(scheduleCallback(ctxOf(mediator), { caseId, dueAt: '2026-06-25T09:00' }, bj('2026-06-25T10:00:00'))).rejects.toMatchObject({ message: 'validation.callbackPast' });
    const { id } = await scheduleCallback(ctxOf(mediator), { caseId, dueAt: '2026-06-26T15:30', note: '下午再打' }, bj('2026-06-25T10:00:00'));
    const [row] = await test.db.select().from(callbacks).where(eq(callbacks.id, id));
    expect(row!.dueAt).toEqual(new Date('2026-06-26T07:30:00Z'));
    // The same callback sent eight times at once (a double click, retries) is one callback.
    const again = await Promise.all(Array.from({ length: 8 }, () => scheduleCallback(ctxOf(mediator), { caseId, dueAt: '2026-06-26T15:30', note: '下午再打' }, bj('2026-06-25T10:00:00'))));
    expect(new Set(again.map((r) => r.id))).toEqual(new Set([id]));
    expect(await test.db.select().from(callbacks).where(and(eq(callbacks.caseId, caseId), eq(callbacks.status, 'open')))).toHaveLength(1);
    // A day that does not exist is refused, not rolled over into 4 July.
    await expect(scheduleCallback(ctxOf(mediator), { caseId, dueAt: '2026-06-34T10:00' }, bj('2026-06-25T10:00:00'))).rejects.toHaveProperty('issues');
    await cancelCallback(ctxOf(mediator), { caseId, callbackId: id });
    await expect(cancelCallback(ctxOf(mediator), { caseId, callbackId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reveals the phone and the resident ID only with a reason, and audits who, from where and why', async () => {
    await expect(revealBorrowerField(ctxOf(mediator), { caseId, field: 'phone', reason: '' })).rejects.toThrow();
    expect(await revealBorrowerField(ctxOf(mediator), { caseId, field: 'phone', reason: '核实回电号码' })).toEqual({ value: phone });
    expect((await revealBorrowerField(ctxOf(admin), { caseId, field: 'residentId', reason: '核对身份' })).value).toMatch(/^\d{17}[\dX]$/);
    const events = await test.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, caseId), eq(auditEvents.action, 'borrower.revealed')));
    expect(events.map((e) => [e.actorId, e.ip, e.data.field, e.data.reason])).toEqual([
      [mediator.id, '198.51.100.9', 'phone', '核实回电号码'],
      [admin.id, '198.51.100.9', 'residentId', '核对身份'],
    ]);
  });

  it('lets a supervisor extend the deadline with a reason and the borrower’s agreement, recorded', async () => {
    await expect(extendDeadline(ctxOf(supervisor), { caseId, days: 5, reason: '双方同意', borrowerAgreed: false })).rejects.toThrow();
    const { deadline } = await extendDeadline(ctxOf(supervisor), { caseId, days: '5', reason: '借款人同意延期', borrowerAgreed: true }, bj('2026-06-25T10:00:00'));
    expect(deadline).toBe(bj('2026-07-05T12:00:00').toISOString());
    const [kase] = await test.db.select({ deadline: cases.mediationDeadline, extensions: cases.deadlineExtensions }).from(cases).where(eq(cases.id, caseId));
    expect(kase).toEqual({ deadline: bj('2026-07-05T12:00:00'), extensions: 1 });
    const [event] = await test.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, caseId), eq(auditEvents.action, 'case.deadline_extended')));
    expect(event!.data).toMatchObject({ days: 5, reason: '借款人同意延期', from: bj('2026-06-30T12:00:00').toISOString() });
  });
});
