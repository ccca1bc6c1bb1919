import { makeBorrower, makeCreditor, makeLoanWithCase, makePayment, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

test.describe('arrears and the hardship statement on a phone', () => {
  test('reads the breakdown, fills the statement over two visits with an upload, submits; the mediator sees it', async ({ page, db, signIn, pageAs, axe }) => {
    test.setTimeout(120_000);
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator', 'mediator pw 1');
    const borrower = await makeBorrower(db, { fullName: '赵敏' });
    const { case: kase, loan } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    // The first installment (due 2026-01-15) was paid in full, with its late charges.
    await makePayment(db, loan.id, { receivedOn: '2026-01-20', amount: 600_000 });

    await signIn(page, borrower);
    await page.goto('/');
    await page.getByRole('link', { name: '查看案件与下一步' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '接下来会发生什么' })).toBeVisible();
    await expect(page.getByText('诉前调解')).toBeVisible();
    await axe();

    await page.getByRole('link', { name: '查看欠款明细和计算方法' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '欠款明细' })).toBeVisible();
    await expect(page.getByText('罚息 (罚息)').or(page.getByText('罚息', { exact: true }))).toBeVisible();
    await expect(page.getByText('逾期应还合计')).toBeVisible();
    // The schedule shows what is owed and the next installment; the paid one is a tap away.
    const schedule = page.getByRole('region', { name: '还款计划' });
    await expect(schedule.getByText('第 2 期 · 2026年2月15日')).toBeVisible();
    await expect(schedule.getByText('第 1 期 · 2026年1月15日')).toHaveCount(0);
    await schedule.getByRole('link', { name: '显示其余 1 期' }).click();
    await expect(schedule.getByText('第 1 期 · 2026年1月15日')).toBeVisible();
    await expect(schedule.getByText('已还清')).toBeVisible();
    await expect(schedule.getByRole('link', { name: '只看未还清的和下一期' })).toBeVisible();
    await axe();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // First visit: three steps.
    await page.goto(`/cases/${kase.id}/hardship`);
    await expect(page.getByRole('heading', { level: 1, name: '困难情况说明' })).toBeVisible();
    // What the answers are used for is said once (the first step said it again under the introduction).
    await expect(page.getByText(/不会透露给/)).toHaveCount(1);
    await axe();
    await page.getByLabel('家中成年人人数（含您本人）').fill('2');
    await page.getByLabel('6 岁以下子女人数').fill('1');
    await page.getByLabel('住房情况').selectOption('rent');
    await page.getByLabel('就业情况').selectOption('unemployed');
    await page.getByRole('button', { name: '保存并继续' }).click();

    await expect(page.getByRole('heading', { level: 2, name: '每月收入' })).toBeVisible();
    await page.getByLabel('低保及其他社会救助').fill('abc');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await expect(page.getByText('请输入金额，例如 1234.50')).toBeVisible();
    await expect(page.getByLabel('低保及其他社会救助')).toHaveValue('abc');
    await page.getByLabel('低保及其他社会救助').fill('1,200.50');
    await page.getByLabel('亲友资助').fill('８００');
    await axe();
    await page.getByRole('button', { name: '保存并继续' }).click();

    await expect(page.getByRole('heading', { level: 2, name: '每月支出' })).toBeVisible();
    await page.getByLabel('房租或房贷').fill('1500');
    // Far above what a household like this spends: a few words are asked for, and the amount is kept (the hint
    // once said this "does not stop you submitting", and then the step would not go on without them).
    await page.getByLabel('伙食与日用品', { exact: true }).fill('40000');
    await expect(page.getByText('例如：家人需要特殊饮食。写几个字即可，您填写的金额不会被改动。')).toBeVisible();
    await page.getByRole('button', { name: '保存并继续' }).click();
    await expect(page.getByText('请简单说明这项支出为什么较高。')).toBeVisible();
    await expect(page.getByLabel('伙食与日用品', { exact: true })).toHaveValue('40000');
    await expect(page.getByText(/不会影响您提交/)).toHaveCount(0);
    await page.getByLabel('伙食与日用品', { exact: true }).fill('2000');
    await page.getByRole('button', { name: '保存并继续' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '其他债务' })).toBeVisible();

    // Second visit, as if on another device: a fresh browser with nothing in memory but a session.
    await page.close();
    const phone = await pageAs(borrower);
    await phone.goto(`/cases/${kase.id}/hardship`);
    await expect(phone.getByText('已恢复您上次填写的内容')).toBeVisible();
    await expect(phone.getByText(/不会透露给/)).toHaveCount(1);
    await expect(phone.getByRole('heading', { level: 2, name: '其他债务' })).toBeVisible();
    await phone.getByRole('button', { name: '保存并继续' }).click();

    await expect(phone.getByRole('heading', { level: 2, name: '困难原因' })).toBeVisible();
    await phone.getByLabel('主要原因').selectOption('job_loss');
    await phone.getByLabel('从什么时候开始').fill('2026-05-01');
    await phone.getByLabel('您认为这种情况是').selectOption('temporary');
    await phone.getByLabel('具体情况').fill('工厂裁员，正在找工作。');
    await phone.getByRole('button', { name: '保存并继续' }).click();

    await expect(phone.getByRole('heading', { level: 2, name: '证明材料（可选）' })).toBeVisible();
    await phone.getByLabel('选择文件').setInputFiles({ name: '解除劳动合同通知.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% test evidence\n%%EOF\n') });
    await phone.getByRole('button', { name: '上传', exact: true }).click();
    await expect(phone.getByRole('list', { name: '已上传的材料' }).getByText('解除劳动合同通知.pdf')).toBeVisible();
    await phone.getByLabel('选择文件').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') });
    await phone.getByRole('button', { name: '上传', exact: true }).click();
    await expect(phone.getByText('只接受 PDF、JPG 或 PNG 文件')).toBeVisible();
    await phone.getByRole('button', { name: '继续' }).click();

    await expect(phone.getByRole('heading', { level: 2, name: '核对并提交' })).toBeVisible();
    // 1,200.50 + 800 − 1,500 − 2,000 = −1,499.50: a valid answer, explained, not an error.
    await expect(phone.getByText('− ¥1,499.50')).toBeVisible();
    await expect(phone.getByText('这也是有效的回答')).toBeVisible();
    await axe(phone);
    await phone.getByRole('button', { name: '提交说明' }).click();
    await expect(phone.getByText(/您已于 .* 提交第 1 版说明/)).toBeVisible();
    await axe(phone);

    // The mediator sees it, with the evidence.
    const desk = await pageAs(mediator);
    await desk.goto('/staff');
    await desk.getByRole('link', { name: kase.caseNo }).click();
    await expect(desk.getByRole('heading', { level: 2, name: '困难情况说明' })).toBeVisible();
    await expect(desk.getByText('第 1 版 · 当前版本')).toBeVisible();
    await expect(desk.getByRole('link', { name: '解除劳动合同通知.pdf' })).toBeVisible();
    // The header gives the case's state; the timeline says how it got there.
    await expect(desk.getByText(/^借款人已提交困难说明 · 调解员/)).toBeVisible();
    await expect(desk.getByTestId('timeline')).toContainText('状态：借款人已登录 → 借款人已提交困难说明');
    await axe(desk);
  });

  test('asks the mediator a question; the mediator sees it on the case and answers', async ({ page, db, signIn, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator', 'mediator pw 2');
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    await signIn(page, borrower);
    await page.goto(`/cases/${kase.id}`);
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await expect(page.getByText('请填写此项。')).toBeVisible();
    await page.getByLabel('您的问题或说明').fill('罚息是怎么算的？我对金额有疑问。');
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await expect(page.getByRole('list', { name: '给调解员留言' }).getByText('罚息是怎么算的？')).toBeVisible();

    const desk = await pageAs(mediator);
    await desk.goto(`/staff/cases/${kase.id}`);
    // The thread shows it (the case file's timeline repeats it among everything else).
    await expect(desk.getByRole('list', { name: '与借款人的留言' }).getByText('罚息是怎么算的？我对金额有疑问。')).toBeVisible();
    await desk.getByLabel('回复借款人').fill('罚息按逾期本金 × 年利率上浮 50% ÷ 360 × 逾期天数计算。');
    await desk.getByRole('button', { name: '发送', exact: true }).click();
    await expect(desk.getByRole('list', { name: '与借款人的留言' }).getByText('÷ 360')).toBeVisible();
    await axe(desk);

    await page.reload();
    await expect(page.getByText('÷ 360 × 逾期天数计算。')).toBeVisible();
    await axe();
  });

  test("another borrower's case, loan and statement are not found", async ({ page, db, signIn }) => {
    const creditor = await makeCreditor(db);
    const owner = await makeBorrower(db);
    const { case: kase, loan } = await makeLoanWithCase(db, creditor.id, owner.id);
    const intruder = await makeBorrower(db);
    await signIn(page, intruder);
    for (const url of [`/cases/${kase.id}`, `/loans/${loan.id}`, `/cases/${kase.id}/hardship`]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
    }
  });
});
