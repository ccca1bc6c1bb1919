import type { Browser, Cookie, Page } from '@playwright/test';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test, viewports } from './fixtures/test';

/**
 * The one spec that signs in through the real forms: a borrower with a texted
 * code, and each staff role with a password. Every other spec starts from a
 * minted session (fixtures: signIn, pageAs). Signing out ends the session on
 * the server, so a copy of the cookie taken before is refused afterwards.
 */
const sessionCookie = (cookies: Cookie[]) => cookies.filter((c) => c.name.includes('next-auth.session-token'));

async function replay(browser: Browser, cookies: Cookie[], url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test.describe('a borrower signs in with a code, on a 360×780 phone', () => {
  test.use({ viewport: viewports.borrower, hasTouch: true });

  test('signs in with the texted code, sees their case, signs out, and the old cookie no longer works', async ({ page, browser, db, codeSentTo, axe }) => {
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
    await page.getByLabel('短信验证码').fill(await codeSentTo(borrower.phone));
    await page.getByRole('button', { name: '登录', exact: true }).click();

    await expect(page.getByRole('heading', { level: 1, name: '我的欠款与调解' })).toBeVisible();
    await expect(page.getByText(kase.caseNo)).toBeVisible();
    await axe();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const saved = sessionCookie(await page.context().cookies());
    expect(saved[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    // A staff page is not a borrower's.
    await page.goto('/staff');
    await expect(page).toHaveURL(/\/$/);

    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);

    // The cookie as it was before signing out, replayed from elsewhere: the session has ended.
    const thief = await replay(browser, saved, '/', viewports.borrower);
    await expect(thief).toHaveURL(/\/login$/);
    const direct = await thief.request.get(`/cases/${kase.id}`, { headers: { cookie: saved.map((c) => `${c.name}=${c.value}`).join('; ') }, maxRedirects: 0 });
    expect([303, 307]).toContain(direct.status());
    // To sign in again, and back to that case after it (?next=).
    expect(direct.headers().location).toMatch(new RegExp(`/login\\?next=${encodeURIComponent(`/cases/${kase.id}`)}$`));
    await thief.context().close();
  });

  test('a wrong code is refused beside the field and the number stays typed', async ({ page, db, codeSentTo, axe }) => {
    const borrower = await makeBorrower(db);
    await page.goto('/login');
    await page.getByLabel('手机号码').fill(borrower.phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    const code = await codeSentTo(borrower.phone);
    await page.getByLabel('短信验证码').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByLabel('短信验证码')).toHaveAttribute('aria-invalid', 'true');
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

  test('after the session ends, signing in again returns to the page the borrower was on; a path off the portal is never followed', async ({ page, db, codeSentTo }) => {
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id);
    // No session (it ended): the page sends the borrower to sign in, and keeps where they were.
    const where = `/cases/${kase.id}/offers?schedule=x`;
    await page.goto(where);
    await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('next') === where);
    await expect(page.getByText('重新登录后，会回到您刚才所在的页面')).toBeVisible();
    await page.getByLabel('手机号码').fill(borrower.phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect(page.getByLabel('短信验证码')).toBeVisible();
    await page.getByLabel('短信验证码').fill(await codeSentTo(borrower.phone));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname + url.search === where);
    await expect(page.getByRole('heading', { level: 1, name: '还款方案' })).toBeVisible();
    // Signed in, a return path off the portal leads home instead.
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await expect(page).toHaveURL((url) => url.pathname === '/' && url.host === new URL(page.url()).host);
    }
  });
});

test.describe('staff sign in with a password, at desktop size', () => {
  test.use({ viewport: viewports.staff });

  const signInThroughTheForm = async (page: Page, email: string, password: string) => {
    await page.goto('/staff');
    await expect(page).toHaveURL(/\/staff\/login/);
    await page.getByLabel('工作邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '案件列表' })).toBeVisible();
  };

  test('a mediator signs in, sees their creditor’s cases, signs out, and the old cookie no longer works', async ({ page, browser, db, axe }) => {
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator', 'e2e password 1');
    const borrower = await makeBorrower(db, { fullName: '周昇' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);

    await page.goto('/staff/login');
    await axe();
    await signInThroughTheForm(page, mediator.email, 'e2e password 1');
    await expect(page.getByRole('cell', { name: kase.caseNo })).toBeVisible();
    await expect(page.getByText('共 1 个案件')).toBeVisible();
    // Neither the approvals queue nor the outbox (it holds sign-in codes) is a mediator's.
    const nav = page.getByRole('navigation', { name: '工作人员导航' });
    await expect(nav.getByRole('link', { name: '发件箱' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: '审批' })).toHaveCount(0);
    await axe();
    const saved = sessionCookie(await page.context().cookies());

    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/staff\/login$/);
    const thief = await replay(browser, saved, `/staff/cases/${kase.id}`, viewports.staff);
    await expect(thief).toHaveURL(/\/staff\/login/);
    await expect(thief.getByText(borrower.fullName)).toHaveCount(0);
    await thief.context().close();
  });

  test('a supervisor and an admin sign in; each sees what their role is for', async ({ page, db }) => {
    const creditor = await makeCreditor(db);
    const supervisor = await makeStaff(db, creditor.id, 'supervisor', 'e2e supervisor pw');
    const admin = await makeStaff(db, creditor.id, 'admin', 'e2e admin pw');
    await signInThroughTheForm(page, supervisor.email, 'e2e supervisor pw');
    const nav = page.getByRole('navigation', { name: '工作人员导航' });
    await expect(nav.getByRole('link', { name: '审批' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '发件箱' })).toHaveCount(0);
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/staff\/login$/);

    await signInThroughTheForm(page, admin.email, 'e2e admin pw');
    await expect(nav.getByRole('link', { name: '发件箱' })).toBeVisible();
  });

  test('the demo mediator signs in with the README credentials', async ({ page }) => {
    await signInThroughTheForm(page, 'mediator1@concord.demo', 'Concord-demo-2026');
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
