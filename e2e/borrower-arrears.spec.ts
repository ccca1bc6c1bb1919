import { eq } from 'drizzle-orm';
import { cases, loans } from '@/db/schema';
import { scheduleOf } from '@/lib/domain/stored-schedule';
import { computeArrears } from '@/lib/domain/arrears';
import { addDays, daysBetween, todayIn } from '@/lib/domain/dates';
import { defaultPolicy } from '@/lib/domain/policy';
import { makeBorrower, makeCreditor, makeLoanWithCase, makePayment } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/**
 * The arrears a borrower reads (issue 10): installments paid a few days early owe nothing and accrue nothing; days
 * past due count from the first installment still unpaid; what an installment still owes is split the way the
 * summary splits the same amount; a loan paid off shows nothing owed. On a 360×780 phone, in both languages.
 */
const yuan = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);

test.describe('what is owed, on a 360×780 phone', () => {
  test('installments paid early accrue nothing; an owed installment is split like the summary', async ({ pageAs, db, axe }) => {
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const { loan } = await makeLoanWithCase(db, creditor.id, borrower.id);
    const schedule = scheduleOf(loan);
    // Installments 1–8 paid two days before they fell due; 9 (2026-09-15) and later not.
    for (const row of schedule.slice(0, 8)) await makePayment(db, loan.id, { receivedOn: addDays(row.dueDate, -2), amount: row.principalDue + row.interestDue });
    const today = todayIn('Asia/Shanghai');
    const dpd = daysBetween(schedule[8]!.dueDate, today);
    const page = await pageAs(borrower);
    await page.goto('/');
    await expect(page.getByText(`${dpd} 天`, { exact: false }).first()).toBeVisible();

    await page.goto(`/loans/${loan.id}?schedule=all`);
    await axe(page);
    const cards = page.locator('#schedule-heading ~ ul > li');
    for (let i = 0; i < 8; i++) {
      const card = cards.nth(i);
      await expect(card).toContainText(`第 ${i + 1} 期`);
      await expect(card).toContainText('已还清');
      await expect(card).not.toContainText('罚息 / 复利');
      await expect(card).not.toContainText('尚欠');
    }
    // Each owed installment: its parts add up to what it still owes; all of them add up to the summary's total.
    let owed = 0;
    const owedCards = cards.filter({ hasText: '尚欠' });
    const count = await owedCards.count();
    expect(count).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < count; i++) {
      const card = owedCards.nth(i);
      const still = yuan(await card.locator('dt:has-text("尚欠") + dd').evaluate((dd) => dd.firstChild!.textContent!));
      const parts = (await card.getByText(/^其中/).innerText()).match(/¥[\d,]+\.\d{2}/g)!.map(yuan);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(still);
      owed += still;
    }
    const total = yuan(await page.locator('dt:text-is("逾期应还合计") + dd').innerText());
    expect(owed).toBe(total);
    await expect(page.getByText(`最早一期已逾期 ${dpd} 天`, { exact: false })).toBeVisible();
  });

  test('a loan paid off owes nothing, on every page, in English', async ({ pageAs, db, axe }) => {
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const { loan, case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id);
    const schedule = scheduleOf(loan);
    const [row] = await db.select().from(loans).where(eq(loans.id, loan.id));
    // Five installments late, then everything the engine says settles the loan on 2026-07-20 (with its penalty).
    const paid = schedule.slice(0, 5).map((r) => ({ receivedOn: addDays(r.dueDate, 10), amount: r.principalDue + r.interestDue }));
    const settle = computeArrears({
      loan: { principal: row!.principal, annualRatePpm: row!.annualRatePpm, startDate: row!.startDate },
      installments: schedule,
      payments: paid,
      asOf: '2026-07-20',
      policy: defaultPolicy,
    }).totals.totalToSettle;
    for (const p of [...paid, { receivedOn: '2026-07-20', amount: settle }]) await makePayment(db, loan.id, p);
    // As plan tracking leaves a loan paid off: the loan repaid, the case completed.
    await db.update(loans).set({ status: 'repaid' }).where(eq(loans.id, loan.id));
    await db.update(cases).set({ state: 'completed' }).where(eq(cases.id, kase.id));

    const page = await pageAs(borrower);
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'What I owe and my mediation' })).toBeVisible();
    await expect(page.getByText(kase.caseNo)).toBeVisible();
    // Repaid in full, and nothing overdue: no "0 days (current)".
    await expect(page.getByText('Not overdue')).toBeVisible();
    await page.goto(`/loans/${loan.id}`);
    await axe(page);
    await expect(page.getByText('No installment is overdue.')).toBeVisible();
    for (const line of ['Total overdue', 'To settle the whole loan today']) await expect(page.locator(`dt:text-is("${line}") + dd`)).toHaveText('CN¥0.00');
    await page.goto(`/cases/${kase.id}`);
    for (const line of ['Overdue now', 'To settle the whole loan today']) await expect(page.locator(`dt:text-is("${line}") + dd`)).toHaveText('CN¥0.00');
    await expect(page.locator('dt:text-is("Days past due") + dd')).toHaveText('Not overdue');
    // The case has ended: no statement to write, no offers to compare, no lawsuit for want of an agreement.
    for (const gone of ['Fill in the hardship statement', 'Compare repayment offers', 'If there is no agreement']) await expect(page.getByText(gone)).toHaveCount(0);
  });
});
