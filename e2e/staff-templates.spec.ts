import { makeCreditor, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/** A creditor's admin words the SMS invitation: live preview with sample values, a missing case code and a written amount named beside the text, saved. */
test('message templates: edit the SMS invitation with a live preview', async ({ db, pageAs, axe }) => {
  const creditor = await makeCreditor(db);
  const admin = await pageAs(await makeStaff(db, creditor.id, 'admin'));
  await admin.goto('/staff/admin');
  await admin.getByRole('link', { name: '消息模板' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: '消息模板' })).toBeVisible();
  await axe(admin);
  await admin.getByRole('link', { name: '编辑: 短信邀请 (中文)' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: '短信邀请（中文）' })).toBeVisible();
  const body = admin.getByLabel('正文');
  await body.fill('【{creditor}】请到 {url} 输入案件码核实本短信。');
  const preview = admin.getByTestId('template-preview');
  await expect(preview).toContainText(`【${creditor.name}】请到 `);
  await expect(preview).toContainText('/check 输入案件码核实本短信。');
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByText('必须包含 {code}。')).toBeVisible();
  // An amount written into the invitation (it shows on a lock screen) is refused beside the text.
  await body.fill('【{creditor}】您尚欠 ¥5,000.00，案件码 {code}，请到 {url} 核实本短信。');
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByText('邀请中不能写金额：短信会显示在锁屏上', { exact: false })).toBeVisible();
  await body.fill('【{creditor}】案件码 {code}，请到 {url} 核实本短信。');
  await expect(preview).toContainText('案件码 K7M3Q-9XPRD，请到');
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await axe(admin);
  await admin.getByRole('link', { name: '返回模板列表' }).click();
  await expect(admin.getByRole('row').filter({ hasText: '短信邀请' }).filter({ hasText: '中文' })).toContainText('自有措辞（第 1 版');
});
