import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { cases, invitations, loans, notifications } from '@/db/schema';
import { makeCreditor, makeStaff, randomPhone, randomResidentId } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/**
 * The portfolio import as an admin does it, on the e2e server's own worker: a GBK file with good rows and bad,
 * the preview by row, column and reason, the error report downloaded, a reload mid-way, the confirmation, and
 * the cases opened; then the invitation as the borrower gets it: the SMS's link and code opened on a phone (genuine,
 * the creditor named, no amount anywhere), and the letter's PDF. A header that does not match is refused naming the columns.
 */
const header = '借款人姓名,身份证号,手机号,地址,合同号,产品,本金,年利率,还款方式,放款日,期限（月）,首期还款日,还款计划,已还款,语言,邀请方式';

function portfolioRows() {
  // The second good row's start date as core banking writes it (20250610).
  const good = (n: number) => `借款人${n},${randomResidentId()},${randomPhone()},"上海市徐汇区漕溪北路${n}号, 3室",E2E-${n},消费贷,"12,000.00",7.2,等额本息,${n === 1 ? '2025-06-10' : '20250610'},12,,,2025-07-10 1038.50,中文,${n === 1 ? '短信' : '信函'}`;
  const rows = [
    good(1),
    good(2),
    `坏身份证,330102199003078881,${randomPhone()},,E2E-3,消费贷,8000,7.2,等额本息,2025-06-10,12,,,,,`,
    `坏手机,${randomResidentId()},1234567,,E2E-4,消费贷,8000,7.2,等额本息,2025-06-10,12,,,,,`,
    // 7.2 % written as a fraction: read as percent, the loan would carry a hundredth of its interest.
    `小数利率,${randomResidentId()},${randomPhone()},,E2E-5,消费贷,8000,0.072,等额本息,2025-06-10,12,,,,,`,
  ];
  return rows;
}
const csvFile = (rows: string[]) => iconv.encode([header, ...rows].join('\r\n') + '\r\n', 'gb18030');

