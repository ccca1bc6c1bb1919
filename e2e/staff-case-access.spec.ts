import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

test.describe('who acts on a case', () => {
  test('a mediator claims an unassigned case, then works it; another mediator’s case and an admin’s view are read only', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const colleague = await makeStaff(db, creditor.id, 'mediator');
    const admin = await makeStaff(db, creditor.id, 'admin');
    const borrower = await makeBorrower(db);
    const { case: open } = await makeLoanWithCase(db, creditor.id, borrower.id);
    const { case: theirs } = await makeLoanWithCase(db, creditor.id, borrower.id, colleague.id);

    const desk = await pageAs(mediator);
    await desk.goto(`/staff/cases/${open.id}`);
    await expect(desk.getByText('此案件尚无调解员处理。')).toBeVisible();
    await expect(desk.getByRole('heading', { name: '提出还款方案（还价）' })).toHaveCount(0);
    await expect(desk.getByLabel('回复借款人')).toHaveCount(0);
    await axe(desk);
    await desk.getByRole('button', { name: '认领此案件' }).click();
    await expect(desk.getByRole('heading', { name: '提出还款方案（还价）' })).toBeVisible();
    await expect(desk.getByLabel('回复借款人')).toBeVisible();
    await expect(desk.getByText(`调解员: ${mediator.name}`, { exact: false })).toBeVisible();

    await desk.goto(`/staff/cases/${theirs.id}`);
    await expect(desk.getByText(`此案件由 ${colleague.name} 负责。`, { exact: false })).toBeVisible();
    await expect(desk.getByRole('heading', { name: '提出还款方案（还价）' })).toHaveCount(0);
    await expect(desk.getByLabel('回复借款人')).toHaveCount(0);
    await expect(desk.getByRole('button', { name: '认领此案件' })).toHaveCount(0);

    const adminDesk = await pageAs(admin);
    await adminDesk.goto(`/staff/cases/${open.id}`);
    await expect(adminDesk.getByText('管理员可以查看案件，但不能处理案件。')).toBeVisible();
    await expect(adminDesk.getByLabel('回复借款人')).toHaveCount(0);
    await axe(adminDesk);
  });
});
