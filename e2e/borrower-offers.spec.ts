import { and, eq, sql } from 'drizzle-orm';
import { agreements, hardshipStatements, notifications } from '@/db/schema';
import { addDays, todayIn } from '@/lib/domain/dates';
import { formatMoney } from '@/lib/domain/money';
import { makeBorrower, makeCreditor, makeLoanWithCase, makePayment, makeStaff } from '@/lib/testing/factories';

import type { Database } from '@/db/client';
import { expect, test, type Fixtures } from './fixtures/test';

const beijingToday = () => todayIn('Asia/Shanghai');

/** A borrower of a case of their own, on its offers page, with the offers the portal suggests; `first` is the first card. */
async function suggestedOffers(db: Database, pageAs: Fixtures['pageAs'], fullName: string) {
  const creditor = await makeCreditor(db);
  const mediator = await makeStaff(db, creditor.id, 'mediator');
  const borrower = await makeBorrower(db, { fullName });
  const { case: kase, loan } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
  const page = await pageAs(borrower);
  await page.goto(`/cases/${kase.id}/offers`);
  await page.getByRole('button', { name: '为我生成方案' }).click();
  const first = page.getByRole('list', { name: '当前可选方案' }).getByRole('listitem').first();
  await expect(first).toBeVisible();
  return { page, first, kase, loan };
}

