import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { agreements, borrowers, cases, creditors } from '@/db/schema';
import { addDays, todayIn } from '@/lib/domain/dates';
import { makeSealAuthorisation, makeStaff } from '@/lib/testing/factories';
import { makeExecutedPlan } from '@/lib/testing/plans';
import { prepareConfirmation } from '@/lib/server/confirmations/sign-confirmation';
import { expect, test } from './fixtures/test';
import { pdfOfSize } from '@/lib/testing/evidence-factory';

const DAY = 86_400_000;

test.describe('when mediation succeeds', () => {
  test('both sides sign the application for judicial confirmation, the mediator files it, and the borrower sees its status', async ({ db, pageAs, codeSentTo, axe }, testInfo) => {
    // The whole application in one test: two signatures by texted code, three PDFs, four pages with axe — about 25 s
    // alone, past 60 s when the machine is loaded (three runs today): three times the default timeout.
    test.slow();
    const s = await makeExecutedPlan(db, { fullName: '郑确认' });
    // The agreement took effect three days ago: 27 days are left to apply.
    const effective = new Date(Date.now() - 3 * DAY);
    await db.update(agreements).set({ executedAt: effective, executedSha256: 'cd'.repeat(32) }).where(eq(agreements.id, s.agreementId));
    await db.update(borrowers).set({ address: '浙江省杭州市西湖区文三路 90 号' }).where(eq(borrowers.id, s.borrower.id));
    await db.update(creditors).set({ litigation: { counsel: null, confirmationCourts: [{ region: '杭州市', court: '杭州市西湖区人民法院' }] } }).where(eq(creditors.id, s.creditor.id));
    await makeSealAuthorisation(db, s.creditor.id, '法定代表人 钱确认');
    const deadline = addDays(todayIn('Asia/Shanghai', effective), 30);
    const [y, m, d] = deadline.split('-').map(Number);

    // The mediator sees the deadline on the case file and prepares the application.
    const desk = await pageAs(s.mediator as Parameters<typeof pageAs>[0]);
    await desk.goto(`/staff/cases/${s.kase.id}`);
    const section = desk.getByTestId('confirmation-section');
    await expect(section.getByTestId('confirmation-deadline')).toHaveText('还剩 27 天');
    await expect(section).toContainText(`申请截止日：${y}年${m}月${d}日`);
    await section.getByRole('button', { name: '生成申请书' }).click();
    await expect(section.getByTestId('staff-confirmation-status')).toHaveText('已生成：等待借款人签署');
    await expect(section).toContainText('受理法院：杭州市西湖区人民法院');
    await axe(desk);

    // The borrower, reading English on a phone, learns what it means and signs with the agreement's step-up.
    const phone = await pageAs(s.borrower, { locale: 'en' });
    await phone.goto(`/cases/${s.kase.id}`);
    const card = phone.getByRole('region', { name: 'Court confirmation of your agreement' });
    await expect(card.getByTestId('confirmation-status')).toHaveText('Waiting for your signature');
    await expect(card).toContainText('the lender can ask the court to enforce the agreement directly, as if it were a judgment');
    await expect(card).toContainText('you can still raise an objection with the court');
    const longEn = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${deadline}T00:00:00Z`));
    await expect(card).toContainText(`The application must reach the court by ${longEn} (30 days after the agreement took effect).`);
    await axe(phone);
    await card.getByRole('link', { name: 'Read and sign the application' }).click();
    await expect(phone.getByRole('heading', { level: 1, name: 'Application for judicial confirmation' })).toBeVisible();
    await phone.getByRole('checkbox').check();
    await phone.getByRole('button', { name: 'Send me a signing code' }).click();
    await expect(phone.getByText('A code was sent to your phone')).toBeVisible();
    await phone.getByLabel('Signing code').fill(await codeSentTo(s.borrower.phone, 'signCode'));
    await phone.getByLabel('Type your full name').fill('郑 确认');
    await axe(phone);
    await phone.screenshot({ path: testInfo.outputPath('borrower-confirmation-sign.png'), fullPage: true });
    await phone.getByRole('button', { name: 'Sign the application' }).click();
    await expect(phone.getByText('You have signed the application.')).toBeVisible({ timeout: 30_000 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The mediator signs for the mediation (password) and the lender's seal is applied; then records the filing.
    await desk.reload();
    await expect(section.getByTestId('staff-confirmation-status')).toHaveText('借款人已签署：等待您签署');
    await section.getByLabel('您的密码').fill('wrong password');
    await section.getByRole('button', { name: '签署申请书' }).click();
    await expect(section.getByText('密码不正确。', { exact: true })).toBeVisible();
    await section.getByLabel('您的密码').fill('correct horse battery');
    await section.getByRole('button', { name: '签署申请书' }).click();
    await expect(section.getByTestId('staff-confirmation-status')).toHaveText('双方已签署：待提交法院', { timeout: 30_000 });
    await section.getByLabel('法院案号（选填）').fill('（2026）浙0106民特88号');
    // A court notice whose download stopped halfway is refused beside the field, and the case number typed stays.
    await section.getByLabel('法院受理通知（选填：PDF、JPEG 或 PNG）').setInputFiles({ name: '受理通知.pdf', mimeType: 'application/pdf', buffer: pdfOfSize(4096).subarray(0, 2048) });
    await section.getByRole('button', { name: '登记提交' }).click();
    await expect(section.getByText('法院文书文件不完整（可能没有下载或扫描完），请重新保存后上传。')).toBeVisible();
    await expect(section.getByLabel('法院案号（选填）')).toHaveValue('（2026）浙0106民特88号');
    await section.screenshot({ path: testInfo.outputPath('staff-confirmation-incomplete.png') });
    await section.getByLabel('法院受理通知（选填：PDF、JPEG 或 PNG）').setInputFiles({ name: '受理通知.pdf', mimeType: 'application/pdf', buffer: pdfOfSize(4096) });
    await section.getByRole('button', { name: '登记提交' }).click();
    await expect(section.getByTestId('staff-confirmation-status')).toHaveText('已提交法院');
    const today = todayIn('Asia/Shanghai');
    const [ty, tm, td] = today.split('-').map(Number);
    await expect(section.getByTestId('confirmation-deadline')).toHaveText(`已按期提交（${ty}年${tm}月${td}日）`);
    await expect(section).toContainText('案号 （2026）浙0106民特88号');
    await axe(desk);
    await section.screenshot({ path: testInfo.outputPath('staff-confirmation.png') });
    const [application] = await Promise.all([desk.waitForEvent('download'), section.getByRole('link', { name: '申请书（PDF）' }).click()]);
    expect(fs.readFileSync((await application.path())!).subarray(0, 5).toString()).toBe('%PDF-');

    // The borrower sees it filed, with the court's case number.
    await phone.goto(`/cases/${s.kase.id}`);
    await expect(card.getByTestId('confirmation-status')).toContainText('Filed with the court on ');
    await expect(card.getByTestId('confirmation-status')).toContainText(`${ty}`);
    await expect(card).toContainText('Court case number: （2026）浙0106民特88号');
    await axe(phone);
    await phone.screenshot({ path: testInfo.outputPath('borrower-confirmation-filed.png'), fullPage: true });

    // The same in the other languages: the borrower in Chinese, the mediator in English.
    const zhPhone = await pageAs(s.borrower);
    await zhPhone.goto(`/cases/${s.kase.id}`);
    const zhCard = zhPhone.getByRole('region', { name: '还款协议的司法确认' });
    await expect(zhCard.getByTestId('confirmation-status')).toHaveText(`已于 ${ty}年${tm}月${td}日 提交法院。`);
    await expect(zhCard).toContainText('效力与判决相同');
    await expect(zhCard).toContainText('您仍可依法向法院提出异议');
    await axe(zhPhone);
    const enDesk = await pageAs(s.mediator as Parameters<typeof pageAs>[0], { locale: 'en' });
    await enDesk.goto(`/staff/cases/${s.kase.id}`);
    const enSection = enDesk.getByTestId('confirmation-section');
    await expect(enSection.getByTestId('staff-confirmation-status')).toHaveText('Filed with the court');
    const mediumEn = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${deadline}T00:00:00Z`));
    await expect(enSection).toContainText(`Last day to apply: ${mediumEn}`);
    await axe(enDesk);
    await enSection.screenshot({ path: testInfo.outputPath('staff-confirmation-en.png') });
  });

  test('a plan paid in full or a closed case needs no confirmation: no countdown, no card without an application, one made stays with nothing to sign', async ({ db, pageAs, axe }) => {
    // A running plan whose agreement took effect 45 days ago, never applied for: the time to apply has passed, plainly
    // (it read "已逾期 15 天" in red, with nothing a mediator could do about it).
    const s = await makeExecutedPlan(db, { fullName: '结清确认' });
    await db.update(agreements).set({ executedAt: new Date(Date.now() - 45 * DAY), executedSha256: 'ce'.repeat(32) }).where(eq(agreements.id, s.agreementId));
    const desk = await pageAs(s.mediator as Parameters<typeof pageAs>[0]);
    await desk.goto(`/staff/cases/${s.kase.id}`);
    const section = desk.getByTestId('confirmation-section');
    await expect(section.getByTestId('confirmation-deadline')).toHaveText('申请期限已过');
    await expect(section).toContainText('未提出申请：法院不再受理该协议的共同申请。');
    await expect(section.getByRole('button', { name: '生成申请书' })).toHaveCount(0);
    await axe(desk);
    // Paid in full: the case file has no confirmation card at all.
    await db.update(cases).set({ state: 'completed' }).where(eq(cases.id, s.kase.id));
    await desk.reload();
    await expect(desk.getByRole('heading', { level: 2, name: '诉讼准备' })).toBeVisible();
    await expect(section).toHaveCount(0);

    // An application prepared while the plan ran, then the case closed: it stays on record, marked not needed, and
    // neither side is asked to sign it.
    const c = await makeExecutedPlan(db, { fullName: '结案确认' });
    await db.update(agreements).set({ executedAt: new Date(Date.now() - 5 * DAY), executedSha256: 'cf'.repeat(32) }).where(eq(agreements.id, c.agreementId));
    await db.update(cases).set({ assigneeId: c.mediator.id }).where(eq(cases.id, c.kase.id));
    await prepareConfirmation({ actor: { type: 'staff', id: c.mediator.id, role: 'mediator', creditorId: c.creditor.id }, meta: { ip: '127.0.0.1', userAgent: 'e2e' } }, c.kase.id);
    await db.update(cases).set({ state: 'closed' }).where(eq(cases.id, c.kase.id));
    const enDesk = await pageAs(c.mediator as Parameters<typeof pageAs>[0], { locale: 'en' });
    await enDesk.goto(`/staff/cases/${c.kase.id}`);
    const closed = enDesk.getByTestId('confirmation-section');
    await expect(closed.getByTestId('confirmation-deadline')).toHaveText('Not needed: the case was closed');
    await expect(closed.getByTestId('staff-confirmation-status')).toHaveText("Prepared: waiting for the borrower's signature");
    await expect(closed).toContainText('Nothing is left to enforce, so this application need not be signed or filed.');
    await expect(closed).not.toContainText('Last day to apply');
    await axe(enDesk);
    const phone = await pageAs(c.borrower, { locale: 'en' });
    await phone.goto(`/cases/${c.kase.id}`);
    const card = phone.getByRole('region', { name: 'Court confirmation of your agreement' });
    await expect(card.getByTestId('confirmation-not-needed')).toHaveText('Your case is closed: this application no longer needs to be signed or filed.');
    await expect(card.getByRole('link', { name: 'Read and sign the application' })).toHaveCount(0);
    await axe(phone);
  });

  test("an admin sets a lender's counsel and courts: a missing field is refused beside it, nothing typed is lost", async ({ db, pageAs, axe }) => {
    const s = await makeExecutedPlan(db, { fullName: '管理设置' });
    const admin = await makeStaff(db, s.creditor.id, 'admin');
    const desk = await pageAs(admin);
    await desk.goto('/staff/admin');
    await desk.getByRole('link', { name: '诉讼设置' }).click();
    await expect(desk.getByRole('heading', { level: 1, name: '诉讼设置' })).toBeVisible();
    await axe(desk);
    await desk.getByRole('link', { name: s.creditor.name }).click();
    await desk.getByLabel('律师事务所').fill('浙江明理律师事务所');
    await desk.getByLabel('电话').fill('0571-8888 0000');
    await desk.getByLabel('地区 1（如 杭州市）').fill('杭州市');
    await desk.getByLabel('法院 1').fill('杭州市西湖区人民法院');
    await desk.getByRole('button', { name: '保存设置' }).click();
    await expect(desk.getByLabel('律师', { exact: true })).toHaveAccessibleDescription(/请填写/);
    await expect(desk.getByLabel('法院 1')).toHaveValue('杭州市西湖区人民法院');
    await axe(desk);
    await desk.getByLabel('律师', { exact: true }).fill('陈律');
    await desk.getByRole('button', { name: '保存设置' }).click();
    await expect(desk.getByText('已保存。此后的通知和申请书使用这些设置。')).toBeVisible();
    const [row] = await db.select({ litigation: creditors.litigation }).from(creditors).where(eq(creditors.id, s.creditor.id));
    expect(row!.litigation).toEqual({ counsel: { firm: '浙江明理律师事务所', lawyer: '陈律', phone: '0571-8888 0000', address: '' }, confirmationCourts: [{ region: '杭州市', court: '杭州市西湖区人民法院' }] });
  });
});
