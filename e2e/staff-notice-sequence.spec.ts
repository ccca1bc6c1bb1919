import { eq } from 'drizzle-orm';
import { cases } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { makeSentNotice } from '@/lib/testing/evidence-factory';
import { expect, test } from './fixtures/test';

const DAY = 86_400_000;

test.describe("a lender's notice sequence", () => {
  test("an admin leaves out the lawyer's letter and spaces the notice of suit; a refused value stays as typed; the case's next notice follows the new sequence", async ({ db, pageAs, axe }, testInfo) => {
    const creditor = await makeCreditor(db);
    const admin = await makeStaff(db, creditor.id, 'admin');
    const supervisor = await makeStaff(db, creditor.id, 'supervisor');
    const borrower = await makeBorrower(db, { fullName: '郑顺序' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, supervisor.id);
    await db.update(cases).set({ openedAt: new Date(Date.now() - 40 * DAY) }).where(eq(cases.id, kase.id));
    const letterSent = new Date(Date.now() - 30 * DAY);
    await makeSentNotice(db, kase, supervisor.id, 'collection_letter', letterSent);
    const beijingDay = (date: Date) => new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(date);

    // Under the default sequence the lawyer's letter comes next.
    const boss = await pageAs(supervisor);
    await boss.goto(`/staff/cases/${kase.id}`);
    await expect(boss.getByText(`下一份通知：律师函，最早 ${beijingDay(new Date(letterSent.getTime() + 15 * DAY))}`, { exact: false })).toBeVisible();

    // The admin, in English, changes the sequence.
    const desk = await pageAs(admin, { locale: 'en' });
    await desk.goto(`/staff/admin/creditors/${creditor.id}/litigation`);
    const form = desk.getByRole('form', { name: 'Notice sequence' });
    await expect(form.getByTestId('notice-sequence-summary')).toHaveText("Sent in this order: the collection letter 0 days after the case is opened; then the lawyer's letter 15 days after the collection letter; then the notice of intended suit 15 days after the lawyer's letter.");
    await axe(desk);
    await form.getByRole('checkbox', { name: "2. Send the lawyer's letter" }).uncheck();
    // The notice of suit now waits on the collection letter: its field says so.
    const suitDays = form.getByRole('textbox', { name: 'Days after the collection letter is sent' }).last();
    await suitDays.fill('200');
    await form.getByRole('button', { name: 'Save the notice sequence' }).click();
    await expect(form.getByText('Enter a whole number from 0 to 180.')).toBeVisible();
    await expect(suitDays).toHaveValue('200');
    await expect(suitDays).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByRole('checkbox', { name: "2. Send the lawyer's letter" })).not.toBeChecked();
    await axe(desk);
    await desk.screenshot({ path: testInfo.outputPath('notice-sequence-refused-en.png'), fullPage: true });
    await suitDays.fill('20');
    await form.getByRole('button', { name: 'Save the notice sequence' }).click();
    await expect(form.getByRole('status')).toHaveText("Notice sequence saved. Each case's next notice follows it from now on.");
    await expect(form.getByTestId('notice-sequence-summary')).toHaveText('Sent in this order: the collection letter 0 days after the case is opened; then the notice of intended suit 20 days after the collection letter.');

    // The same page in Chinese, after a reload: what was saved.
    const zh = await pageAs(admin);
    await zh.goto(`/staff/admin/creditors/${creditor.id}/litigation`);
    const zhForm = zh.getByRole('form', { name: '通知顺序' });
    await expect(zhForm.getByRole('checkbox', { name: '2. 发送律师函' })).not.toBeChecked();
    // Left out, its days are the default's, ready if it is ticked again.
    await expect(zhForm.getByRole('textbox', { name: '催收函发出后天数' }).first()).toHaveValue('15');
    await expect(zhForm.getByRole('textbox', { name: '催收函发出后天数' }).first()).toBeDisabled();
    await expect(zhForm.getByTestId('notice-sequence-summary')).toHaveText('发送顺序：立案后 0 天发送催收函；然后催收函发出后 20 天发送起诉通知书。');
    await axe(zh);
    await zh.screenshot({ path: testInfo.outputPath('notice-sequence-zh.png'), fullPage: true });

    // The case's next notice is now the notice of suit, 20 days after the letter (30 days ago: it may be prepared now).
    await boss.reload();
    await expect(boss.getByText(new RegExp(`下一份通知：起诉通知书，最早 ${beijingDay(new Date(letterSent.getTime() + 20 * DAY))}.*可发送。 ?须经主管批准。`))).toBeVisible();
    await expect(boss.getByRole('button', { name: '制作起诉通知书' })).toBeVisible();
  });
});
