import { expect, test } from './fixtures/test';

test('the help page is built once, in both languages, and reached from sign-in', async ({ page, axe }) => {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') blocked.push(message.text());
  });
  await page.goto('/login');
  await page.getByRole('link', { name: '帮助：调解如何进行、您的权利' }).click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole('heading', { level: 2, name: '帮助：Concord 是什么' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Help: what Concord is' })).toBeVisible();
  await expect(page.locator('article[lang="en"]')).toContainText('Your rights');
  await axe();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Served from the build (no session, no database) under a policy without a nonce, and its
  // scripts still run: the client router takes the link to sign-in without a full reload.
  const response = await page.request.get('/help');
  expect(response.headers()['x-nextjs-prerender']).toBeTruthy();
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole('link', { name: '借款人登录' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '借款人登录' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  expect(blocked.filter((text) => /Content Security Policy|Refused to/.test(text))).toEqual([]);
});
