import { eq } from 'drizzle-orm';
import { hardshipStatements } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/**
 * Nothing typed in the hardship statement is lost (issue #12): not what is
 * typed before the page has finished loading on a slow phone, not what is
 * typed before a reload, not a file chosen but not uploaded; and a count the
 * form cannot take is refused in words. 360 × 780, zh-CN.
 */
test.describe('the hardship statement keeps what is typed', () => {
  test('typed before the page is ready (CPU throttled, scripts late), it is kept exactly and saved', async ({ page, db, signIn }) => {
    test.setTimeout(120_000);
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id);
    await signIn(page, borrower);

    // A slow phone: the CPU four times slower, and the page's scripts held back until the borrower has typed.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    let release!: () => void;
    const typed = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_next/static/chunks/**', async (route) => {
      await typed;
      await route.continue();
    });
    await page.goto(`/cases/${kase.id}/hardship`, { waitUntil: 'commit' });
    const adults = page.getByLabel('家中成年人人数（含您本人）');
    // The server-rendered page shows the saved value and takes what is typed into it.
    await expect(adults).toHaveValue('1');
    await adults.fill('2');
    await page.getByLabel('6 岁以下子女人数').fill('1');
    release();
    // Once the page is ready it saves what was typed before it was: the field still says 2, the draft too.
    await expect(page.getByTestId('autosave-status')).toContainText('已自动保存', { timeout: 60_000 });
    await expect(adults).toHaveValue('2');
    await expect(page.getByLabel('6 岁以下子女人数')).toHaveValue('1');
    await page.unroute('**/_next/static/chunks/**');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await page.getByLabel('住房情况').selectOption('rent');
    await page.getByLabel('就业情况').selectOption('unemployed');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '每月收入' })).toBeVisible();
    const [draft] = await db.select().from(hardshipStatements).where(eq(hardshipStatements.caseId, kase.id));
    expect((draft!.data as { household: { adults: number; childrenUnder6: number } }).household).toMatchObject({ adults: 2, childrenUnder6: 1 });
  });

  test('a count it cannot take is refused in words; full-width digits are digits; a reload keeps what was typed; a chosen file is uploaded on continue; then a button to the options', async ({ page, db, signIn, axe }) => {
    test.setTimeout(120_000);
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id);
    await signIn(page, borrower);
    await page.goto(`/cases/${kase.id}/hardship`);
    await expect(page.getByText('您输入的内容会在停止输入后自动保存')).toBeVisible();

    const children = page.getByLabel('6–17 岁子女人数');
    for (const wrong of ['-1', '１２３', 'abc']) {
      await children.fill(wrong);
      await page.getByRole('button', { name: '保存并继续' }).click();
      await expect(page.getByText('请输入 0 到 20 之间的整数。')).toBeVisible();
      await expect(children).toHaveValue(wrong);
    }
    await expect(page.getByText(/validation\./)).toHaveCount(0);
    await children.fill('２');
    await page.getByLabel('住房情况').selectOption('rent');
    await page.getByLabel('就业情况').selectOption('employed');
    await axe();
    await page.getByRole('button', { name: '保存并继续' }).click();

    // Reload in the middle of a step: what was typed is there again.
    await expect(page.getByRole('heading', { level: 2, name: '每月收入' })).toBeVisible();
    await page.getByLabel('工资收入').fill('3,200');
    await page.getByLabel('亲友资助').fill('５００');
    await expect(page.getByTestId('autosave-status')).toContainText('已自动保存');
    await page.reload();
    await expect(page.getByText('已恢复您上次填写的内容')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '每月收入' })).toBeVisible();
    await expect(page.getByLabel('工资收入')).toHaveValue('3,200');
    await expect(page.getByLabel('亲友资助')).toHaveValue('５００');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.getByLabel('房租或房贷').fill('1500');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.getByRole('button', { name: '保存并继续' }).click();
    await page.getByLabel('主要原因').selectOption('illness');
    await page.getByLabel('从什么时候开始').fill('2026-03-01');
    await page.getByLabel('您认为这种情况是').selectOption('temporary');
    await page.getByLabel('具体情况').fill('住院治疗。');
    await page.getByRole('button', { name: '保存并继续' }).click();

    // A file chosen but not uploaded is named, and uploaded on "continue" rather than dropped.
    await expect(page.getByRole('heading', { level: 2, name: '证明材料（可选）' })).toBeVisible();
    await page.getByLabel('选择文件').setInputFiles({ name: '诊断证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% diagnosis\n%%EOF\n') });
    await expect(page.getByTestId('evidence-chosen')).toContainText('已选择“诊断证明.pdf”，还没有上传');
    await axe();
    await page.getByRole('button', { name: '上传并继续' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '核对并提交' })).toBeVisible();
    await expect(page.getByText('已上传 1 个证明材料。')).toBeVisible();
    await page.getByRole('button', { name: '提交说明' }).click();

    // Submitted: the next step is a button, not prose.
    await page.getByRole('link', { name: '查看我的还款选择' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '还款方案' })).toBeVisible();
    await expect(page.getByRole('list', { name: '当前可选方案' }).getByRole('listitem').first()).toBeVisible();
  });
});
