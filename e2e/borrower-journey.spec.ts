import { and, desc, eq } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import type { Database } from '@/db/client';
import { hardshipStatements, loans, notifications, offers } from '@/db/schema';
import { scheduleOf } from '@/lib/domain/stored-schedule';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/**
 * The borrower's journey at the moments that decide whether they trust Concord
 * (issue #12): money in words that add up, a next step that is always a link,
 * what a proposal replaces, the pause for someone with nothing left over, and
 * the agreement readable on a phone. 360 × 780, zh-CN; axe on every page.
 */

/** A submitted hardship statement with this monthly disposable income, as the offers are built from. */
async function statement(db: Database, caseId: string, borrowerId: string, disposableIncome: number) {
  await db.insert(hardshipStatements).values({ caseId, borrowerId, version: 1, status: 'submitted', step: 7, data: {}, disposableIncome, submittedAt: new Date() });
}

async function fitsThePhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

test.describe('the borrower journey without surprises', () => {
  test('nothing left over: a pause and a long-term plan in words, for a mediator’s review; the next step is a link; accepting leads to signing; the agreement reads on the phone', async ({ page, db, signIn, axe }) => {
    test.setTimeout(120_000);
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const borrower = await makeBorrower(db, { fullName: '周芳' });
    const { case: kase, loan } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    await statement(db, kase.id, borrower.id, -80_000);

    await signIn(page, borrower);
    await page.goto(`/cases/${kase.id}/offers`);
    await page.getByRole('button', { name: '为我生成方案' }).click();
    const cards = page.getByRole('list', { name: '当前可选方案' }).locator(':scope > li');
    await expect(cards).toHaveCount(2);
    await expect(page.getByText('这是有效的回答。下面先是一个“暂停还款”方案')).toBeVisible();
    // Each card says what it is, in words, and itemises what it waives.
    const pause = cards.first();
    await expect(pause.getByTestId('offer-kind')).toHaveText('暂停还款 + 分期 + 减免');
    await expect(pause.getByText(/^先暂停还款 3 个月（至 .+），期间不计利息$/)).toBeVisible();
    await expect(pause.getByText('减免罚息')).toBeVisible();
    await expect(pause.getByText('减免复利')).toBeVisible();
    await expect(cards.nth(1).getByTestId('offer-kind')).toHaveText('分期 + 减免');
    // The saving or extra cost against what a court would enforce, under the label that fits its sign; never a minus sign.
    for (const card of [pause, cards.nth(1)]) {
      const comparison = card.getByTestId('offer-comparison');
      await expect(comparison.getByText('不调整：依法应还合计')).toBeVisible();
      await expect(comparison.getByText(/^比现状(节省|多付)$|^与现状相同$/)).toBeVisible();
      await expect(comparison).not.toContainText('-¥');
    }
    // Nobody is told an offer "exceeds what they can afford" when they have nothing: a mediator reviews it.
    await expect(page.getByText('超出您填写的每月可支配收入')).toHaveCount(0);
    await expect(cards.getByText('调解员会复核您的情况')).toHaveCount(2);
    await axe();
    await fitsThePhone(page);

    // The loan page names what each figure is: an installment not yet due is its principal and its interest.
    const [stored] = await db.select().from(loans).where(eq(loans.id, loan.id));
    const last = scheduleOf(stored!).at(-1);
    await page.goto(`/loans/${loan.id}?schedule=all`);
    const card = page.getByRole('listitem').filter({ hasText: `第 ${last!.seq} 期` });
    const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    await expect(card.getByText('本期应还（本金 + 利息）')).toBeVisible();
    await expect(card).toContainText(yuan(last!.principalDue + last!.interestDue));
    await expect(card).toContainText(`本金 ${yuan(last!.principalDue)} + 利息 ${yuan(last!.interestDue)}`);
    await axe();

    // The case page states the real next step (offers waiting), as a link, with when the first of them ends; the home
    // page says the same (it said "最早的在 到期", the date left out).
    const open = await db.select({ expiresAt: offers.expiresAt }).from(offers).where(and(eq(offers.caseId, kase.id), eq(offers.status, 'proposed')));
    const firstEnds = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(Math.min(...open.map((o) => o.expiresAt.getTime()))));
    await page.goto('/');
    await expect(page.getByRole('listitem').filter({ hasText: kase.caseNo })).toContainText(`有 2 个还款方案等您答复（最早的在 ${firstEnds} 到期）`);
    await page.goto(`/cases/${kase.id}`);
    await expect(page.getByTestId('next-step')).toContainText(`有 2 个还款方案等您答复（最早的在 ${firstEnds} 到期）`);
    await expect(page.getByText('调解员正在审阅您的说明')).toHaveCount(0);
    await axe();
    await page.getByTestId('next-step-link').click();
    await expect(page.getByRole('heading', { level: 1, name: '还款方案' })).toBeVisible();

    // Accepting: the next step is a link to the signing page.
    await pause.getByRole('button', { name: '接受这个方案' }).click();
    await pause.getByRole('button', { name: '确定接受' }).click();
    await page.getByRole('link', { name: '下一步：审阅并签署还款协议' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '签署还款协议' })).toBeVisible();

    // The agreement: readable text from the same snapshot as the PDF, the PDF and its hash a tap away, a link to /verify.
    const terms = page.getByTestId('agreement-terms');
    await expect(terms.getByRole('heading', { name: '第四条　还款安排' })).toBeVisible();
    await expect(terms.getByText(/乙方暂停还款3个月。暂停期间不计利息、罚息和复利。/)).toBeVisible();
    const fontSize = await terms.getByText(/乙方暂停还款3个月/).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(15);
    await expect(page.getByText(/^此文件的 SHA-256：[0-9a-f]{64}$/).first()).toBeVisible();
    await expect(page.getByRole('link', { name: '下载待签署的协议原件（PDF）' })).toHaveAttribute('href', /\/unsigned$/);
    await expect(page.getByRole('link', { name: '核验协议真伪' })).toHaveAttribute('href', /^\/verify\?code=/);
    // Heavy parts only when asked for: no PDF viewer and no drawing pad on first load.
    await expect(page.getByTestId('pdf-pages')).toHaveCount(0);
    await expect(page.getByTestId('signature-pad')).toHaveCount(0);
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(loaded.filter((url) => /pdf\.worker|pdfjs/.test(url))).toEqual([]);
    // The consent says what is collected: the typed name, a drawing only if added.
    // (the same text the agreement prints in its article 10, which the form shows)
    await expect(page.getByRole('region', { name: '电子签名同意书' }).getByText(/我的电子签名是我输入的姓名；如果我另外手写了签名/)).toBeVisible();
    await expect(page.getByTestId('agreement-terms').getByText(/我的电子签名是我输入的姓名；如果我另外手写了签名/)).toBeVisible();
    await axe();
    await fitsThePhone(page);
  });

  test('a proposal of one’s own says what it replaces and how it compares, and asks to confirm; the SMS and the card give the same answer-by time', async ({ page, db, signIn, axe }) => {
    test.setTimeout(90_000);
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    await statement(db, kase.id, borrower.id, 250_000);
    await signIn(page, borrower);
    await page.goto(`/cases/${kase.id}/offers`);
    await page.getByRole('button', { name: '为我生成方案' }).click();
    const cards = page.getByRole('list', { name: '当前可选方案' }).locator(':scope > li');
    await expect(cards.first()).toBeVisible();
    const count = await cards.count();

    // The card's "open until" is the SMS's "answer before", to the minute, in the borrower's time zone.
    // A 7-day offer made today reads seven more days (it read six: whole days left, rounded down, from this minute).
    const until = /有效期至 (.+)（还有 7 天）/.exec(await cards.first().getByText(/^有效期至/).innerText())![1]!;
    const [sms] = await db.select().from(notifications).where(and(eq(notifications.caseId, kase.id), eq(notifications.template, 'offerProposed'), eq(notifications.channel, 'in_app'))).orderBy(desc(notifications.createdAt)).limit(1);
    expect(sms!.body).toContain(`请在 ${until} 前登录查看并答复`);

    await page.getByRole('button', { name: '提出我的方案' }).click();
    await page.getByLabel('期数（月）').fill('36');
    await page.getByRole('button', { name: '发送我的方案' }).click();
    const confirmation = page.getByTestId('proposal-confirmation');
    await expect(confirmation.getByText('您的方案不会替代任何方案。')).toBeVisible();
    await expect(confirmation.getByTestId('proposal-comparison')).toContainText(/与“方案 \d+”相比，您的方案总还款额(多|少) ¥/);
    await axe();
    // "Change it" keeps what was typed.
    await confirmation.getByRole('button', { name: '返回修改' }).click();
    await expect(page.getByLabel('期数（月）')).toHaveValue('36');
    await page.getByRole('button', { name: '发送我的方案' }).click();
    await page.getByRole('button', { name: '确认发送我的方案' }).click();
    await expect(page.getByRole('heading', { name: '您提出的方案' })).toBeVisible();
    await expect(cards).toHaveCount(count + 1);

    // A second proposal replaces the first, and says so by name before it goes.
    await page.getByRole('button', { name: '提出我的方案' }).click();
    await page.getByLabel('期数（月）').fill('30');
    await page.getByRole('button', { name: '发送我的方案' }).click();
    // One offer replaced: "它", not "它们".
    await expect(confirmation.getByText('您的方案发送后，会替代以下方案（它将不再有效）：')).toBeVisible();
    await expect(confirmation.getByText(/^您提出的方案：每月/)).toBeVisible();
    await page.getByRole('button', { name: '确认发送我的方案' }).click();
    await expect(page.getByRole('region', { name: '您提出的方案' }).getByText(/^分 30 期按月偿还/)).toBeVisible();
    await expect(cards).toHaveCount(count + 1);
    const open = await db.select().from(offers).where(and(eq(offers.caseId, kase.id), eq(offers.status, 'proposed')));
    expect(open.filter((o) => o.authorType === 'system')).toHaveLength(count);
    expect(open.filter((o) => o.authorType === 'borrower').map((o) => (o.terms as { installments: { months: number } }).installments.months)).toEqual([30]);
  });
});

