import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { cases } from '@/db/schema';
import { parseCsv } from '@/lib/http/csv';
import { flagEscalationReviews } from '@/lib/server/review/flag-escalation-reviews';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

test.describe('outcomes and the dashboard', () => {
  test('a mediator closes a case with an outcome; the supervisor sees it on the dashboard, follows the count to the queue and exports the CSV', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const supervisor = await makeStaff(db, creditor.id, 'supervisor');
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    const { case: other } = await makeLoanWithCase(db, creditor.id, (await makeBorrower(db)).id, mediator.id);

    const desk = await pageAs(mediator);
    await desk.goto(`/staff/cases/${kase.id}`);
    // Closing is one of the case file's actions, in its bar.
    await desk.getByRole('region', { name: '本案操作' }).getByRole('button', { name: '结案' }).click();
    const close = desk.getByRole('form', { name: '结案' });
    await close.getByLabel('调解结果').selectOption({ label: '部分和解' });
    await close.getByRole('button', { name: '按此结果结案' }).click();
    // The amounts a partial settlement carries are asked for beside their fields; nothing chosen is lost.
    await expect(close.getByText('请填写此项。')).toHaveCount(2);
    await close.getByLabel('调解结果').selectOption({ label: '存在争议' });
    await close.getByLabel('备注（选填）').fill('借款人对罚息计算有异议');
    await close.getByRole('button', { name: '按此结果结案' }).click();
    await expect(desk.getByText('当前结果: 存在争议')).toBeVisible();
    await expect(desk.getByText('借款人对罚息计算有异议')).toBeVisible();
    // The timeline says from what state to what (it said "状态变更" alone).
    await expect(desk.getByTestId('timeline')).toContainText('状态：已发出调解邀请 → 已结案');
    // The bar now offers reopening, not closing.
    const bar = desk.getByRole('region', { name: '本案操作' });
    await expect(bar.getByRole('button', { name: '重新开启案件' })).toBeVisible();
    await expect(bar.getByRole('button', { name: '结案' })).toHaveCount(0);
    await axe(desk);

    // Escalation from the bar: one outcome, with the amount claimed.
    await desk.goto(`/staff/cases/${other.id}`);
    await desk.getByRole('region', { name: '本案操作' }).getByRole('button', { name: '移交诉讼' }).click();
    const escalate = desk.getByRole('form', { name: '移交诉讼' });
    // One outcome, said by its button: no choice of one to make first.
    await expect(escalate.getByRole('combobox')).toHaveCount(0);
    // A slip of the finger (more than the whole loan is worth) is refused beside the field, kept as typed.
    await escalate.getByLabel('诉讼请求金额（元）').fill('9999999');
    await escalate.getByRole('button', { name: '移交诉讼' }).click();
    await expect(escalate.getByText(/^超过了可主张的金额：今天按法律可主张的结清金额为 ¥[\d,]+\.\d{2}。$/)).toBeVisible();
    await expect(escalate.getByLabel('诉讼请求金额（元）')).toHaveValue('9999999');
    await escalate.getByLabel('诉讼请求金额（元）').fill('12,000');
    await escalate.getByRole('button', { name: '移交诉讼' }).click();
    await expect(desk.getByText('当前结果: 移交诉讼')).toBeVisible();
    await expect(desk.getByText('请求 ¥12,000.00')).toBeVisible();

    const boss = await pageAs(supervisor);
    await boss.goto('/staff/dashboard');
    await expect(boss.getByRole('heading', { level: 1, name: '调解结果看板' })).toBeVisible();
    await expect(boss.locator('[data-value="opened"]')).toHaveText('2');
    // The DPD filter in the page's language (it listed "current" on a Chinese page).
    await expect(boss.locator('#bucket option')).toHaveText(['全部分档', '未逾期', 'M1（1–30天）', 'M2（31–60天）', 'M3（61–90天）', 'M4+（90天以上）']);
    // Resolution rate: none of the one ended case was resolved; the published 65 % beside it.
    await expect(boss.locator('[data-value="resolutionRate"]')).toHaveText('0%');
    await expect(boss.getByText('公开数据：65%（人民法院调解平台）')).toBeVisible();
    // No agreement signed among these cases: the keeping section says so rather than drawing an empty chart.
    await expect(boss.locator('[data-empty="cohorts"]')).toHaveText('所选期间开立的案件中还没有签署的协议，暂无履约数据。');
    const dispute = boss.locator('[data-outcome="dispute"]');
    await expect(dispute.getByRole('link')).toHaveText('1');
    await boss.locator('[data-figure="opened"]').getByText('口径说明').click();
    await expect(boss.getByText('在两个日期之间（北京时间）开立调解的案件', { exact: false })).toBeVisible();
    await axe(boss);

    // Each count leads to the queue, its filters carried over, showing exactly the cases counted.
    await dispute.getByRole('link').click();
    await expect(boss).toHaveURL(/\/staff\?.*outcome=dispute/);
    await expect(boss.locator('[data-kpi="matching"]')).toHaveText('1');
    await expect(boss.getByTestId('dashboard-filters')).toContainText('结果：存在争议');
    await expect(boss.getByRole('link', { name: kase.caseNo })).toBeVisible();
    await axe(boss);
    await boss.goto('/staff/dashboard');
    await boss.locator('[data-figure="opened"]').getByRole('link', { name: '在队列中查看 2 件' }).click();
    await expect(boss).toHaveURL(/\/staff\?/);
    await expect(boss.locator('[data-kpi="matching"]')).toHaveText('2');
    await expect(boss.locator('tbody tr[data-case]')).toHaveCount(2);
    // A bucket carried over is named in the page's language, as the dashboard's filter names it.
    await boss.goto('/staff?bucket=current');
    await expect(boss.getByTestId('dashboard-filters')).toContainText('立案时 未逾期');

    // A range that ends before it starts says so, rather than showing an empty portfolio.
    await boss.goto('/staff/dashboard?from=2026-12-01&to=2026-11-01');
    await expect(boss.getByTestId('range-reversed')).toHaveText('结束日期（2026年11月1日）早于开始日期（2026年12月1日），这个范围内没有案件。请调换两个日期。');
    await expect(boss.getByText('没有符合筛选条件的案件。')).toHaveCount(0);

    // The cases behind the figures, as a file that reads back.
    await boss.goto('/staff/dashboard');
    const [download] = await Promise.all([boss.waitForEvent('download'), boss.getByRole('link', { name: '案件明细（CSV）' }).click()]);
    const rows = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
    // In the reader's language: the columns, the state and outcome, yes/no (it read case_no, closed, dispute, true).
    expect(rows[0]!.slice(0, 3)).toEqual(['案件编号', '债权人', '案件状态']);
    const mine = rows.find((r) => r[0] === kase.caseNo)!;
    expect(mine[2]).toBe('已结案');
    expect(mine[rows[0]!.indexOf('调解结果')]).toBe('存在争议');
    expect(mine[rows[0]!.indexOf('调解成功')]).toBe('否');
    expect(mine[rows[0]!.indexOf('开案时间')]).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}$/);
    expect(rows.filter((r) => r.length > 1)).toHaveLength(3); // the header and two cases
    const [figures] = await Promise.all([boss.waitForEvent('download'), boss.getByRole('link', { name: '指标（CSV）' }).click()]);
    const figureRows = parseCsv(fs.readFileSync((await figures.path())!, 'utf8'));
    expect(figureRows.find((r) => r[0] === '开案数')?.[1]).toBe('2');
    expect(figureRows.find((r) => r[0] === '存在争议')?.[1]).toBe('1');
    expect(figureRows[0]).toEqual(['指标', '数值', '分子', '分母', '公开数据']);
    expect(figureRows.find((r) => r[0] === '调解员')?.[1]).toBe('全部调解员');
  });

  test('a case whose window ended joins the escalation review list; the supervisor extends it with the borrower’s agreement', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const supervisor = await makeStaff(db, creditor.id, 'supervisor');
    const { case: kase } = await makeLoanWithCase(db, creditor.id, (await makeBorrower(db)).id, mediator.id);
    await db.update(cases).set({ state: 'negotiating', mediationDeadline: new Date(Date.now() - 3_600_000) }).where(eq(cases.id, kase.id));
    await flagEscalationReviews(new Date());

    const boss = await pageAs(supervisor, { locale: 'en' });
    await boss.goto('/staff/review');
    const card = boss.locator(`[data-review-case="${kase.caseNo}"]`);
    await expect(card).toBeVisible();
    await expect(card).toContainText(creditor.nameEn); // the creditor named in the reader's language
    await axe(boss);
    await card.getByText('Extend the window').click();
    const extend = card.getByRole('form', { name: 'Extend the window' });
    await extend.getByLabel('How the borrower agreed').selectOption({ label: 'By phone' });
    await extend.getByLabel('What was agreed').fill('Agreed by phone to two more weeks');
    // Days written any other way than whole digits from 1 to 30 are refused (the review allowed 90, the case file read 1e1 as 10).
    await extend.getByLabel('Extra days (1–30)').fill('1e1');
    await extend.getByRole('button', { name: 'Extend' }).click();
    await expect(extend.getByText('Enter a whole number of days from 1 to 30.')).toBeVisible();
    await expect(extend.getByText('Tick to confirm the borrower agreed to the extension.')).toBeVisible();
    await extend.getByLabel('Extra days (1–30)').fill('14');
    await extend.getByLabel('The borrower agreed to the extension, as recorded above').check();
    await extend.getByRole('button', { name: 'Extend' }).click();
    await expect(card).toHaveCount(0);
    const [after] = await db.select().from(cases).where(eq(cases.id, kase.id));
    expect(after!.escalationReviewSince).toBeNull();
    expect(after!.deadlineExtensions).toBe(1);
    expect(after!.mediationDeadline.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    // The case's timeline says by how much, until when, and what the borrower agreed (it said only "extended").
    await boss.goto(`/staff/cases/${kase.id}`);
    const entry = boss.getByTestId('timeline').locator('li', { hasText: 'Mediation deadline extended' });
    const until = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(after!.mediationDeadline);
    await expect(entry).toContainText(`Mediation deadline extended by 14 days, to ${until}`);
    await expect(entry).toContainText('What the borrower agreed: Agreed by phone to two more weeks');
  });
});
