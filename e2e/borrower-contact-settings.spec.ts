import { and, eq } from 'drizzle-orm';
import { notifications } from '@/db/schema';
import { dispatchOutbox } from '@/lib/server/outbox/dispatch';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/** A time zone in which it is about noon now, so the quiet hours set below hold whenever the test runs. */
function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

test('the borrower sets quiet hours on their phone, and a reminder during them is held back and shown as blocked on the case file', async ({ db, pageAs, axe }) => {
  test.setTimeout(120_000);
  const creditor = await makeCreditor(db);
  const mediator = await makeStaff(db, creditor.id, 'mediator');
  const borrower = await makeBorrower(db, { fullName: '冯静', timezone: zoneAtNoon() });
  const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id, { state: 'negotiating' });

  const phone = await pageAs(borrower);
  await phone.goto('/account');
  await phone.getByRole('link', { name: '联系方式设置' }).click();
  await expect(phone.getByRole('heading', { level: 1, name: '联系方式设置' })).toBeVisible();
  // A required notice ignores the opt-outs but not the hours (lib/domain/contact-rules.ts): the page says both.
  await expect(phone.getByText('法律或协议要求的通知（例如关于协议的通知）仍会送达：平台内即时可见，短信则在您的免打扰时段之外发送。', { exact: false })).toBeVisible();
  await axe(phone);
  await phone.getByLabel('我要设置免打扰时段').check();
  await phone.getByLabel('从').fill('11:00');
  await phone.getByLabel('到').fill('11:00');
  await phone.getByRole('button', { name: '保存' }).click();
  await expect(phone.getByText('开始时间和结束时间不能相同。')).toBeVisible();
  await expect(phone.getByLabel('从')).toHaveValue('11:00');
  await phone.getByLabel('到').fill('14:00');
  await phone.getByLabel('不接收电子邮件').check();
  await phone.getByRole('button', { name: '保存' }).click();
  await expect(phone.getByRole('status')).toHaveText('已保存。今后我们会按此设置联系您。');
  await phone.reload();
  await expect(phone.getByLabel('到')).toHaveValue('14:00');
  await expect(phone.getByLabel('不接收电子邮件')).toBeChecked();

  // The mediator writes to the borrower now, in their quiet hours: the message reaches the portal; the SMS reminder
  // of it is held back by the rule until they end (deferred, not dropped: ADR 0015), recorded, and shown on the case file.
  const desk = await pageAs(mediator);
  await desk.goto(`/staff/cases/${kase.id}`);
  await desk.getByLabel('回复借款人').fill('请方便时回电，谢谢。');
  await desk.getByRole('button', { name: '发送', exact: true }).click();
  await expect(desk.getByText('请方便时回电，谢谢。').first()).toBeVisible();
  // The worker's dispatcher runs every minute; the test runs it now.
  await expect(async () => {
    await dispatchOutbox(db, { now: new Date() });
    const held = await db.select({ status: notifications.status, deferredBy: notifications.deferredBy }).from(notifications).where(and(eq(notifications.caseId, kase.id), eq(notifications.channel, 'sms')));
    expect(held).toEqual([{ status: 'pending', deferredBy: 'contact.quietHours' }]);
  }).toPass({ timeout: 10_000 });
  await desk.reload();
  await expect(desk.getByTestId('timeline')).toContainText('已拦截：借款人设定的免打扰时段');
  await expect(desk.getByTestId('contact-status-line')).toContainText('下次允许：今天 14:00（借款人设定的免打扰时段）');

  // The outbox (admins) names the rule that holds the SMS back, as the case file does, not by its code.
  const admin = await pageAs(await makeStaff(db, creditor.id, 'admin'));
  await admin.goto('/staff/outbox');
  const held = admin.getByRole('listitem').filter({ has: admin.getByTestId('outbox-to').getByText(borrower.phone, { exact: true }) }).filter({ hasText: '暂缓' });
  await expect(held).toContainText('因联系规则（借款人设定的免打扰时段）暂缓');
  await expect(held).not.toContainText('contact.');
});