test.describe('in English', () => {
  test.use({ locale: 'en-US' });
  test('the case page, the offers and the agreement say it all in English, money in words that add up', async ({ page, db, signIn, axe }) => {
    test.setTimeout(90_000);
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db, { fullName: 'Li Wei' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id);
    await statement(db, kase.id, borrower.id, 0);
    await signIn(page, borrower);
    await page.goto(`/cases/${kase.id}`);
    await expect(page.getByTestId('next-step')).toHaveText('No offer is waiting for your answer. Ask for options worked out for you, or propose your own plan.');
    await axe();
    await page.getByTestId('next-step-link').click();
    // No offers yet: nothing to say "none of these" about.
    await expect(page.getByText('Propose a plan of your own within what the lender allows; the preview is worked out as you type.')).toBeVisible();
    await expect(page.getByText(/If none of these suits you/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Show me options' }).click();
    const cards = page.getByRole('list', { name: 'Offers open now' }).locator(':scope > li');
    await expect(cards.first()).toBeVisible();
    await expect(page.getByText(/^If none of these suits you, propose your own/)).toBeVisible();
    await expect(cards.first().getByTestId('offer-kind')).toHaveText('Payment pause + Installments + Relief');
    await expect(cards.first().getByText('Without a change: legally owed in all')).toBeVisible();
    await expect(cards.first().getByText(/^(You save|You pay more)$/)).toBeVisible();
    await expect(page.locator('main')).not.toContainText(/[\u4e00-\u9fff]{2}/);
    await axe();
    // The composer's selects in English: each choice shown whole on the phone (axe's fixture measures them), what the
    // method means said under it.
    await page.getByRole('button', { name: 'Propose my plan' }).click();
    await page.getByLabel('Kind of plan').selectOption('installments');
    await expect(page.getByLabel('Repayment method')).toBeVisible();
    await expect(page.getByText('The same amount each month.')).toBeVisible();
    await page.getByLabel('Repayment method').selectOption('equal_principal');
    await expect(page.getByText('Higher at first, then a little less each month.')).toBeVisible();
    await axe();
    await cards.first().getByRole('button', { name: 'Accept this offer' }).click();
    await cards.first().getByRole('button', { name: 'Yes, accept' }).click();
    await page.getByRole('link', { name: 'Next: review and sign the repayment agreement' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign the repayment agreement' })).toBeVisible();
    await expect(page.getByRole('region', { name: /^Agreement .+ in short$/ }).getByText('Payment pause', { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Check that the agreement is genuine' })).toBeVisible();
    await axe();
    await fitsThePhone(page);
  });
});
