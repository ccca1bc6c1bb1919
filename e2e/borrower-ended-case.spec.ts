import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/**
 * A case handed to litigation has ended for the borrower as much as a closed one: its page offered "write a hardship
 * statement" and "compare plans", and the plans page said "you may ask for plans" with no way to (demo realism walk).
 * On a 360×780 phone, in both languages.
 */
test.describe('an ended case on a phone', () => {
  test('escalated: no link to a statement or plans, and the plans page says the case is no longer open to offers', async ({ pageAs, db, axe }) => {
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, undefined, { state: 'escalated', closedAt: new Date() });
    const page = await pageAs(borrower);
    await page.goto(`/cases/${kase.id}`);
    await expect(page.getByTestId('next-step')).toHaveText('调解未能达成协议，案件已转入诉讼程序。');
    await expect(page.getByTestId('next-step-link')).toHaveCount(0);
    await expect(page.getByRole('link', { name: '填写困难情况说明' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: '比较还款方案' })).toHaveCount(0);
    // What has happened, not a warning about a date already past.
    await expect(page.getByText(/调解期限已于 .* 届满，未能达成协议。/)).toBeVisible();
    await expect(page.getByText('仍未达成协议')).toHaveCount(0);
    // The borrower can still write to the mediator.
    await expect(page.getByRole('heading', { name: '给调解员留言' })).toBeVisible();
    await axe(page);
    await page.goto(`/cases/${kase.id}/offers`);
    await expect(page.getByText('本案已不在协商阶段，不能再申请或提出还款方案。')).toBeVisible();
    await expect(page.getByText('您可以申请系统为您生成方案')).toHaveCount(0);
    await axe(page);

    const english = await pageAs(borrower, { locale: 'en-US' });
    await english.goto(`/cases/${kase.id}/offers`);
    await expect(english.getByText('This case is no longer open to offers')).toBeVisible();
    await english.goto(`/cases/${kase.id}`);
    await expect(english.getByTestId('next-step-link')).toHaveCount(0);
    await expect(english.getByRole('link', { name: /hardship/i })).toHaveCount(0);
    await expect(english.getByText(/Mediation ended on .* without an agreement\./)).toBeVisible();
    await axe(english);
  });
});
