import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test, viewports } from './fixtures/test';

/**
 * The dev outbox holds every sign-in and signing code: whoever reads it can sign
 * in as any borrower. This is the one spec that reads codes through its page.
 */
test.describe('the dev outbox', () => {
  test('an admin reads the code a borrower was sent, and signs nobody in by it but the borrower', async ({ browser, db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const admin = await makeStaff(db, creditor.id, 'admin');
    const borrower = await makeBorrower(db);
    // A borrower of this creditor: its admin sees the codes sent to its borrowers only.
    await makeLoanWithCase(db, creditor.id, borrower.id);

    const phoneContext = await browser.newContext({ viewport: viewports.borrower, hasTouch: true, locale: 'zh-CN' });
    const phone = await phoneContext.newPage();
    await phone.goto('/login');
    await phone.getByLabel('手机号码').fill(borrower.phone);
    await phone.getByRole('button', { name: '获取验证码' }).click();
    await expect(phone.getByRole('status')).toContainText('验证码');

    const desk = await pageAs(admin);
    await desk.goto('/staff');
    await desk.getByRole('link', { name: '发件箱' }).click();
    await expect(desk.getByRole('heading', { level: 1, name: '开发者发件箱' })).toBeVisible();
    const entry = desk.getByRole('listitem').filter({ has: desk.getByTestId('outbox-to').filter({ hasText: borrower.phone }) }).first();
    const code = /\d{6}/.exec(await entry.getByTestId('outbox-body').innerText())![0];
    // The channel in words, not its code ("SMS", "IN_APP").
    await expect(entry).toContainText(' · 短信 · ');
    await axe(desk);

    await phone.getByLabel('短信验证码').fill(code);
    await phone.getByRole('button', { name: '登录', exact: true }).click();
    await expect(phone.getByRole('heading', { level: 1, name: '我的欠款与调解' })).toBeVisible();
    await phoneContext.close();
  });

  test('is not there for mediators, supervisors, borrowers or strangers', async ({ page, db, pageAs }) => {
    const creditor = await makeCreditor(db);
    for (const role of ['mediator', 'supervisor'] as const) {
      const staff = await pageAs(await makeStaff(db, creditor.id, role));
      const response = await staff.goto('/staff/outbox');
      expect(response!.status(), role).toBe(404);
      await expect(staff.getByTestId('outbox-body')).toHaveCount(0);
    }
    const borrower = await pageAs(await makeBorrower(db));
    await borrower.goto('/staff/outbox');
    await expect(borrower).toHaveURL(/\/$/);
    // A stranger is asked to sign in (as staff); nothing of the outbox shows.
    await page.goto('/staff/outbox');
    await expect(page).toHaveURL(/\/staff\/login\?next=%2Fstaff%2Foutbox$/);
    await expect(page.getByTestId('outbox-body')).toHaveCount(0);
  });
});
