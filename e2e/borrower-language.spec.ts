import { expect, test } from './fixtures/test';

test.describe('language', () => {
  test('follows the browser, switches on the page and is remembered', async ({ page, axe }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Borrower sign-in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // The page is rendered again in place: its title comes back with it (axe needs one).
    await expect(page).toHaveTitle(/Sign in|sign-in/i);
    await axe();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Borrower sign-in' })).toBeVisible();
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '借款人登录' })).toBeVisible();
  });

  test('switching keeps what was typed, and works without JavaScript too', async ({ page, browser }) => {
    await page.goto('/login');
    await page.getByLabel('手机号码').fill('13800001234');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Borrower sign-in' })).toBeVisible();
    await expect(page.getByLabel('Mobile number')).toHaveValue('13800001234');

    // The same header form, posted by the browser itself: the page comes back in the other language.
    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 }, locale: 'zh-CN' });
    const plain = await noScript.newPage();
    await plain.goto('/login');
    await plain.getByRole('button', { name: 'English' }).click();
    await expect(plain.getByRole('heading', { level: 1, name: 'Borrower sign-in' })).toBeVisible();
    await expect(plain.locator('html')).toHaveAttribute('lang', 'en');
    await noScript.close();
  });

  test.describe('with an English browser', () => {
    test.use({ locale: 'en-US' });
    test('starts in English', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { level: 1, name: 'Borrower sign-in' })).toBeVisible();
    });
  });
});
