import iconv from 'iconv-lite';
import { makeCreditor, makeStaff, randomPhone, randomResidentId } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

const header = '借款人姓名,身份证号,手机号,地址,合同号,产品,本金,年利率,还款方式,放款日,期限（月）,首期还款日,还款计划,已还款,语言,邀请方式';
function portfolio(tag: string) {
  const good = (n: number) => `借款人${n},${randomResidentId()},${randomPhone()},"上海市徐汇区漕溪北路${n}号, 3室",${tag}-${n},消费贷,"12,000.00",7.2,等额本息,2025-06-10,12,,,2025-07-10 1038.50,中文,${n % 2 ? '短信' : '信函'}`;
  const rows = [good(1), good(2), good(3), `坏身份证,330102199003078881,${randomPhone()},,${tag}-4,消费贷,8000,7.2,等额本息,2025-06-10,12,,,,,`, `坏手机,${randomResidentId()},1234567,,${tag}-5,消费贷,8000,7.2,等额本息,2025-06-10,12,,,,,`, `坏利率,${randomResidentId()},${randomPhone()},,${tag}-6,消费贷,8000,48%,气球贷,2025-02-30,12,,,,,`];
  return iconv.encode([header, ...rows].join('\r\n') + '\r\n', 'gb18030');
}

for (const locale of ['zh-CN', 'en'] as const) {
  test(`shots ${locale}`, async ({ db, pageAs }) => {
    const creditor = await makeCreditor(db);
    const admin = await pageAs(await makeStaff(db, creditor.id, 'admin'), { locale });
    await admin.goto('/staff/admin/import');
    await admin.screenshot({ path: `/tmp/i16/shots/import-index-${locale}.png`, fullPage: true });
    await admin.locator('input[type=file]').setInputFiles({ name: 'portfolio.csv', mimeType: 'text/csv', buffer: portfolio(`S${locale}`) });
    await admin.locator('button[type=submit]').click();
    await expect(admin.getByRole('heading', { level: 1 })).toContainText('portfolio.csv');
    await admin.screenshot({ path: `/tmp/i16/shots/import-progress-${locale}.png`, fullPage: true });
    await expect(admin.getByRole('button').filter({ hasText: /3/ }).first()).toBeVisible({ timeout: 30_000 });
    await admin.screenshot({ path: `/tmp/i16/shots/import-preview-${locale}.png`, fullPage: true });
    await admin.getByRole('button').filter({ hasText: /3/ }).first().click();
    await expect(admin.getByRole('status')).toHaveText(locale === 'en' ? 'Imported' : '已导入', { timeout: 30_000 });
    await admin.screenshot({ path: `/tmp/i16/shots/import-done-${locale}.png`, fullPage: true });
    await admin.goto('/staff/admin/import');
    await admin.screenshot({ path: `/tmp/i16/shots/import-list-${locale}.png`, fullPage: true });
  });
}
