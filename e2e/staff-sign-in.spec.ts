import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

test.describe('staff sign-in at desktop size', () => {
  test('a mediator signs in and sees their creditor’s cases', async ({ page, db, axe }) => {
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator', 'e2e password 1');
    const borrower = await makeBorrower(db, { fullName: '周昇' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);

    await page.goto('/staff');
    await expect(page).toHaveURL(/\/staff\/login/);
    await axe();
    await page.getByLabel('工作邮箱').fill(mediator.email);
    await page.getByLabel('密码').fill('e2e password 1');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '案件列表' })).toBeVisible();
    await expect(page.getByRole('cell', { name: kase.caseNo })).toBeVisible();
    await expect(page.getByText('共 1 个案件')).toBeVisible();
    await axe();

    await page.getByRole('link', { name: '发件箱' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '开发者发件箱' })).toBeVisible();
    await axe();
  });

  test('the demo mediator signs in with the README credentials', async ({ page }) => {
    await page.goto('/staff/login');
    await page.getByLabel('工作邮箱').fill('mediator1@concord.demo');
    await page.getByLabel('密码').fill('Concord-demo-2026');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '案件列表' })).toBeVisible();
    await expect(page.getByRole('row')).not.toHaveCount(1);
  });

  test('a wrong password is refused beside the field and the e-mail stays typed', async ({ page, db, axe }) => {
    const creditor = await makeCreditor(db);
    const staff = await makeStaff(db, creditor.id, 'supervisor', 'right one');
    await page.goto('/staff/login');
    await page.getByLabel('工作邮箱').fill(staff.email);
    await page.getByLabel('密码').fill('wrong one');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByText('邮箱或密码不正确。')).toBeVisible();
    await expect(page.getByLabel('工作邮箱')).toHaveValue(staff.email);
    await expect(page.getByLabel('密码')).toHaveAttribute('aria-invalid', 'true');
    await axe();
  });

  test('a malformed e-mail gets a message beside the field', async ({ page }) => {
    await page.goto('/staff/login');
    await page.getByLabel('工作邮箱').fill('not-an-email');
    await page.getByLabel('密码').fill('x');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByText('请输入有效的电子邮箱地址')).toBeVisible();
    await expect(page.getByLabel('工作邮箱')).toHaveValue('not-an-email');
  });
});
