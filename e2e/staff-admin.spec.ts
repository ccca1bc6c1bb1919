import { and, desc, eq } from 'drizzle-orm';
import { auditEvents, creditors, notifications, offers } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

test.describe('administration', () => {
  test('an admin deactivates a mediator, whose open session ends at their next request', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const admin = await makeStaff(db, creditor.id, 'admin');
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const theirs = await pageAs(mediator);
    await theirs.goto('/staff');
    await expect(theirs.getByRole('heading', { level: 1, name: '案件列表' })).toBeVisible();

    const desk = await pageAs(admin);
    await desk.goto('/staff');
    await desk.getByRole('link', { name: '系统管理' }).click();
    await expect(desk.getByRole('heading', { level: 1, name: '系统管理' })).toBeVisible();
    await axe(desk);
    await desk.getByRole('link', { name: '员工账户' }).click();
    await axe(desk);
    const row = desk.locator(`[data-staff="${mediator.email}"]`);
    await row.getByRole('button', { name: '停用' }).click();
    await expect(row.getByText('已停用。其已登录的会话将在下一次请求时结束。')).toBeVisible();
    await expect(row.locator('[data-status]')).toHaveText('已停用');

    await theirs.reload();
    await expect(theirs).toHaveURL(/\/staff\/login/);
  });

  test('an admin grants the seal authorisation, then revokes it only when asked twice', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const admin = await makeStaff(db, creditor.id, 'admin');
    const desk = await pageAs(admin, { locale: 'en' });
    // Every admin page names the creditor in the reader's language (seal, templates, litigation, import batches read Chinese).
    for (const page of ['/staff/admin/templates', '/staff/admin/litigation', '/staff/admin/seal']) {
      await desk.goto(page);
      await expect(desk.getByText(creditor.nameEn).first(), page).toBeVisible();
      await expect(desk.getByText(creditor.name), page).toHaveCount(0);
    }
    await expect(desk.getByText('No seal authorisation is in force: agreements cannot be countersigned.')).toBeVisible();
    await axe(desk);
    // A signatory of one letter is not an office and a name.
    await desk.getByLabel('Authorised by (office and name)').fill('X');
    await desk.getByRole('button', { name: 'Grant the seal authorisation' }).click();
    await expect(desk.getByLabel('Authorised by (office and name)')).toHaveAttribute('aria-invalid', 'true');
    await desk.getByLabel('Authorised by (office and name)').fill('Legal representative Chen Lixin');
    await desk.getByRole('button', { name: 'Grant the seal authorisation' }).click();
    await expect(desk.getByText('Authorisation in force', { exact: true })).toBeVisible();

    // One click on revoke only asks (it revoked at once); Cancel leaves the authorisation in force.
    await desk.getByRole('button', { name: 'Revoke the seal authorisation' }).click();
    await expect(desk.getByText('Revoke the seal authorisation? Every countersignature will be refused until it is granted again.')).toBeVisible();
    await axe(desk);
    await desk.getByRole('button', { name: 'Cancel' }).click();
    await expect(desk.getByRole('button', { name: 'Yes, revoke it' })).toHaveCount(0);
    const inForce = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, creditor.id), eq(auditEvents.action, 'creditor.seal_revoked')));
    expect(inForce).toHaveLength(0);
    await desk.reload();
    await expect(desk.getByText('Authorisation in force', { exact: true })).toBeVisible();

    await desk.getByRole('button', { name: 'Revoke the seal authorisation' }).click();
    await desk.getByRole('button', { name: 'Yes, revoke it' }).click();
    await expect(desk.getByText('No seal authorisation is in force: agreements cannot be countersigned.')).toBeVisible();
    await expect(desk.getByText(/: revoked by /)).toBeVisible();
  });

  test('an invitation’s one-time link, from the dev outbox, sets the new member’s password', async ({ db, pageAs, browser, axe }) => {
    const creditor = await makeCreditor(db);
    const admin = await makeStaff(db, creditor.id, 'admin');
    const desk = await pageAs(admin, { locale: 'en' });
    await desk.goto('/staff/admin/staff');
    const email = `invited-${Date.now()}@example.com`;
    const invite = desk.getByRole('form', { name: 'Invite a staff member' });
    await invite.getByLabel('E-mail address').fill(email);
    await invite.getByLabel('Name').fill('New Mediator');
    await invite.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(invite.getByText('Invitation sent.')).toBeVisible();
    await expect(desk.locator(`[data-staff="${email}"] [data-status]`)).toHaveText('Invited, no password yet');

    const [message] = await db.select().from(notifications).where(and(eq(notifications.toAddress, email), eq(notifications.template, 'staffInvitation'))).orderBy(desc(notifications.createdAt)).limit(1);
    const link = /https?:\/\/\S+\/staff\/set-password\?token=[\w-]+/.exec(message!.body)![0];
    const stranger = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en' })).newPage();
    await stranger.goto(new URL(link).pathname + new URL(link).search);
    await expect(stranger.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
    await axe(stranger);
    await stranger.getByLabel('New password', { exact: true }).fill('short');
    await stranger.getByLabel('New password again').fill('short');
    await stranger.getByRole('button', { name: 'Set the password' }).click();
    await expect(stranger.getByText('Too short: at least 12 characters.')).toBeVisible();
    await stranger.getByLabel('New password', { exact: true }).fill('a good long passphrase');
    await stranger.getByLabel('New password again').fill('a good long passphrase');
    await stranger.getByRole('button', { name: 'Set the password' }).click();
    await expect(stranger.getByText('Your password is set.')).toBeVisible();
    await stranger.goto(new URL(link).pathname + new URL(link).search);
    await expect(stranger.getByText('This link no longer works', { exact: false })).toBeVisible();
    await stranger.context().close();
  });

  test('a policy limit changed in the form applies to new offers, while an offer already made keeps its terms', async ({ db, page, signIn, pageAs, axe }) => {
    test.setTimeout(120_000);
    const creditor = await makeCreditor(db);
    const admin = await makeStaff(db, creditor.id, 'admin');
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const borrower = await makeBorrower(db);
    const { case: first } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    const { case: second } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);

    // Under the default policy (at most 36 months) the borrower proposes 24 on the first case.
    await signIn(page, borrower);
    await page.goto(`/cases/${first.id}/offers`);
    await page.getByRole('button', { name: '提出我的方案' }).click();
    await page.getByLabel('期数（月）').fill('24');
    await expect(page.getByRole('region', { name: '预览' }).getByText('每月还款')).toBeVisible();
    await page.getByRole('button', { name: '发送我的方案' }).click();
    await page.getByRole('button', { name: '确认发送我的方案' }).click();
    await expect(page.getByText('等待调解员答复。')).toBeVisible();

    // The admin tightens the limit to 12 months.
    const desk = await pageAs(admin);
    await desk.goto(`/staff/admin/creditors/${creditor.id}/policy`);
    await expect(desk.getByRole('heading', { level: 1 })).toContainText('政策限额');
    const field = desk.locator('[data-policy-field="borrowerProposal.maxMonths"]');
    await expect(field.getByText('1 至 60', { exact: false })).toBeVisible();
    await expect(desk.locator('[data-policy-field="contact.maxAttemptsPer7Days"]').getByText('法律依据', { exact: false })).toBeVisible();
    // A setting fixed by law is shown in the reader's language, not as the code's names.
    await expect(desk.locator('[data-policy-field="allocationOrder"]')).toContainText('费用 → 罚息 → 复利 → 利息 → 本金');
    await axe(desk);
    // Past the legal ceiling: refused beside the field, with the bounds from the schema.
    await field.getByLabel('借款人自行提议的最长期限（月）').fill('61');
    await desk.getByRole('button', { name: '保存政策' }).click();
    await expect(field.getByText('请输入 1 至 60 之间的整数。')).toBeVisible();
    // The mediation window is at most the 30 days the law gives.
    await expect(desk.locator('[data-policy-field="mediationWindowDays"]').getByText('1 至 30', { exact: false })).toBeVisible();
    // A mediator allowed more than the supervisor who approves: refused on the mediator's field, naming the supervisor's limit.
    const principal = desk.locator('[data-policy-field="authority.mediator.maxPrincipalWaivePct"]');
    await principal.getByLabel('本金减免上限（%）').fill('50');
    await desk.getByRole('button', { name: '保存政策' }).click();
    await expect(principal.getByText('不能高于主管权限（20）：调解员可以自行同意的，主管必须能够批准。')).toBeVisible();
    await principal.getByLabel('本金减免上限（%）').fill('0');
    await field.getByLabel('借款人自行提议的最长期限（月）').fill('12');
    await desk.getByRole('button', { name: '保存政策' }).click();
    await expect(desk.getByText('已保存：修改了 1 项。此后的新方案将适用。')).toBeVisible();
    const [saved] = await db.select({ policy: creditors.policy }).from(creditors).where(eq(creditors.id, creditor.id));
    expect(saved!.policy.borrowerProposal.maxMonths).toBe(12);

    // The proposal already made keeps its 24 months and still waits for the mediator.
    await page.reload();
    await expect(page.getByRole('heading', { name: '您提出的方案' })).toBeVisible();
    await expect(page.getByText('等待调解员答复。')).toBeVisible();
    const [kept] = await db.select().from(offers).where(and(eq(offers.caseId, first.id), eq(offers.authorType, 'borrower')));
    expect(kept).toMatchObject({ status: 'proposed', numberOfPayments: 24 });
    // A new proposal on the other case is held to 12.
    await page.goto(`/cases/${second.id}/offers`);
    await page.getByRole('button', { name: '提出我的方案' }).click();
    await page.getByLabel('期数（月）').fill('24');
    // Beside the field, in the words of its hint ("1 到 12 期").
    await expect(page.getByText('1 到 12 期')).toBeVisible();
    await expect(page.getByText('请输入 1 到 12 之间的整数。')).toBeVisible();
    await expect(page.getByRole('button', { name: '发送我的方案' })).toBeDisabled();
  });

  test('creditors: the centre admin sees every creditor and their details', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const centre = await makeStaff(db, null, 'admin');
    const desk = await pageAs(centre);
    await desk.goto('/staff/admin/creditors');
    await expect(desk.getByRole('heading', { level: 1, name: '债权人与政策' })).toBeVisible();
    await axe(desk);
    await desk.goto(`/staff/admin/creditors/${creditor.id}`);
    await expect(desk.getByLabel('名称（中文）')).toHaveValue(creditor.name);
    await axe(desk);
  });
});
