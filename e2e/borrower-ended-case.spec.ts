import type { Database } from '@/db/client';
import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/**
 * A case handed to litigation has ended for the borrower as much as a closed one: its page offered "write a hardship
 * statement" and "compare plans", and the plans page said "you may ask for plans" with no way to (demo realism walk).
 * On a 360×780 phone, in both languages.
 */
/** A borrower whose one case has ended in `state`. */
async function endedCase(db: Database, state: 'escalated' | 'closed') {
  const creditor = await makeCreditor(db);
  const borrower = await makeBorrower(db);
  const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, undefined, { state, closedAt: new Date() });
  return { borrower, kase };
}

test.describe('an ended case on a phone', () => {
  test('escalated: no link to a statement or plans, and the plans page says the case is no longer open to offers', async ({ pageAs, db, axe }) => {
    const { borrower, kase } = await endedCase(db, 'escalated');
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

  test('closed without an agreement: the journey says signing and repaying did not happen, not that they were done', async ({ pageAs, db, axe }) => {
    const { borrower, kase } = await endedCase(db, 'closed');
    const page = await pageAs(borrower);
    await page.goto(`/cases/${kase.id}`);
    const stage = (name: string) => page.getByRole('region', { name: '接下来会发生什么' }).getByRole('listitem').filter({ hasText: name });
    await expect(stage('逾期提醒')).toContainText('(已完成)');
    await expect(stage('诉前调解')).toContainText('本案调解已结束。');
    await expect(stage('签署还款协议')).toContainText('(未进行)');
    await expect(stage('按新计划还款')).toContainText('(未进行)');
    // Seen too, not only read out: the stages never reached are marked, without what they would have held.
    await expect(stage('签署还款协议').getByText('未进行', { exact: true })).toBeVisible();
    await expect(stage('按新计划还款')).not.toContainText('申请一次延期');
    await axe(page);
  });

  test('still negotiating after the deadline: the deadline is said to have passed, not given as a day still to come', async ({ pageAs, db, axe }) => {
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, undefined, { state: 'negotiating', mediationDeadline: new Date(Date.now() - 3 * 86_400_000) });
    const page = await pageAs(borrower);
    await page.goto('/');
    await expect(page.getByText(/^\d{4}年\d{1,2}月\d{1,2}日（已届满）$/)).toBeVisible();
    await page.goto(`/cases/${kase.id}`);
    await expect(page.getByText(/^\d{4}年\d{1,2}月\d{1,2}日（已届满）$/)).toBeVisible();
    await expect(page.getByText(/^调解期限原定至 .*，现已届满，尚未达成协议。双方同意仍可延长：请给调解员留言。$/)).toBeVisible();
    await expect(page.getByText('调解期限已届满', { exact: true })).toBeVisible();
    await expect(page.getByText(/^到 .* 仍未达成协议。贷款机构现在可能/)).toBeVisible();
    // Not "runs until" or "if there is still no agreement by" a day that is over.
    await expect(page.getByText(/调解期限至 .*，双方同意可以延长/)).toHaveCount(0);
    await expect(page.getByText(/^如果到 /)).toHaveCount(0);
    await axe(page);

    const english = await pageAs(borrower, { locale: 'en-US' });
    await english.goto(`/cases/${kase.id}`);
    await expect(english.getByText(/^[A-Z][a-z]+ \d{1,2}, \d{4} \(passed\)$/)).toBeVisible();
    await expect(english.getByText('The mediation period has ended', { exact: true })).toBeVisible();
    await expect(english.getByText(/^Mediation was to run until .*; that day has passed without an agreement\./)).toBeVisible();
    await expect(english.getByText(/^If there is still no agreement by/)).toHaveCount(0);
    await axe(english);
  });
});
