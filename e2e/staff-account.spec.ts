import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { deactivateStaff } from '@/lib/server/staff/deactivate-staff';
import { expect, test } from './fixtures/test';

test.describe('a staff member’s account and sessions', () => {
  test('changes the password: mistakes beside their fields, then the other sessions end and this one goes on', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const staff = await makeStaff(db, creditor.id, 'mediator', 'old staff password');
    const elsewhere = await pageAs(staff);
    await elsewhere.goto('/staff');
    await expect(elsewhere.getByRole('heading', { level: 1, name: '案件列表' })).toBeVisible();

    const desk = await pageAs(staff);
    await desk.goto('/staff');
    await desk.getByRole('link', { name: '我的账户' }).click();
    await expect(desk.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
    await expect(desk.getByRole('list', { name: '有效的登录' }).getByRole('listitem')).toHaveCount(2);
    await expect(desk.getByText('本设备', { exact: true })).toHaveCount(1);
    await axe(desk);

    await desk.getByLabel('当前密码').fill('not my password');
    await desk.getByLabel('新密码', { exact: true }).fill('short');
    await desk.getByLabel('再次输入新密码').fill('short');
    await desk.getByRole('button', { name: '修改密码' }).click();
    await expect(desk.getByText('太短：至少 12 个字符。')).toBeVisible();
    await desk.getByLabel('新密码', { exact: true }).fill('a brand new staff password');
    await desk.getByLabel('再次输入新密码').fill('a brand new staff password');
    await desk.getByRole('button', { name: '修改密码' }).click();
    await expect(desk.getByText('密码不正确。', { exact: true })).toBeVisible();
    await expect(desk.getByLabel('新密码', { exact: true })).toHaveValue('a brand new staff password');
    await axe(desk);

    await desk.getByLabel('当前密码').fill('old staff password');
    await desk.getByRole('button', { name: '修改密码' }).click();
    await expect(desk.getByText('密码已修改。您在其他地方的 1 个登录已结束。')).toBeVisible();
    await expect(desk.getByRole('list', { name: '有效的登录' }).getByRole('listitem')).toHaveCount(1);
    await elsewhere.reload();
    await expect(elsewhere).toHaveURL(/\/staff\/login/);
    await desk.goto('/staff');
    await expect(desk.getByRole('heading', { level: 1, name: '案件列表' })).toBeVisible();
  });

  test('"sign out everywhere" ends every session, this one too', async ({ db, pageAs }) => {
    const creditor = await makeCreditor(db);
    const staff = await makeStaff(db, creditor.id, 'supervisor');
    const elsewhere = await pageAs(staff);
    await elsewhere.goto('/staff');
    const desk = await pageAs(staff);
    await desk.goto('/staff/account');
    await desk.getByRole('button', { name: '在所有设备上退出' }).click();
    await expect(desk).toHaveURL(/\/staff\/login$/);
    await desk.goto('/staff');
    await expect(desk).toHaveURL(/\/staff\/login/);
    await elsewhere.reload();
    await expect(elsewhere).toHaveURL(/\/staff\/login/);
  });

  test('deactivating an account ends its open session at the next request', async ({ db, pageAs }) => {
    const creditor = await makeCreditor(db);
    const admin = await makeStaff(db, creditor.id, 'admin');
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    const desk = await pageAs(mediator);
    await desk.goto(`/staff/cases/${kase.id}`);
    await expect(desk.getByRole('heading', { level: 1, name: new RegExp(kase.caseNo) })).toBeVisible();

    // The admin area comes later; the service is what it will call.
    await deactivateStaff({ actor: { type: 'staff', id: admin.id, role: 'admin', creditorId: creditor.id }, meta: {} }, mediator.id);

    await desk.reload();
    await expect(desk).toHaveURL(/\/staff\/login/);
    await expect(desk.getByText(borrower.fullName)).toHaveCount(0);
  });
});
