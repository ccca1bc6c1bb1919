import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, borrowers, contactRecords } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Ctx } from '../actor';
import { notifyBorrower } from '../notify-borrower';
import { dispatchOutbox } from '../outbox/dispatch';
import { getContactSettings, updateContactSettings } from './contact-settings';

let test: TestDatabase;
let borrowerId: string, caseId: string, creditorId: string, staffId: string;
const bj = (local: string) => new Date(`${local}+08:00`);
const settings = { quiet: true, quietStart: '12:00', quietEnd: '14:00', optOutSms: false, optOutEmail: true, optOutPhone: false };

beforeAll(async () => {
  test = await createTestDatabase();
  const creditor = await makeCreditor(test.db);
  creditorId = creditor.id;
  staffId = (await makeStaff(test.db, creditor.id, 'mediator')).id;
  const borrower = await makeBorrower(test.db);
  borrowerId = borrower.id;
  caseId = (await makeLoanWithCase(test.db, creditor.id, borrower.id)).case.id;
});
afterAll(() => test.drop());

const borrowerCtx = (): Ctx => ({ actor: { type: 'borrower', id: borrowerId }, meta: { ip: '203.0.113.5' } });

describe('the borrower’s own contact settings', () => {
  it('saves quiet hours and opt-outs, audited with before and after, and reads them back', async () => {
    await updateContactSettings(borrowerCtx(), settings);
    expect(await getContactSettings(borrowerCtx().actor)).toEqual({ quietHours: { start: '12:00', end: '14:00' }, optOut: { sms: false, email: true, phone: false }, timeZone: 'Asia/Shanghai' });
    const [event] = await test.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, borrowerId), eq(auditEvents.action, 'borrower.contact_settings_changed')));
    expect(event!.data).toEqual({ before: {}, after: { quietHours: { start: '12:00', end: '14:00' }, optOut: { sms: false, email: true, phone: false } } });
  });

  it('refuses a bad time or equal start and end beside the field, and anyone but the borrower', async () => {
    await expect(updateContactSettings(borrowerCtx(), { ...settings, quietStart: '25:00' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['quietStart'], message: 'validation.time' })] });
    await expect(updateContactSettings(borrowerCtx(), { ...settings, quietEnd: '12:00' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['quietEnd'], message: 'validation.quietSame' })] });
    await expect(updateContactSettings({ actor: { type: 'staff', id: staffId, role: 'mediator', creditorId }, meta: {} }, settings)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getContactSettings({ type: 'anonymous' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [row] = await test.db.select({ prefs: borrowers.contactPreferences }).from(borrowers).where(eq(borrowers.id, borrowerId));
    expect(row!.prefs.quietHours).toEqual({ start: '12:00', end: '14:00' });
  });

  it('holds back a reminder during the quiet hours and lets it through after them', async () => {
    // Queued at 12:30, inside the borrower's quiet hours: the dispatcher holds it (the blocked attempt on record)
    // and sends it when they end at 14:00 — deferred, never dropped (ADR 0015).
    const sent = await test.db.transaction((tx) => notifyBorrower(tx, { caseId, creditorId, borrowerId, template: 'caseMessage', values: { caseNo: 'X', excerpt: 'x', link: 'https://example.test' }, now: bj('2026-06-15T12:30:00') }));
    expect(sent).toMatchObject({ sms: 'queued' });
    const records = () => test.db.select({ outcome: contactRecords.outcome, rule: contactRecords.blockedRule }).from(contactRecords).where(eq(contactRecords.caseId, caseId));
    await dispatchOutbox(test.db, { now: bj('2026-06-15T12:30:00') });
    await dispatchOutbox(test.db, { now: bj('2026-06-15T13:59:00') });
    expect(await records()).toEqual([{ outcome: 'blocked', rule: 'contact.quietHours' }]);
    await dispatchOutbox(test.db, { now: bj('2026-06-15T14:00:00') });
    expect(await records()).toEqual([
      { outcome: 'blocked', rule: 'contact.quietHours' },
      { outcome: 'attempted', rule: null },
    ]);
  });
});
