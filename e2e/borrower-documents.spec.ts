import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/**
 * The borrower's home and loan pages are plain documents (ADR 0007): no
 * framework scripts, readable with JavaScript off, and their header's controls
 * (language, sign-out) are forms that work without it.
 */
test.describe('the home and loan pages as plain documents, on a 360×780 phone', () => {
  test('read, change language and sign out with JavaScript turned off', async ({ page, browser, db, signIn, axe }) => {
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const { case: kase, loan } = await makeLoanWithCase(db, creditor.id, borrower.id);
    await signIn(page, borrower);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '我的欠款与调解' })).toBeVisible();
    await axe();
    // Only the stylesheet and the small document script: none of the framework's.
    const scripts = await page.locator('script').evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).src));
    expect(scripts.map((src) => new URL(src).pathname)).toEqual(['/document.js']);
    const stylesheet = await page.locator('link[rel="stylesheet"]').getAttribute('href');
    const css = await page.request.get(stylesheet!);
    expect(css.ok() && css.headers()['content-type']).toContain('text/css');
    expect(await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    // The client router's requests for an RSC payload get an empty answer, not the page's data.
    const rsc = await page.request.get('/', { headers: { RSC: '1' } });
    expect(rsc.status()).toBe(204);
    expect(await rsc.text()).toBe('');

    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 }, locale: 'zh-CN', storageState: await page.context().storageState() });
    const plain = await noScript.newPage();
    await plain.goto('/');
    await expect(plain.getByRole('heading', { level: 1, name: '我的欠款与调解' })).toBeVisible();
    await expect(plain.getByText(kase.caseNo)).toBeVisible();
    await plain.getByRole('link', { name: '欠款明细' }).first().click();
    await expect(plain).toHaveURL(new RegExp(`/loans/${loan.id}$`));
    await expect(plain.getByRole('heading', { level: 1, name: '欠款明细' })).toBeVisible();
    await expect(plain.getByRole('heading', { level: 2, name: '还款计划' })).toBeVisible();

    await plain.getByRole('button', { name: 'English' }).click();
    await expect(plain).toHaveURL(new RegExp(`/loans/${loan.id}$`));
    await expect(plain.locator('html')).toHaveAttribute('lang', 'en');
    await expect(plain.getByRole('heading', { level: 1, name: 'What I owe, in detail' })).toBeVisible();
    await plain.getByRole('link', { name: 'Back to the home page' }).click();
    await expect(plain.getByRole('heading', { level: 1, name: 'What I owe and my mediation' })).toBeVisible();
    await plain.getByRole('button', { name: '中文' }).click();
    await expect(plain.getByRole('heading', { level: 1, name: '我的欠款与调解' })).toBeVisible();

    await plain.getByRole('button', { name: '退出登录' }).click();
    await expect(plain).toHaveURL(/\/login$/);
    await plain.goto('/');
    await expect(plain).toHaveURL(/\/login$/);
    await noScript.close();
  });

  test("another borrower's loan is a localized 404 page", async ({ page, db, signIn, axe }) => {
    const creditor = await makeCreditor(db);
    const me = await makeBorrower(db);
    const stranger = await makeBorrower(db);
    const mine = await makeLoanWithCase(db, creditor.id, me.id);
    const theirs = await makeLoanWithCase(db, creditor.id, stranger.id);
    await signIn(page, me);

    const response = await page.goto(`/loans/${theirs.loan.id}`);
    expect(response!.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
    await expect(page.getByText(theirs.loan.contractNo)).toHaveCount(0);
    await axe();
    expect((await page.goto('/loans/not-a-loan-id'))!.status()).toBe(404);

    await page.goto(`/loans/${mine.loan.id}?schedule=all`);
    await expect(page.getByText('第 12 期', { exact: false })).toBeVisible();
  });
});
