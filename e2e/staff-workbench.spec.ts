import fs from 'node:fs';
import { and, eq, inArray } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import { agreements, cases, contactRecords, judicialConfirmations } from '@/db/schema';
import { addNote } from '@/lib/server/contacts/add-note';
import { checkPromises } from '@/lib/server/contacts/record-promise';
import { makeCaseHistory } from '@/lib/testing/case-history';
import { todayIn } from '@/lib/domain/dates';
import { parseCsv } from '@/lib/http/csv';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/** A time zone in which it is about noon now, so the contact window is open whenever the test runs. */
function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
const localDay = (timeZone: string, at = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

test.describe('the mediator’s workbench', () => {
  // Each test builds its own creditor's data; a loaded two-core machine needs more than the default minute.
  test.setTimeout(120_000);
  test('a supervisor searches and filters the queue by keyboard, then assigns cases selected across two pages', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const supervisor = await makeStaff(db, creditor.id, 'supervisor');
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    // 55 cases: two pages of 50. One borrower stands out by name and a submitted hardship is not needed for the search.
    const created = await Promise.all(
      Array.from({ length: 55 }, async (_, i) => {
        const borrower = await makeBorrower(db, { fullName: i === 7 ? '欧阳娜娜' : `测试${String.fromCharCode(0x4e00 + i)}` });
        return (await makeLoanWithCase(db, creditor.id, borrower.id, undefined, { dpdAtOpen: i === 7 ? 100 : 20 })).case.id;
      }),
    );
    const page = await pageAs(supervisor, { locale: 'en' });
    await page.goto('/staff');
    await expect(page.locator('[data-kpi="matching"]')).toHaveText('55');
    // A case just opened waits for its first contact since it opened: not overdue the moment it exists.
    const firstRow = page.locator('tr[data-case]').first();
    await expect(firstRow).toContainText('First contact');
    await expect(firstRow).toContainText(/since [A-Z][a-z]{2} \d/);
    await expect(firstRow).not.toContainText('overdue');
    await axe(page);
    // A portfolio's amount in arrears runs to a dozen digits: every card holds its figure at 1366×900 (it spilt past its card).
    await db.update(cases).set({ arrearsAtOpen: 99_999_999_99 }).where(eq(cases.creditorId, creditor.id));
    await page.reload();
    await expect(page.locator('[data-kpi="arrears"]')).toHaveText('CN¥5,499,999,999.45');
    for (const card of await page.locator('[data-kpi]').all()) {
      const { scroll, client } = await card.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(scroll, await card.getAttribute('data-kpi') ?? '').toBeLessThanOrEqual(client);
    }

    // "/" jumps to the search; Enter searches; the name matches by a part of it.
    await page.locator('body').press('/');
    await expect(page.locator('#queue-search')).toBeFocused();
    await page.keyboard.type('阳娜');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/q=%E9%98%B3%E5%A8%9C/);
    await expect(page.locator('[data-kpi="matching"]')).toHaveText('1');
    await expect(page.locator('tr[data-case]')).toHaveCount(1);
    // Two digits look at names only: the page says why nothing was found (it said only "no case matches this view").
    await page.locator('#queue-search').fill('13');
    await page.locator('#queue-search').press('Enter');
    await expect(page.locator('[data-kpi="matching"]')).toHaveText('0');
    await expect(page.getByText('A search of fewer than 3 characters looks only at names: type at least 3 for a phone, case or contract number.')).toBeVisible();
    await page.locator('#queue-search').fill('阳娜');
    await page.locator('#queue-search').press('Enter');
    await expect(page.locator('tr[data-case]')).toHaveCount(1);

    // A filter from the keyboard: M4+ only, together with the search.
    await page.getByRole('checkbox', { name: 'M4+' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Apply' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/dpd=m4/);
    await expect(page.locator('tr[data-case]')).toHaveCount(1);
    await expect(page.locator('[data-kpi="matching"]')).toHaveText('1');
    // The arrears range typed with its thousands grouped (the field once refused the comma, and the server too):
    // the case owes 99,999,999.99, so from 100,000,000 finds none and from 99,999,999 finds it.
    await page.getByLabel('Arrears from (yuan)').fill('100,000,000');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.locator('[data-kpi="matching"]')).toHaveText('0');
    await page.getByLabel('Arrears from (yuan)').fill('99,999,999');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.locator('[data-kpi="matching"]')).toHaveText('1');
    await expect(page).toHaveURL(/[?&]min=99999999&/);
    // …and to the fen, with a point (a point was refused by the field, and ignored in a link).
    await page.getByLabel('Arrears from (yuan)').fill('99,999,999.99');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/[?&]min=99999999\.99&/);
    await expect(page.locator('[data-kpi="matching"]')).toHaveText('1');
    // One fen below what it owes finds none.
    await page.getByLabel('Arrears up to (yuan)').fill('99,999,999.98');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.locator('[data-kpi="matching"]')).toHaveText('0');
    await page.getByLabel('Arrears up to (yuan)').fill('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.locator('[data-kpi="matching"]')).toHaveText('1');
    // Arrows move along the rows, Enter opens the case.
    await page.locator('tr[data-case]').first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('tr[data-case]').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/staff/cases/${created[7]}`));

    // Select the whole first page, then two rows of the second: 52 across the pages.
    await page.goto('/staff');
    await page.getByRole('checkbox', { name: 'Select every case on this page' }).check();
    await expect(page.getByText('50 cases selected')).toBeVisible();
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/page=2/);
    const second = page.locator('tr[data-case]');
    await expect(second).toHaveCount(5);
    await second.nth(0).getByRole('checkbox').check();
    await second.nth(1).getByRole('checkbox').check();
    await expect(page.getByText('52 cases selected')).toBeVisible();
    await page.getByRole('combobox', { name: 'Assign to' }).selectOption(mediator.id);
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(page.getByText('52 cases assigned.')).toBeVisible();
    // Done, the bar says what was done, not '0 cases selected'.
    await expect(page.getByText(/cases? selected/)).toHaveCount(0);
    const assigned = await db.select({ id: cases.id }).from(cases).where(and(inArray(cases.id, created), eq(cases.assigneeId, mediator.id)));
    expect(assigned).toHaveLength(52);
  });

  test('a mediator reveals the phone with a reason, records a call the rules allow and one they block', async ({ db, pageAs, axe }) => {
    const timeZone = zoneAtNoon();
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const borrower = await makeBorrower(db, { fullName: '周敏', timezone: timeZone });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id, { state: 'negotiating' });
    const page = await pageAs(mediator, { locale: 'en' });
    await page.goto(`/staff/cases/${kase.id}`);
    await expect(page.getByTestId('contact-status-line')).toHaveText('0 of 3 conversations today, 0 of 7 call attempts this week, a call is allowed now');
    // Each channel in the words of its use: a visit is not "a call".
    await expect(page.getByText('Visit: a visit is allowed now', { exact: true })).toBeVisible();
    await expect(page.getByText('SMS: allowed now', { exact: true })).toBeVisible();
    await axe(page);

    await page.getByRole('button', { name: 'Show the number' }).click();
    await page.getByLabel('Reason for viewing').fill('x');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    // A reason of one letter is refused with how long it must be (it said "Please fill this in." beside the letter).
    await expect(page.getByText('Say briefly why (at least 2 characters).')).toBeVisible();
    await expect(page.getByLabel('Reason for viewing')).toHaveValue('x');
    await page.getByLabel('Reason for viewing').fill('Calling back at the number the borrower gave');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(page.getByText(borrower.phone, { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Record a contact' }).click();
    await page.getByLabel('Note', { exact: true }).fill('Borrower will be paid on Friday');
    await page.getByRole('button', { name: 'Record the contact' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Contact recorded.' })).toBeVisible();
    await expect(page.getByTestId('contact-status-line')).toHaveText('1 of 3 conversations today, 1 of 7 call attempts this week, a call is allowed now');

    // Two more conversations today (recorded by colleagues): the day's three are used up.
    const at = new Date(Date.now() - 60_000);
    await db.insert(contactRecords).values([0, 1].map(() => ({ caseId: kase.id, borrowerId: borrower.id, staffId: mediator.id, channel: 'phone' as const, direction: 'outbound' as const, outcome: 'effective' as const, result: 'reached' as const, at })));
    await page.reload();
    await expect(page.getByTestId('contact-status-line')).toContainText('3 of 3 conversations today, 3 of 7 call attempts this week, next allowed at 08:00 tomorrow');
    await page.getByRole('button', { name: 'Record a contact' }).click();
    await page.getByRole('button', { name: 'Record the contact' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Refused by the contact rules: the day’s conversations are used up.' })).toBeVisible();
    const timeline = page.getByTestId('timeline');
    await expect(timeline.getByText('blocked: the day’s conversations are used up')).toHaveCount(1);
    await expect(timeline.getByText('Borrower will be paid on Friday')).toBeVisible();
    const rows = await db.select({ outcome: contactRecords.outcome, rule: contactRecords.blockedRule }).from(contactRecords).where(eq(contactRecords.caseId, kase.id));
    expect(rows.filter((r) => r.outcome === 'blocked')).toEqual([{ outcome: 'blocked', rule: 'contact.dailyEffective' }]);
    await axe(page);

    // A call from a third party, the box that no debt detail was given left empty: the rule, and what it asks, not
    // "not allowed in the coming days" (no time answers it).
    await page.getByLabel('Direction').selectOption('inbound');
    await page.getByLabel('Who was reached').selectOption('third_party');
    await page.getByRole('button', { name: 'Record the contact' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Refused by the contact rules: a third party may never be told about the debt.' });
    await expect(refused).toContainText('A third party may be spoken to only without any detail of the debt: tick the box above to state that none was given.');
    await expect(refused).not.toContainText('Not allowed in the coming days.');
  });

  test('a supervisor assigns a case from its file: who can take it, with their open cases, is read when the form opens', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const supervisor = await makeStaff(db, creditor.id, 'supervisor');
    const busy = await makeStaff(db, creditor.id, 'mediator');
    const free = await makeStaff(db, creditor.id, 'mediator');
    const borrower = await makeBorrower(db, { fullName: '冯雪' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, busy.id, { state: 'negotiating' });
    const page = await pageAs(supervisor);
    await page.goto(`/staff/cases/${kase.id}`);
    // A case assigned after the page was drawn counts when the form opens.
    await makeLoanWithCase(db, creditor.id, (await makeBorrower(db)).id, busy.id, { state: 'negotiating' });
    await page.getByRole('button', { name: '分派', exact: true }).click();
    const to = page.getByRole('combobox', { name: '分派给' });
    await expect(to.locator('option', { hasText: `${busy.name}（调解员，在办 2 件）` })).toHaveCount(1);
    await expect(to.locator('option', { hasText: `${free.name}（调解员，在办 0 件）` })).toHaveCount(1);
    await expect(to).toHaveValue(busy.id);
    await axe(page);
    await to.selectOption(free.id);
    await page.getByRole('button', { name: '分派案件' }).click();
    await expect(page.getByText(`调解员: ${free.name}`)).toBeVisible();
    const [row] = await db.select({ assigneeId: cases.assigneeId }).from(cases).where(eq(cases.id, kase.id));
    expect(row!.assigneeId).toBe(free.id);
  });
  test('a long timeline shows its newest 50 entries, and the whole of it on asking', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const borrower = await makeBorrower(db, { fullName: '钱多' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id, { state: 'negotiating' });
    const actor = { type: 'staff' as const, id: mediator.id, role: 'mediator' as const, creditorId: creditor.id };
    for (let i = 1; i <= 55; i++) await addNote({ actor, meta: {} }, { caseId: kase.id, body: `跟进第${i}条` }, new Date(Date.now() - (56 - i) * 60_000));
    const page = await pageAs(mediator);
    await page.goto(`/staff/cases/${kase.id}?view=${encodeURIComponent('sort=deadline')}`);
    const timeline = page.getByTestId('timeline');
    await expect(timeline.locator('li')).toHaveCount(50);
    await expect(timeline).toContainText('跟进第55条');
    await expect(timeline).not.toContainText('跟进第5条');
    await page.getByRole('link', { name: '显示完整时间线' }).click();
    await expect(timeline.locator('li')).toHaveCount(55);
    await expect(timeline).toContainText('跟进第1条');
    // The queue view it was opened from is kept: "back" and "work next" still follow it.
    expect(new URL(page.url()).searchParams.get('view')).toBe('sort=deadline');
    await expect(page.getByRole('link', { name: '显示完整时间线' })).toHaveCount(0);
    await axe(page);
  });
  test('a promise to pay not kept is broken after its day and grace, and the case rises to the top of the queue', async ({ db, pageAs, axe }) => {
    const timeZone = zoneAtNoon();
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const first = await makeBorrower(db, { fullName: '吴刚' });
    await makeLoanWithCase(db, creditor.id, first.id, mediator.id, { mediationDeadline: new Date(Date.now() + 2 * 86_400_000) });
    const borrower = await makeBorrower(db, { fullName: '郑爽', timezone: timeZone });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id, { state: 'negotiating' });
    const page = await pageAs(mediator);
    await page.goto(`/staff/cases/${kase.id}`);
    await page.getByRole('button', { name: '承诺还款' }).click();
    await page.getByLabel('承诺还款日').fill(localDay(timeZone));
    await page.getByLabel('金额（元）', { exact: true }).fill('abc');
    await page.getByRole('button', { name: '记录承诺' }).click();
    await expect(page.getByLabel('金额（元）', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('承诺还款日')).toHaveValue(localDay(timeZone));
    // Two zeros too many: more than the ¥60,000 loan and its charges come to, refused beside the amount, kept as typed.
    await page.getByLabel('金额（元）', { exact: true }).fill('150000');
    await page.getByRole('button', { name: '记录承诺' }).click();
    await expect(page.getByText(/^超过了借款人到该日应还的全部金额（¥[67]\d,\d{3}\.\d{2}），请核对金额。$/)).toBeVisible();
    await expect(page.getByLabel('金额（元）', { exact: true })).toHaveValue('150000');
    await expect(page.getByLabel('金额（元）', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('金额（元）', { exact: true }).fill('1500');
    await page.getByRole('button', { name: '记录承诺' }).click();
    const promises = page.getByTestId('promises');
    await expect(promises).toContainText('¥1,500.00');
    await expect(promises).toContainText('待兑现');

    // The job, five days on (the promised day, three grace days, and one more): no payment came, so it is broken.
    await checkPromises(new Date(Date.now() + 5 * 86_400_000), db);
    await page.reload();
    await expect(promises).toContainText('已违约');
    await expect(page.getByTestId('timeline')).toContainText('还款承诺已违约');
    await page.goto('/staff');
    await expect(page.locator('tr[data-case]').first()).toContainText('郑爽');
    await expect(page.locator('tr[data-case]').first()).toContainText('跟进');
    await expect(page.locator('[data-kpi="brokenPromises"]')).toHaveText('1');
    await axe(page);
  });
  test('the queue marks a judicial-confirmation application due or overdue, and filters to those cases, in both languages', async ({ db, pageAs, axe }) => {
    const creditor = await makeCreditor(db);
    const supervisor = await makeStaff(db, creditor.id, 'supervisor');
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    // Executed 25 days ago: the last day (30 days on) is in 5 days. 40 days ago with an application prepared and not
    // filed: 10 days late; 40 days ago never applied for: nothing left to do. 5 days ago: not yet due.
    const agreed = async (name: string, executedDaysAgo: number | null, applied = false) => {
      const borrower = await makeBorrower(db, { fullName: name });
      const { case: kase } = await makeCaseHistory(db, {
        creditorId: creditor.id,
        borrowerId: borrower.id,
        openedAt: daysAgo(60),
        dpdAtOpen: 30,
        state: executedDaysAgo === null ? 'negotiating' : 'plan_active',
        ...(executedDaysAgo === null ? {} : { offer: { at: daysAgo(executedDaysAgo + 2), by: 'system' as const, totalPayable: 100_000, waived: 0 }, agreement: { executedAt: daysAgo(executedDaysAgo) } }),
      });
      if (applied) {
        const [agreement] = await db.select().from(agreements).where(eq(agreements.caseId, kase.id));
        await db.insert(judicialConfirmations).values({ caseId: kase.id, agreementId: agreement!.id, status: 'prepared', court: '上海市浦东新区人民法院', effectiveAt: agreement!.executedAt!, deadline: daysAgo(executedDaysAgo! - 31), preparedAt: daysAgo(executedDaysAgo! - 2) });
      }
    };
    await agreed('冯确认', 25);
    await agreed('陈逾期', 40, true);
    await agreed('蒋已过', 40);
    await agreed('褚未到', 5);
    await agreed('卫协商', null);
    const row = (page: Page, name: string) => page.locator('tr[data-case]').filter({ hasText: name });

    const zh = await pageAs(supervisor);
    await zh.goto('/staff');
    await expect(row(zh, '冯确认').getByTestId('confirmation-marker')).toHaveText('司法确认：剩 5 天');
    await expect(row(zh, '陈逾期').getByTestId('confirmation-marker')).toHaveText('司法确认已逾期 10 天');
    await expect(row(zh, '褚未到').getByTestId('confirmation-marker')).toHaveCount(0);
    await expect(row(zh, '蒋已过').getByTestId('confirmation-marker')).toHaveCount(0);
    await expect(row(zh, '卫协商').getByTestId('confirmation-marker')).toHaveCount(0);
    await axe(zh);

    const en = await pageAs(supervisor, { locale: 'en' });
    await en.goto('/staff');
    await expect(row(en, '冯确认').getByTestId('confirmation-marker')).toHaveText('Judicial confirmation: 5 days left');
    await expect(row(en, '陈逾期').getByTestId('confirmation-marker')).toHaveText('Judicial confirmation overdue by 10 days');
    await en.getByRole('checkbox', { name: 'Judicial confirmation due' }).check();
    await en.getByRole('button', { name: 'Apply' }).click();
    await expect(en).toHaveURL(/confirmation=due/);
    await expect(en.locator('[data-kpi="matching"]')).toHaveText('2');
    await expect(en.locator('tr[data-case]')).toHaveCount(2);
    await expect(row(en, '冯确认')).toHaveCount(1);
    await expect(row(en, '陈逾期')).toHaveCount(1);
    await expect(en.getByRole('checkbox', { name: 'Judicial confirmation due' })).toBeChecked();
    await axe(en);
  });

  test('a supervisor exports the view: the file is dated the portal\'s day, and a case not overdue reads so in words, as on the page', async ({ db, pageAs }) => {
    const creditor = await makeCreditor(db);
    const supervisor = await makeStaff(db, creditor.id, 'supervisor');
    const borrower = await makeBorrower(db, { fullName: '宁未逾' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id);
    // Caught up since it opened: nothing overdue now.
    await db.update(cases).set({ overdueSince: null }).where(eq(cases.id, kase.id));
    const page = await pageAs(supervisor);
    await page.goto('/staff?assignee=all&q=宁未逾');
    const row = page.getByRole('row').filter({ hasText: '宁未逾' });
    // It read "0 current": the bucket's key, in English, on the Chinese page.
    await expect(row).toContainText('0 未逾期');
    await expect(row).not.toContainText('current');
    await page.getByText('导出本视图（CSV）').click();
    await page.getByLabel('导出原因').fill('季度核对');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`案件队列 ${todayIn('Asia/Shanghai')}.csv`);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const [header, ...rows] = parseCsv(text);
    const line = rows.find((fields) => fields[0]?.endsWith(kase.caseNo))!;
    expect(line[6]).toBe('未逾期');
    // Its first contact waits since the case opened: a time in 'pending since', none in 'due'.
    expect(line[header!.indexOf('下一步')]).toBe('首次联系');
    expect(line[header!.indexOf('下一步到期时间')]).toBe('');
    expect(line[header!.indexOf('待办起始时间')]).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}$/);
  });
});
