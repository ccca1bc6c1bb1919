import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Ctx } from '../actor';
import { notifyBorrower } from '../notify-borrower';
import { getTemplate, resetTemplate, saveTemplate } from './template-store';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

async function adminOf(creditorId: string): Promise<Ctx> {
  const admin = await makeStaff(test.db, creditorId, 'admin');
  return { actor: { type: 'staff', id: admin.id, role: 'admin', creditorId }, meta: {} };
}

describe('message templates per creditor and language', () => {
  it('a creditor’s own wording is used for its borrowers, audited, refused when stale, and reset to the default', async () => {
    const creditor = await makeCreditor(test.db);
    const ctx = await adminOf(creditor.id);
    const key = { creditorId: creditor.id, template: 'offerExpired' as const, locale: 'zh-CN' as const };
    expect((await getTemplate(ctx.actor, key)).own).toBeNull();
    const { version } = await saveTemplate(ctx, { ...key, subject: '方案 {caseNo} 已过期', body: '【某银行】您在案件 {caseNo} 中的还款方案已过期，可登录申请新方案。', version: 0 });
    expect(version).toBe(1);
    await expect(saveTemplate(ctx, { ...key, subject: 'x', body: '{caseNo}', version: 0 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(saveTemplate(ctx, { ...key, subject: 'x', body: '欠款 {amount}', version: 1 })).rejects.toMatchObject({ code: 'VALIDATION', field: 'body' });

    const borrower = await makeBorrower(test.db, { locale: 'zh-CN' });
    const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id);
    await notifyBorrower(test.db, { caseId: kase.id, creditorId: creditor.id, borrowerId: borrower.id, template: 'offerExpired', values: { caseNo: kase.caseNo } });
    const [sms] = await test.db.select().from(notifications).where(and(eq(notifications.caseId, kase.id), eq(notifications.channel, 'sms')));
    expect(sms!.body).toBe(`【某银行】您在案件 ${kase.caseNo} 中的还款方案已过期，可登录申请新方案。`);
    expect(await test.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'template.saved'), eq(auditEvents.entityId, creditor.id)))).toHaveLength(1);

    await resetTemplate(ctx, key);
    expect((await getTemplate(ctx.actor, key)).own).toBeNull();
    // Another creditor's admin does not see it.
    const other = await adminOf((await makeCreditor(test.db)).id);
    await expect(getTemplate(other.actor, key)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an invitation must carry the code and the check page, and no placeholder of an amount', async () => {
    const creditor = await makeCreditor(test.db);
    const ctx = await adminOf(creditor.id);
    const key = { creditorId: creditor.id, template: 'invitationSms' as const, locale: 'en' as const, version: 0 };
    await expect(saveTemplate(ctx, { ...key, subject: 'Hi', body: 'Open {url}' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'body' });
    await expect(saveTemplate(ctx, { ...key, subject: 'Hi', body: 'Code {code} at {url}, you owe {arrears}' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await saveTemplate(ctx, { ...key, subject: 'Hi', body: '{creditor} asks you to check code {code} at {url}.' })).toEqual({ version: 1 });
  });
});
