import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

test('a borrower sees where they are signed in and signs out everywhere, on a phone', async ({ page, db, signIn, pageAs, axe }) => {
  const creditor = await makeCreditor(db);
  const borrower = await makeBorrower(db);
  await makeLoanWithCase(db, creditor.id, borrower.id);
  const lostPhone = await pageAs(borrower);
  await lostPhone.goto('/');
  await expect(lostPhone.getByRole('heading', { level: 1, name: '我的欠款与调解' })).toBeVisible();

  await signIn(page, borrower);
  await page.goto('/');
  await page.getByRole('link', { name: '我的账户' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
  await expect(page.getByRole('list', { name: '有效的登录' }).getByRole('listitem')).toHaveCount(2);
  await axe();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await page.getByRole('button', { name: '在所有设备上退出' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await lostPhone.reload();
  await expect(lostPhone).toHaveURL(/\/login$/);
});
