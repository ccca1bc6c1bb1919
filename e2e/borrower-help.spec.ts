import { expect, test } from './fixtures/test';

test("the help page is built once per language, served in the visitor's, and reached from sign-in", async ({ page, axe }, testInfo) => {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') blocked.push(message.text());
  });
  await page.goto('/login');
  await page.getByRole('link', { name: '帮助：调解如何进行、您的权利' }).click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole('heading', { level: 1, name: '帮助：Concord 是什么' })).toBeVisible();
  await expect(page.getByRole('link', { name: '跳到主要内容' })).toHaveCount(1);
  await axe();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: testInfo.outputPath('help-zh-CN.png'), fullPage: true });
  // In English, all of it is English: the skip link too.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Help: what Concord is' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toHaveCount(1);
  await expect(page.getByText('跳到主要内容')).toHaveCount(0);
  await expect(page.locator('[lang="en"]').first()).toContainText('Your rights');
  expect(await page.locator('main').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
  await axe();
  await page.screenshot({ path: testInfo.outputPath('help-en.png'), fullPage: true });
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '帮助：Concord 是什么' })).toBeVisible();

  // A plain document built at build time (no session, no database): not one script, the framework's or ours.
  expect(await page.locator('script').count()).toBe(0);
  const response = await page.request.get('/help');
  expect(response.headers()['x-nextjs-cache'] ?? response.headers()['x-nextjs-prerender']).toBeTruthy();
  expect(response.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
  await page.getByRole('link', { name: '借款人登录' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '借款人登录' })).toBeVisible();
  await expect(page.getByRole('link', { name: '跳到主要内容' })).toHaveCount(1);
  expect(blocked.filter((text) => /Content Security Policy|Refused to/.test(text))).toEqual([]);
});
