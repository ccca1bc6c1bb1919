import { expect, test } from './fixtures/test';

test.describe('language', () => {
  test('follows the browser, switches on the page and is remembered', async ({ page, axe }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Borrower sign-in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await axe();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Borrower sign-in' })).toBeVisible();
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '借款人登录' })).toBeVisible();
  });

  test.describe('with an English browser', () => {
    test.use({ locale: 'en-US' });
    test('starts in English', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { level: 1, name: 'Borrower sign-in' })).toBeVisible();
    });
  });
});
