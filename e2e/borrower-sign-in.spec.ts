import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { expect, readCodeFromOutbox, test } from './fixtures/test';

test.describe('borrower sign-in on a 360×780 phone', () => {
  test('signs in with the code from the outbox and sees their case', async ({ page, db, axe }) => {
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db, { fullName: '陈龑' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id);

    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1, name: '借款人登录' })).toBeVisible();
    await axe();

    await page.getByLabel('手机号码').fill(borrower.phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect(page.getByRole('status')).toContainText('验证码');
    const code = await readCodeFromOutbox(page, borrower.phone);
    await page.getByLabel('短信验证码').fill(code);
    await page.getByRole('button', { name: '登录', exact: true }).click();

    await expect(page.getByRole('heading', { level: 1, name: '我的欠款与调解' })).toBeVisible();
    await expect(page.getByText(kase.caseNo)).toBeVisible();
    await axe();
    // Nothing is wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const session = (await page.context().cookies()).find((c) => c.name.includes('next-auth.session-token'));
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('the help page is built once per language, served in the visitor\'s, and reached from sign-in', async ({ page, axe }) => {
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
    // In English, all of it is English: the skip link too.
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(/\/help$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Help: what Concord is' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toHaveCount(1);
    await expect(page.getByText('跳到主要内容')).toHaveCount(0);
    await expect(page.locator('[lang="en"]').first()).toContainText('Your rights');
    expect(await page.locator('main').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    await axe();
    await page.getByRole('link', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '帮助：Concord 是什么' })).toBeVisible();

    // Served from the build (no session, no database) under a policy without a nonce; its scripts load
    // unblocked. Links to the pages served per request are full loads: they bring their own skip link.
    const response = await page.request.get('/help');
    expect(response.headers()['x-nextjs-prerender']).toBeTruthy();
    expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    await page.getByRole('link', { name: '借款人登录' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: '借款人登录' })).toBeVisible();
    await expect(page.getByRole('link', { name: '跳到主要内容' })).toHaveCount(1);
    expect(blocked.filter((text) => /Content Security Policy|Refused to/.test(text))).toEqual([]);
  });

  test('a wrong code is refused beside the field and the number stays typed', async ({ page, db, axe }) => {
    const borrower = await makeBorrower(db);
    await page.goto('/login');
    await page.getByLabel('手机号码').fill(borrower.phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    const code = await readCodeFromOutbox(page, borrower.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByLabel('短信验证码').fill(wrong);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const codeField = page.getByLabel('短信验证码');
    await expect(codeField).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('验证码不正确，还可以再试 4 次。')).toBeVisible();
    await expect(page.getByLabel('手机号码')).toHaveValue(borrower.phone);
    await expect(page).toHaveURL(/\/login$/);
    await axe();
  });

  test('a malformed number gets a message beside the field, and keeps what was typed', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('手机号码').fill('2380013');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect(page.getByText('请输入 11 位手机号码')).toBeVisible();
    await expect(page.getByLabel('手机号码')).toHaveValue('2380013');
  });

  test('a signed-in borrower who opens a staff page is sent away', async ({ page, db }) => {
    const borrower = await makeBorrower(db);
    await page.goto('/login');
    await page.getByLabel('手机号码').fill(borrower.phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByLabel('短信验证码').fill(await readCodeFromOutbox(page, borrower.phone));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: '我的欠款与调解' })).toBeVisible();

    await page.goto('/staff');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: '我的欠款与调解' })).toBeVisible();
  });
});