test.describe('portfolio import', () => {
  test('an admin previews a GBK file, downloads the error report, reloads, and imports the valid rows; the borrower checks the invitation on a phone', async ({ browser, db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const admin = await pageAs(await makeStaff(db, creditor.id, 'admin'));
    await admin.goto('/staff/admin');
    await admin.getByRole('link', { name: '资产包导入' }).click();
    await expect(admin.getByRole('heading', { level: 1, name: '资产包导入' })).toBeVisible();
    await axe(admin);

    const rows = portfolioRows();
    await admin.getByLabel('资产包文件（CSV）').setInputFiles({ name: 'portfolio.csv', mimeType: 'text/csv', buffer: csvFile(rows) });
    await admin.getByRole('button', { name: '上传并校验' }).click();
    await expect(admin.getByRole('heading', { level: 1, name: '导入 portfolio.csv' })).toBeVisible();
    await expect(admin.getByRole('status')).toHaveText('已校验：等待您确认', { timeout: 30_000 });
    await expect(admin.getByText('GBK', { exact: true })).toBeVisible();
    await expect(admin.getByText('2 行没有问题：将导入新贷款 2 笔、变更的贷款 0 笔；无变化 0 笔（跳过）。3 行有问题，不会导入。')).toBeVisible();
    await expect(admin.getByText('有问题的 3 行不会导入。导入要么全部写入，要么什么都不写。', { exact: true })).toBeVisible();
    const problems = admin.getByRole('table').first();
    await expect(problems.getByRole('row').nth(1)).toHaveText(['4', '身份证号', '身份证号校验位不正确（是否输错？）。'].join(''));
    await expect(problems.getByRole('row').nth(2)).toHaveText(['5', '手机号', '不是大陆手机号（以 1 开头的 11 位数字）。'].join(''));
    await expect(problems.getByRole('row').nth(3)).toHaveText(['6', '年利率', '“0.072”低于年 1%。如果这是小数，请写 7.2（即 7.2%）；如果确实是年 0.072%，请写成“0.072%”。'].join(''));
    await axe(admin);

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: '下载错误报告（CSV）' }).click()]);
    expect(download.suggestedFilename()).toBe('portfolio-errors.csv');
    const report = fs.readFileSync((await download.path())!, 'utf8');
    expect(report.startsWith('\uFEFF借款人姓名,')).toBe(true);
    expect(report).toContain(',错误原因\r\n');
    expect(report).toContain('坏手机,');
    expect(report).toContain('手机号：不是大陆手机号（以 1 开头的 11 位数字）。');

    // The preview is the batch's, not the page's: a reload finds it as it was.
    await admin.reload();
    await admin.getByRole('button', { name: '导入 2 行' }).click();
    await expect(admin.getByRole('status')).toHaveText('已导入', { timeout: 30_000 });
    await expect(admin.getByText('已导入 2 行：开立案件 2 件，新建借款人账户 2 个，排队邀请 2 条。')).toBeVisible();
    await axe(admin);
    const opened = await db.select().from(cases).where(eq(cases.creditorId, creditor.id));
    expect(opened.map((k) => k.state)).toEqual(['invited', 'invited']);
    // 20250610 is the same day as 2025-06-10.
    const lent = await db.select({ contractNo: loans.contractNo, startDate: loans.startDate }).from(loans).where(eq(loans.creditorId, creditor.id)).orderBy(loans.contractNo);
    expect(lent).toEqual([{ contractNo: 'E2E-1', startDate: '2025-06-10' }, { contractNo: 'E2E-2', startDate: '2025-06-10' }]);

    // The SMS invitation: the portal's address and the case code, never an amount.
    const [sms] = await db.select().from(notifications).where(and(eq(notifications.creditorId, creditor.id), eq(notifications.template, 'invitationSms')));
    expect(sms!.body).toContain(creditor.name);
    expect(sms!.body).not.toMatch(/12,000|12000|1038|¥|元/);
    const code = sms!.body.match(/案件码 ([0-9A-Z]{5}-[0-9A-Z]{5})/)![1]!;
    const link = new URL(sms!.body.match(/https?:\/\/\S+?\/check/)![0]);
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, hasTouch: true, locale: 'zh-CN' });
    const borrower = await phone.newPage();
    await borrower.goto(link.pathname);
    await borrower.getByLabel('案件码').fill(code);
    await borrower.getByRole('button', { name: '核实' }).click();
    await expect(borrower.getByRole('status')).toContainText('是的，这条消息是真的。');
    await expect(borrower.getByRole('status')).toContainText(creditor.name);
    await expect(borrower.getByRole('status')).not.toContainText('12,000');
    await axe(borrower);
    await phone.close();

    // The letter invitation: a PDF the admin prints from the outbox.
    const [letter] = await db.select().from(invitations).innerJoin(cases, eq(cases.id, invitations.caseId)).where(and(eq(cases.creditorId, creditor.id), eq(invitations.channel, 'letter')));
    const pdf = await admin.request.get(`/api/invitations/${letter!.invitations.id}/letter`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The next month's file: the first loan has a new payment, the second is as it was. The preview names the
    // payment, not only the new count, and says plainly that no row has problems.
    await admin.goto('/staff/admin/import');
    const nextMonth = [rows[0]!.replace('2025-07-10 1038.50', '2025-07-10 1038.50;2025-08-10 1038.50'), rows[1]!];
    await admin.getByLabel('资产包文件（CSV）').setInputFiles({ name: 'next-month.csv', mimeType: 'text/csv', buffer: csvFile(nextMonth) });
    await admin.getByRole('button', { name: '上传并校验' }).click();
    await expect(admin.getByRole('status')).toHaveText('已校验：等待您确认', { timeout: 30_000 });
    await expect(admin.getByText('2 行没有问题：将导入新贷款 0 笔、变更的贷款 1 笔；无变化 1 笔（跳过）。')).toBeVisible();
    await expect(admin.getByText('导入要么全部写入，要么什么都不写。', { exact: true })).toBeVisible();
    const changed = admin.getByRole('table', { name: '将变更的贷款' });
    await expect(changed.getByRole('row').nth(1)).toHaveText(['2', 'E2E-1', '已还款', '1 笔还款', '2 笔还款', '新增：2025-08-10 ¥1,038.50'].join(''));
    await expect(admin.getByRole('button', { name: '导入 1 行' })).toBeVisible();
    await axe(admin);
  });

  test('a file whose header does not match is refused, naming the missing and unknown columns (in English)', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const admin = await pageAs(await makeStaff(db, creditor.id, 'admin'), { locale: 'en' });
    await admin.goto('/staff/admin/import');
    await admin.getByRole('button', { name: 'Upload and check' }).click();
    await expect(admin.getByText('Choose a CSV file.')).toBeVisible();
    await admin.getByLabel('Portfolio file (CSV)').setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('borrower_name,resident_id,mobile,contract_no,colour\r\nA,B,C,D,E\r\n') });
    await admin.getByRole('button', { name: 'Upload and check' }).click();
    await expect(admin.getByRole('status')).toHaveText('File refused', { timeout: 30_000 });
    // The batch names its creditor in the reader's language (it read the Chinese name on the English page).
    await expect(admin.getByText(creditor.nameEn)).toBeVisible();
    await expect(admin.getByText(creditor.name)).toHaveCount(0);
    await expect(admin.getByRole('alert').filter({ hasText: 'header row' })).toHaveText(
      'The header row does not match. Missing columns: Product, Principal, Annual rate, Repayment method, Start date, Term (months). Unknown columns: colour. Download the template to see the expected names.',
    );
    await axe(admin);
  });
});
