import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/**
 * The borrower's home and loan pages are plain documents (ADR 0007): no
 * framework scripts, readable with JavaScript off, and their header's controls
 * (language, sign-out) are forms that work without it.
 */
test.describe('the home and loan pages as plain documents, on a 360×780 phone', () => {
  test('read, change language and sign out with JavaScript turned off', async ({ page, db, signIn, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const { case: kase, loan } = await makeLoanWithCase(db, creditor.id, borrower.id);
    await signIn(page, borrower);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '我的欠款与调解' })).toBeVisible();
    await axe();
    // Only the stylesheet and the header's small script: none of the framework's.
    const scripts = await page.locator('script').evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).src));
    expect(scripts.map((src) => new URL(src).pathname)).toEqual(['/page-chrome.js']);
    const stylesheet = await page.locator('link[rel="stylesheet"]').getAttribute('href');
    const css = await page.request.get(stylesheet!);
    expect(css.ok() && css.headers()['content-type']).toContain('text/css');
    // Our own build artifact, named by its content, so cached for good (ADR 0007).
    expect(stylesheet).toMatch(/^\/styles\/document-[0-9a-f]{16}\.css$/);
    expect(css.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    // A script's request for the page (as the client router's for an RSC payload) gets an empty
    // answer, not the page's data: the browser marks it with Sec-Fetch-Dest: empty.
    const fetched = async (path: string, headers: Record<string, string> = {}) => page.evaluate(async ([p, h]) => fetch(p, { headers: h }).then(async (r) => [r.status, await r.text()]), [path, headers] as const);
    expect(await fetched(`/loans/${loan.id}`, { RSC: '1' })).toEqual([204, '']);
    expect(await fetched('/')).toEqual([204, '']);

    // Another phone, with scripts off and a session of its own (signing out there ends only that one).
    const plain = await pageAs(borrower, { javaScriptEnabled: false });
    const noScript = plain.context();
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

    // One header for both kinds of page: the case page (App Router) has the same controls, and
    // signing out there (with its script) ends the session as on the documents.
    const documentHeader = (await page.locator('header').textContent())!;
    await page.goto(`/cases/${kase.id}`);
    await expect(page.locator('header')).toHaveText(documentHeader);
    await expect(page.locator('script[src="/page-chrome.js"]')).toHaveCount(1);
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
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
    // Changing the language keeps the page as it was asked for (the whole schedule).
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page).toHaveURL(new RegExp(`/loans/${mine.loan.id}\\?schedule=all$`));
    await expect(page.getByText('Installment 12', { exact: false })).toBeVisible();
  });
});

test('two cases with one lender are two landmarks of two names on the home page', async ({ db, pageAs, axe }) => {
  const creditor = await makeCreditor(db);
  const borrower = await makeBorrower(db);
  const first = await makeLoanWithCase(db, creditor.id, borrower.id);
  const second = await makeLoanWithCase(db, creditor.id, borrower.id);
  const page = await pageAs(borrower);
  await page.goto('/');
  // Each card is named by the lender and its case number (they were named by the lender alone: two regions of one name).
  for (const { case: kase } of [first, second]) await expect(page.getByRole('region', { name: `${creditor.name} ${kase.caseNo}`, exact: true })).toBeVisible();
  await axe(page);
});
