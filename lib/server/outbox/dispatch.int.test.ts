import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { borrowers, contactRecords, creditors, notifications } from '@/db/schema';
import { localTime } from '@/lib/domain/contact-rules';
import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { notifyBorrower } from '../notify-borrower';
import { useChannels, type OutboxMessage } from './channels';
import { dispatchOutbox } from './dispatch';

/**
 * The dispatcher decides each governed message when it would send it: a message the contact rules block is
 * deferred to the next allowed moment (never dropped, never sent early) and the blocked attempt recorded; two
 * dispatchers at once send each message once.
 */
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
afterEach(() => useChannels(null));

async function borrowerWithCase(overrides: Parameters<typeof makeBorrower>[1] = {}) {
  const creditor = await makeCreditor(test.db);
  const borrower = await makeBorrower(test.db, { timezone: 'Asia/Shanghai', ...overrides });
  const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id);
  return { creditor, borrower, kase };
}

describe('dispatching the outbox through the contact rules', () => {
  it('defers a message written at night to 08:00 the next morning, records the blocked attempt, and sends it then, not before', async () => {
    const { creditor, borrower, kase } = await borrowerWithCase();
    const night = new Date('2026-03-02T14:30:00Z'); // 22:30 in Shanghai
    await notifyBorrower(test.db, { caseId: kase.id, creditorId: creditor.id, borrowerId: borrower.id, template: 'offerExpired', values: { caseNo: kase.caseNo }, now: night });
    const sms = () => test.db.select().from(notifications).where(and(eq(notifications.recipientId, borrower.id), eq(notifications.channel, 'sms')));
    const contacts = () => test.db.select().from(contactRecords).where(eq(contactRecords.borrowerId, borrower.id)).orderBy(contactRecords.at);

    await dispatchOutbox(test.db, { now: night });
    const [deferred] = await sms();
    expect(deferred).toMatchObject({ status: 'pending', deferredBy: 'contact.hours', deferrals: 1 });
    expect(deferred!.scheduledAt.toISOString()).toBe('2026-03-03T00:00:00.000Z'); // 08:00 in Shanghai
    expect((await contacts()).map((c) => [c.outcome, c.blockedRule, c.channel])).toEqual([['blocked', 'contact.hours', 'sms']]);
    // In-app is not contact: delivered at once.
    expect((await test.db.select().from(notifications).where(and(eq(notifications.recipientId, borrower.id), eq(notifications.channel, 'in_app'))))[0]!.status).toBe('sent');

    await dispatchOutbox(test.db, { now: new Date('2026-03-02T23:59:00Z') });
    expect((await sms())[0]!.status).toBe('pending');
    await dispatchOutbox(test.db, { now: new Date('2026-03-03T00:00:00Z') });
    const [sent] = await sms();
    expect(sent).toMatchObject({ status: 'sent', deferrals: 1 });
    expect(localTime(sent!.sentAt!, 'Asia/Shanghai').minute).toBe(8 * 60);
    expect((await contacts()).map((c) => c.outcome)).toEqual(['blocked', 'attempted']);
  });

  it('honours the borrower’s quiet hours and a mandatory message’s exemption from opt-outs only', async () => {
    const { creditor, borrower, kase } = await borrowerWithCase();
    await test.db
      .update(borrowers)
      .set({ contactPreferences: { quietHours: { start: '12:00', end: '14:00' }, optOut: { sms: true } } })
      .where(eq(borrowers.id, borrower.id));
    const noon = new Date('2026-03-02T04:30:00Z'); // 12:30 in Shanghai
    await notifyBorrower(test.db, { caseId: kase.id, creditorId: creditor.id, borrowerId: borrower.id, template: 'offerExpired', values: { caseNo: kase.caseNo }, now: noon });
    await notifyBorrower(test.db, { caseId: kase.id, creditorId: creditor.id, borrowerId: borrower.id, template: 'agreementSuperseded', values: { agreementNo: 'A-1', reason: 'x' }, mandatory: true, now: noon });
    await dispatchOutbox(test.db, { now: noon });
    const rows = await test.db.select().from(notifications).where(and(eq(notifications.recipientId, borrower.id), eq(notifications.channel, 'sms')));
    // The opted-out channel ends the ordinary message at once (no moment is ever allowed for it), recorded as
    // blocked; the mandatory one ignores the opt-out but not the quiet hours: it waits until 14:00.
    expect(rows.map((r) => [r.template, r.status, r.deferredBy, r.status === 'pending' ? r.scheduledAt.toISOString() : null]).sort()).toEqual([
      ['agreementSuperseded', 'pending', 'contact.quietHours', '2026-03-02T06:00:00.000Z'],
      ['offerExpired', 'blocked', 'contact.quietHours', null],
    ]);
    await dispatchOutbox(test.db, { now: new Date('2026-03-02T06:00:00Z') });
    const after = await test.db.select().from(notifications).where(and(eq(notifications.recipientId, borrower.id), eq(notifications.channel, 'sms')));
    expect(after.map((r) => [r.template, r.status]).sort()).toEqual([
      ['agreementSuperseded', 'sent'],
      ['offerExpired', 'blocked'],
    ]);
  });

  it('a day’s message limit defers the third text to the creditor’s window opening next day in the borrower’s own zone (across a change of clocks), never earlier', async () => {
    const { creditor, borrower, kase } = await borrowerWithCase({ timezone: 'Europe/Berlin' });
    // The creditor's window is narrower than the legal one: 09:30–20:00; two texts a day.
    await test.db.update(creditors).set({ policy: sql`jsonb_set(jsonb_set(${creditors.policy}, '{contact,windowStart}', '"09:30"'), '{contact,windowEnd}', '"20:00"')` }).where(eq(creditors.id, creditor.id));
    const evening = new Date('2026-03-28T18:00:00Z'); // Saturday 19:00 in Berlin (CET); clocks go forward that night
    for (const caseNo of ['A', 'B', 'C']) await notifyBorrower(test.db, { caseId: kase.id, creditorId: creditor.id, borrowerId: borrower.id, template: 'offerExpired', values: { caseNo }, now: evening });
    expect(await dispatchOutbox(test.db, { now: evening })).toMatchObject({ deferred: 1 });
    const texts = () => test.db.select().from(notifications).where(and(eq(notifications.recipientId, borrower.id), eq(notifications.channel, 'sms')));
    const [held] = (await texts()).filter((m) => m.status === 'pending');
    expect(held).toMatchObject({ deferredBy: 'contact.dailyMessages', deferrals: 1 });
    expect(held!.scheduledAt.toISOString()).toBe('2026-03-29T07:30:00.000Z'); // Sunday 09:30 in Berlin, now CEST (UTC+2)
    // Every minute until then, the dispatcher leaves it; at 09:30 it goes, and nothing went out of the window.
    for (const at of ['2026-03-28T18:59:00Z', '2026-03-29T06:00:00Z', '2026-03-29T07:29:00Z']) await dispatchOutbox(test.db, { now: new Date(at) });
    expect((await texts()).filter((m) => m.status === 'sent')).toHaveLength(2);
    await dispatchOutbox(test.db, { now: new Date('2026-03-29T07:30:00Z') });
    const sent = (await texts()).filter((m) => m.status === 'sent');
    expect(sent).toHaveLength(3);
    for (const m of sent) {
      const { minute } = localTime(m.sentAt!, 'Europe/Berlin');
      expect(minute).toBeGreaterThanOrEqual(9 * 60 + 30);
      expect(minute).toBeLessThan(20 * 60);
    }
  });

  it('two dispatchers at once send every message exactly once, and record one contact for each', async () => {
    const creditor = await makeCreditor(test.db);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const borrower = await makeBorrower(test.db, { timezone: 'Asia/Shanghai' });
      const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id);
      ids.push(borrower.id);
      await notifyBorrower(test.db, { caseId: kase.id, creditorId: creditor.id, borrowerId: borrower.id, template: 'offerExpired', values: { caseNo: kase.caseNo }, now: new Date('2026-03-02T02:00:00Z') });
    }
    const delivered: OutboxMessage[] = [];
    // A provider channel (one message per transaction), slow enough that the two dispatchers overlap.
    useChannels({ sms: { name: 'recording', transactional: false, send: async (m) => void (await new Promise((r) => setTimeout(r, 2)), delivered.push(m)) } });
    const now = new Date('2026-03-02T02:00:00Z'); // 10:00 in Shanghai
    const [a, b] = await Promise.all([dispatchOutbox(test.db, { now }), dispatchOutbox(test.db, { now })]);
    expect(a.sent + b.sent).toBe(120); // the 60 SMS and their 60 in-app copies
    expect(new Set(delivered.map((m) => m.id)).size).toBe(60);
    expect(delivered.length).toBe(60);
    const records = await test.db.select({ n: sql<number>`count(*)::int` }).from(contactRecords).where(inArray(contactRecords.borrowerId, ids));
    expect(records[0]!.n).toBe(60);
  });
});