test.describe('offers and negotiation', () => {
  test('borrower compares and counters on a phone; mediator counters beyond authority; supervisor approves; borrower accepts', async ({ page, db, signIn, pageAs, axe }) => {
    test.setTimeout(150_000);
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator', 'mediator pw 3');
    const supervisor = await makeStaff(db, creditor.id, 'supervisor', 'supervisor pw 3');
    const borrower = await makeBorrower(db, { fullName: '孙丽' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    await db.insert(hardshipStatements).values({ caseId: kase.id, borrowerId: borrower.id, version: 1, status: 'submitted', step: 7, data: {}, disposableIncome: 150_000, submittedAt: new Date() });

    // The borrower asks for options and compares them at 360 px.
    await signIn(page, borrower);
    await page.goto(`/cases/${kase.id}/offers`);
    await expect(page.getByRole('heading', { level: 1, name: '还款方案' })).toBeVisible();
    await page.getByRole('button', { name: '为我生成方案' }).click();
    const options = page.getByRole('list', { name: '当前可选方案' }).locator(':scope > li');
    await expect(options.first()).toBeVisible();
    expect(await options.count()).toBeGreaterThanOrEqual(2);
    const optionCount = await options.count();
    await expect(options.first().getByText('每月还款')).toBeVisible();
    // Only the schedule asked for is sent, a link away, not every offer's every time.
    await expect(options.nth(1).getByText(/^1\. /)).toHaveCount(0);
    await options.first().getByRole('link', { name: /查看全部 \d+ 期还款计划/ }).click();
    await expect(options.first().getByRole('link', { name: '收起还款计划' })).toBeVisible();
    await expect(options.first().getByText(/^1\. /)).toBeVisible();
    // Every payment on the schedule is the figure the card gives for it (the monthly, the first or the last), or a fen
    // or two less where the card says so, never more: the card's figures make the total.
    for (let i = 0; i < optionCount; i++) {
      const card = options.nth(i);
      if (i > 0) await card.getByRole('link', { name: /查看全部 \d+ 期还款计划/ }).click();
      await expect(card.getByText(/^1\. /)).toBeVisible();
      const fen = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);
      const figure = (label: string) => card.locator('dt').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
      if (!(await figure('每月还款').count())) continue;
      const monthly = fen(await figure('每月还款').innerText());
      const first = (await figure('首期还款').count()) ? fen(await figure('首期还款').innerText()) : null;
      const lastText = await figure('最后一期').innerText();
      const last = lastText.includes('¥') ? fen(lastText.split('：')[1]!) : null;
      const fenApart = (await card.getByText('部分期次少一两分钱').count()) > 0;
      const amounts = (await card.locator('ol > li > span.font-medium').allInnerTexts()).map(fen);
      expect(amounts.length).toBeGreaterThan(1);
      const stated = amounts.map((_, k) => (k === 0 && first !== null ? first : k === amounts.length - 1 && last !== null ? last : monthly));
      amounts.forEach((amount, k) => expect(stated[k]! - amount, `option ${i + 1}, payment ${k + 1}`).toBeGreaterThanOrEqual(0));
      amounts.forEach((amount, k) => expect(stated[k]! - amount, `option ${i + 1}, payment ${k + 1}`).toBeLessThanOrEqual(2));
      expect(fenApart, `option ${i + 1}`).toBe(amounts.some((amount, k) => amount < stated[k]!));
    }
    await axe();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Counter with their own plan; the preview refuses what is out of bounds, naming the rule.
    await page.getByRole('button', { name: '提出我的方案' }).click();
    await page.getByLabel('期数（月）').fill('48');
    // Refused beside the field in the words of its hint (1 to 36), not a range of 1 to 60.
    await expect(page.getByText('请输入 1 到 36 之间的整数。')).toBeVisible();
    await expect(page.getByText('请输入 1 到 60 之间的整数。')).toHaveCount(0);
    await expect(page.getByRole('button', { name: '发送我的方案' })).toBeDisabled();
    await page.getByLabel('期数（月）').fill('24');
    // A down payment above the whole debt (¥60,000 of principal and its charges) is refused in words, not by its field's path.
    await page.getByLabel('首付金额（元，可为 0）').fill('300000');
    await expect(page.getByText('首付超过了所欠金额。')).toBeVisible();
    await expect(page.getByText(/installments\.downPayment/)).toHaveCount(0);
    await page.getByLabel('首付金额（元，可为 0）').fill('0');
    // A first payment too far off: the days said as the hint beside the field says them (not 2026-12-03 beside 2027年1月1日).
    const firstDue = await page.getByLabel('首期还款日').inputValue();
    await page.getByLabel('首期还款日').fill('2099-01-01');
    await expect(page.getByText(/^首期还款日须在 \d{4}年\d{1,2}月\d{1,2}日 至 \d{4}年\d{1,2}月\d{1,2}日 之间。$/)).toBeVisible();
    await page.getByLabel('首期还款日').fill(firstDue);
    await expect(page.getByRole('region', { name: '预览' }).getByText('每月还款')).toBeVisible();
    await page.getByLabel('附言（可选）').fill('我现在每月最多能还这么多。');
    // A reload (or the other language) gives back the plan being composed, as typed; it was lost.
    await page.reload();
    await expect(page.getByLabel('期数（月）')).toHaveValue('24');
    await expect(page.getByLabel('附言（可选）')).toHaveValue('我现在每月最多能还这么多。');
    await expect(page.getByRole('region', { name: '预览' }).getByText('每月还款')).toBeVisible();
    await axe();
    await page.getByRole('button', { name: '发送我的方案' }).click();
    // Before it goes: what it replaces (nothing: the options stay open) and how it compares with the cheapest.
    const confirmation = page.getByTestId('proposal-confirmation');
    await expect(confirmation.getByText('您的方案不会替代任何方案。')).toBeVisible();
    await expect(confirmation.getByText('以下方案仍然有效，在有效期内您仍可以接受：')).toBeVisible();
    await expect(confirmation.getByTestId('proposal-comparison')).toContainText(/与“方案 \d+”相比，您的方案总还款额(多|少) ¥[\d,.]+，每月(多|少) ¥[\d,.]+。/);
    await axe();
    await page.getByRole('button', { name: '确认发送我的方案' }).click();
    await expect(page.getByRole('heading', { name: '您提出的方案' })).toBeVisible();
    // The system's options are still open beside it.
    await expect(options).toHaveCount(optionCount + 1);
    await expect(page.getByText('等待调解员答复。')).toBeVisible();

    // The mediator counters with a principal reduction: beyond their authority, it waits for a supervisor.
    const desk = await pageAs(mediator);
    await desk.goto(`/staff/cases/${kase.id}`);
    await expect(desk.getByRole('heading', { level: 3, name: '借款人方案' })).toBeVisible();
    // The hint gives the bound the form refuses beyond (it said 1 to 36, then refused 61 as 'not 1 to 60').
    await expect(desk.getByText('1 到 60 期；超过 36 期需主管批准')).toBeVisible();
    await desk.getByLabel('期数（月）').fill('61');
    await expect(desk.getByText('请输入 1 到 60 之间的整数。')).toBeVisible();
    await desk.getByLabel('期数（月）').fill('24');
    await desk.getByLabel('罚息减免（%）').fill('100');
    await desk.getByLabel('本金减免金额（元）').fill('500');
    await expect(desk.getByText('该方案超出调解员权限，发送后需主管批准。')).toBeVisible();
    await desk.getByLabel('申请主管批准的理由').fill('借款人失业，减免少量本金可促成还款。');
    await axe(desk);
    await desk.getByRole('button', { name: '发送方案' }).click();
    await expect(desk.getByText('待主管审批')).toBeVisible();
    await desk.close();

    // The borrower does not see it yet.
    await page.reload();
    await expect(page.getByText('等待调解员答复。')).toBeVisible();

    // The supervisor approves it.
    const sup = await pageAs(supervisor);
    await sup.goto('/staff');
    await sup.getByRole('link', { name: '审批' }).click();
    await expect(sup.getByRole('heading', { level: 1, name: '待审批的方案' })).toBeVisible();
    await expect(sup.getByText('借款人失业，减免少量本金可促成还款。')).toBeVisible();
    // Staff wording: the borrower's income is theirs, not the reader's.
    await expect(sup.getByText(/^(在|超出)借款人填写的每月可支配收入/)).toBeVisible();
    await expect(sup.locator('main')).not.toContainText(/您填写|按您的收入/);
    // The comparison too: the borrower saves or pays more, not "you" (the supervisor).
    await expect(sup.getByText(/^借款人比现状(节省|多付)$/)).toBeVisible();
    await axe(sup);
    await sup.getByRole('button', { name: '批准', exact: true }).click();
    await expect(sup.getByText('没有待审批的方案。')).toBeVisible();
    await sup.close();
    // The mediator is told in their own language, all of it.
    const [told] = await db.select().from(notifications).where(and(eq(notifications.toAddress, mediator.email), eq(notifications.template, 'offerApprovalDecided')));
    expect(told!.body).toBe(`您为案件 ${kase.caseNo} 提交的方案已获批准。`);

    // Now the borrower sees the mediator's offer and accepts it.
    await page.reload();
    const offer = page.getByRole('list', { name: '当前可选方案' }).locator(':scope > li').first();
    await expect(offer.getByText('减免合计')).toBeVisible();
    await offer.getByRole('button', { name: '接受这个方案' }).click();
    await offer.getByRole('button', { name: '确定接受' }).click();
    await expect(page.getByText('已达成还款方案')).toBeVisible();
    // Every line of the negotiation's history multiplies out: the payments (or their range) with the count, and the
    // down payment, make the total beside them (a level plan whose payments are a fen apart once read "¥1,044.70 a
    // month × 36, ¥37,609.00 in all").
    const lines = await page.getByRole('list', { name: '协商记录' }).locator(':scope > li > p:nth-child(2)').allTextContents();
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const fen = (text: string) => Math.round(Number(text.replace(/[¥,]/g, '')) * 100);
    for (const line of lines) {
      const level = line.match(/^每月 (¥[\d,.]+) × (\d+) 期，共 (¥[\d,.]+)$/);
      const spread = line.match(/^(?:首付 (¥[\d,.]+)，之后 )?(\d+) 期，每期 (¥[\d,.]+)(?: 至 (¥[\d,.]+))?，共 (¥[\d,.]+)$/);
      expect(level ?? spread, line).not.toBeNull();
      if (level) expect(fen(level[1]!) * Number(level[2]), line).toBe(fen(level[3]!));
      else {
        const [, down, count, lowest, highest, total] = spread!;
        const rest = fen(total!) - (down ? fen(down) : 0);
        expect(fen(lowest!) * Number(count), line).toBeLessThanOrEqual(rest);
        expect(fen(highest ?? lowest!) * Number(count), line).toBeGreaterThanOrEqual(rest);
        if (!highest) expect(fen(lowest!) * Number(count), line).toBe(rest);
      }
    }
    await axe();
    await page.goto(`/cases/${kase.id}`);
    await expect(page.getByText('已达成方案，待签署')).toBeVisible();
  });

  test('an offer priced days ago, with a payment since: accepting shows today\'s figures first, then the agreement states one day\'s debt', async ({ pageAs, db, axe }) => {
    const { page, first, kase, loan } = await suggestedOffers(db, pageAs, '韦晴');
    // As if the offers had been made four days ago, and ¥20,000 had come in since.
    const today = beijingToday();
    await db.execute(sql`update offers set priced = jsonb_set(priced, '{asOf}', to_jsonb(${addDays(today, -4)}::text)) where case_id = ${kase.id}`);
    await makePayment(db, loan.id, { receivedOn: today, amount: 2_000_000 });
    const before = await first.innerText();
    await first.getByRole('button', { name: '接受这个方案' }).click();
    await first.getByRole('button', { name: '确定接受' }).click();
    await expect(page.getByText('该方案的金额已按今天的欠款重新计算（方案提出后费用有所增加，或收到了还款）。请核对新的金额后再接受。')).toBeVisible();
    await expect(first).not.toHaveText(before);
    await axe(page);
    // Accepted again, as now shown: the question stays open beside the new figures.
    await first.getByRole('button', { name: '确定接受' }).click();
    await expect(page.getByText('已达成还款方案')).toBeVisible();
    const [agreement] = await db.select().from(agreements).where(eq(agreements.caseId, kase.id));
    expect(agreement!.snapshot.arrears.asOf).toBe(today);
    expect(agreement!.snapshot.priced.asOf).toBe(today);
    expect(agreement!.snapshot.priced.owedToday.total).toBe(agreement!.snapshot.arrears.totalToSettle);
  });

  test('an offer made days ago, opened today: shown on today\'s figures with the day it was made, and accepted as shown, at once', async ({ pageAs, db, axe }) => {
    const { page, first, kase, loan } = await suggestedOffers(db, pageAs, '韦明');
    const made = await first.innerText();
    // Made four days ago; ¥20,000 has come in since. The borrower comes back to the page today.
    const today = beijingToday();
    const earlier = addDays(today, -4);
    await db.execute(sql`update offers set priced = jsonb_set(priced, '{asOf}', to_jsonb(${earlier}::text)) where case_id = ${kase.id}`);
    await makePayment(db, loan.id, { receivedOn: today, amount: 2_000_000 });
    await page.reload();
    const [y, m, d] = earlier.split('-').map(Number);
    await expect(first).toContainText(`方案提出于${y}年${m}月${d}日；下面的金额已按今天的欠款重新计算，现在接受即以此为准。`);
    await expect(first).not.toHaveText(made);
    await axe(page);
    const shown = await first.innerText();
    // The negotiation so far lists the open offer with the same total as its card (it gave the old one beside it).
    const total = /总还款额\s*(¥[\d,.]+)/.exec(shown)![1]!;
    await expect(page.getByRole('list', { name: '协商记录' })).toContainText(`共 ${total}`);
    // Accepted: straight to the agreement (it said "the amounts were worked out again, look at them" first), whose
    // figures are the ones the card showed.
    await first.getByRole('button', { name: '接受这个方案' }).click();
    await first.getByRole('button', { name: '确定接受' }).click();
    await expect(page.getByText('已达成还款方案')).toBeVisible();
    await expect(page.getByText('该方案的金额已按今天的欠款重新计算', { exact: false })).toHaveCount(0);
    const [agreement] = await db.select().from(agreements).where(eq(agreements.caseId, kase.id));
    expect(agreement!.snapshot.priced.asOf).toBe(today);
    expect(shown).toContain(formatMoney(agreement!.snapshot.priced.totalPayable, 'zh-CN'));
  });
});
