import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, notifications } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { makeActivePlan } from '@/lib/testing/plan-factory';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { warnMediationDeadlines } from '../cases/deadline-warnings';
import { sendInstallmentReminders } from './installment-reminders';

/**
 * The scheduled reminders on real PostgreSQL with a controllable clock: installment reminders 3 days before and
 * on the due date, mediation-window warnings 5 days and 1 day before the deadline; each once, however many
 * workers run the job at the same moment or how often it runs.
 */
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('installment reminders', () => {
  it('reminds three days before and on the due day, by the borrower’s calendar, once each with two workers at once', async () => {
    const creditor = await makeCreditor(test.db);
    const borrower = await makeBorrower(test.db, { timezone: 'Asia/Shanghai' });
    const plan = await makeActivePlan(test.db, creditor.id, borrower.id, [
      { dueDate: '2026-03-01', amount: 50_000, status: 'paid' },
      { dueDate: '2026-03-10', amount: 50_000 },
      { dueDate: '2026-04-10', amount: 50_000 },
    ]);
    const sms = () =>
      test.db
        .select({ template: notifications.template, body: notifications.body, scheduledAt: notifications.scheduledAt })
        .from(notifications)
        .where(and(eq(notifications.caseId, plan.case.id), eq(notifications.channel, 'sms')))
        .orderBy(notifications.createdAt);

    // 2026-03-06 23:30 in Shanghai is still four days before: nothing.
    await sendInstallmentReminders(new Date('2026-03-06T15:30:00Z'));
    expect(await sms()).toEqual([]);
    // 00:30 on the 7th in Shanghai (still the 6th in UTC): three days before, by the borrower's calendar.
    const [a, b] = await Promise.all([sendInstallmentReminders(new Date('2026-03-06T16:30:00Z')), sendInstallmentReminders(new Date('2026-03-06T16:30:00Z'))]);
    expect(a.before + b.before).toBe(1);
    await sendInstallmentReminders(new Date('2026-03-08T02:00:00Z'));
    expect((await sms()).map((m) => m.template)).toEqual(['installmentReminder']);
    expect((await sms())[0]!.body).toContain('2026年3月10日');
    // The due day: the second reminder, once.
    await Promise.all([sendInstallmentReminders(new Date('2026-03-10T01:00:00Z')), sendInstallmentReminders(new Date('2026-03-10T01:00:00Z'))]);
    await sendInstallmentReminders(new Date('2026-03-10T09:00:00Z'));
    expect((await sms()).map((m) => m.template)).toEqual(['installmentReminder', 'installmentDue']);
    // The paid installment was never reminded of; the next one is not yet.
    expect((await sms()).every((m) => !m.body.includes('第 1 期') && !m.body.includes('installment 1 '))).toBe(true);
  });

  it('says nothing about a plan that is no longer in force', async () => {
    const creditor = await makeCreditor(test.db);
    const borrower = await makeBorrower(test.db);
    const plan = await makeActivePlan(test.db, creditor.id, borrower.id, [{ dueDate: '2026-05-10', amount: 10_000 }]);
    await test.db.update(cases).set({ state: 'closed' }).where(eq(cases.id, plan.case.id));
    await sendInstallmentReminders(new Date('2026-05-08T02:00:00Z'));
    expect(await test.db.select().from(notifications).where(eq(notifications.caseId, plan.case.id))).toEqual([]);
  });
});

describe('mediation-window warnings', () => {
  it('warns the mediator 5 days and 1 day before the deadline, once each, and the supervisors of an unassigned case', async () => {
    const creditor = await makeCreditor(test.db);
    const mediator = await makeStaff(test.db, creditor.id, 'mediator');
    const supervisor = await makeStaff(test.db, creditor.id, 'supervisor');
    const assigned = await makeLoanWithCase(test.db, creditor.id, (await makeBorrower(test.db)).id, mediator.id);
    const unassigned = await makeLoanWithCase(test.db, creditor.id, (await makeBorrower(test.db)).id);
    const deadline = new Date('2026-04-30T16:00:00Z');
    await test.db.update(cases).set({ mediationDeadline: deadline }).where(inArray(cases.id, [assigned.case.id, unassigned.case.id]));
    const warnings = () =>
      test.db
        .select({ to: notifications.recipientId, caseId: notifications.caseId, body: notifications.body })
        .from(notifications)
        .where(and(inArray(notifications.caseId, [assigned.case.id, unassigned.case.id]), eq(notifications.template, 'mediationDeadlineWarning')));

    await warnMediationDeadlines(new Date('2026-04-25T15:00:00Z')); // 5 days and an hour before: not yet
    expect(await warnings()).toEqual([]);
    await Promise.all([warnMediationDeadlines(new Date('2026-04-25T16:00:00Z')), warnMediationDeadlines(new Date('2026-04-25T16:00:00Z'))]);
    await warnMediationDeadlines(new Date('2026-04-27T08:00:00Z'));
    const five = await warnings();
    expect(five.map((w) => [w.caseId, w.to]).sort()).toEqual(
      [
        [assigned.case.id, mediator.id],
        [unassigned.case.id, supervisor.id],
      ].sort(),
    );
    expect(five[0]!.body).toMatch(/5/);
    await Promise.all([warnMediationDeadlines(new Date('2026-04-29T17:00:00Z')), warnMediationDeadlines(new Date('2026-04-29T17:00:00Z'))]);
    expect((await warnings()).length).toBe(4);
    // An extension moves the deadline: warned again for the new one.
    await test.db.update(cases).set({ mediationDeadline: new Date('2026-05-10T16:00:00Z') }).where(eq(cases.id, assigned.case.id));
    await warnMediationDeadlines(new Date('2026-05-06T16:00:00Z'));
    expect((await warnings()).filter((w) => w.caseId === assigned.case.id).length).toBe(3);
  });
});
