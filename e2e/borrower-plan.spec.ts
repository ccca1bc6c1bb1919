import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { cases, creditors, planDocuments, planInstallments } from '@/db/schema';
import { defaultPolicy } from '@/lib/domain/policy';
import { daysBetween, todayIn } from '@/lib/domain/dates';
import { fenToDecimal, formatMoney } from '@/lib/domain/money';
import { getPlanProgress } from '@/lib/server/plans/plan-progress';
import { recordPayment } from '@/lib/server/plans/record-payment';
import { saveHardshipStep } from '@/lib/server/hardship/save-hardship-step';
import { submitHardship } from '@/lib/server/hardship/submit-hardship';
import { makeCreditor } from '@/lib/testing/factories';
import { backdatePlan, makeExecutedPlan, testPaymentAccount } from '@/lib/testing/plans';
import { expect, test } from './fixtures/test';

test.describe('the repayment plan on the borrower’s phone', () => {
  test('home, case and loan pages show the plan, not the arrears it replaced; the one-time delay, its effect first, then refused a second time', async ({ db, pageAs, axe }) => {
    test.setTimeout(120_000);
    const s = await makeExecutedPlan(db, { fullName: '孙悦' });
    const rows = await db.select().from(planInstallments).where(eq(planInstallments.agreementId, s.agreementId));
    const first = rows.sort((a, b) => a.seq - b.seq)[0]!;
    const amount = formatMoney(first.amount, 'zh-CN');
    const page = await pageAs(s.borrower);

    // Home (a plain document): the next payment and what is paid and left; no arrears, deadline or lawsuit warning.
    await page.goto('/');
    await expect(page.getByText('下一期还款')).toBeVisible();
    await expect(page.getByText(amount).first()).toBeVisible();
    await expect(page.getByText('累计已还')).toBeVisible();
    await expect(page.getByText('调解截止日期')).toHaveCount(0);
    await expect(page.getByText('今天需还清的逾期金额')).toHaveCount(0);
    // The loan is now read through the plan, which may end after the contract's maturity.
    await expect(page.getByRole('link', { name: '欠款明细' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: '贷款详情' })).toBeVisible();
    await expect(page.getByText('最后一期')).toBeVisible();
    await axe(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The case page: the plan, each installment, how to pay with the creditor's account.
    await page.getByRole('link', { name: '查看还款计划和还款方式' }).click();
    await expect(page.getByRole('heading', { name: '您的还款计划' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '如何还款' })).toBeVisible();
    // What to write with the transfer: the loan's own contract number, beside the account (the hint said "your contract
    // number" without giving it).
    await expect(page.getByTestId('transfer-reference')).toHaveText(s.loan.contractNo);
    await expect(page.getByText('转账附言', { exact: true })).toBeVisible();
    await expect(page.getByText(testPaymentAccount.accountNo)).toBeVisible();
    await expect(page.getByText('如果没有达成协议')).toHaveCount(0);
    await expect(page.getByText('第2期').first()).toBeVisible();
    await axe(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The loan page (a document) shows the plan too.
    await page.goto(`/loans/${s.loan.id}`);
    await expect(page.getByRole('heading', { level: 1, name: '贷款与还款计划' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '您的还款计划' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /的欠款构成/ })).toHaveCount(0);
    await axe(page);

    // The delay: choose the date, see what changes, confirm.
    await page.goto(`/cases/${s.kase.id}`);
    await page.getByRole('link', { name: '推迟下一期还款' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '推迟一期还款' })).toBeVisible();
    await axe(page);
    await page.getByLabel('新的还款日').selectOption('14');
    // The closed select shows its choice whole on the phone (it cut "2026年12月18日（周五），推迟1…"): the axe fixture
    // measures every option, here and after the preview, with the select still on the page.
    await expect(page.getByLabel('新的还款日').locator('option:checked')).toHaveText(/^推迟14天：\d{1,2}月\d{1,2}日周.$/);
    await page.getByRole('button', { name: '查看变化' }).click();
    await expect(page.getByRole('heading', { name: '确认后会有这些变化' })).toBeVisible();
    await expect(page.getByText(`金额仍为${amount}，不加收利息或费用。`)).toBeVisible();
    await expect(page.getByText('在本还款计划中只能推迟一次。')).toBeVisible();
    await axe(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: /^确认：改为/ }).click();
    await expect(page.getByText(/^已完成：本期还款日改为/)).toBeVisible({ timeout: 30_000 });
    // Only the answer: nothing is left to choose or confirm.
    await expect(page.getByRole('button', { name: '查看变化' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^确认：改为/ })).toHaveCount(0);
    await axe(page);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '下载补充协议（PDF）' }).click();
    const bytes = fs.readFileSync((await (await download).path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const [addendum] = await db.select().from(planDocuments).where(eq(planDocuments.agreementId, s.agreementId));
    expect(addendum).toMatchObject({ kind: 'delay_addendum' });

    // The plan shows the new date; the delay is used.
    await page.getByRole('status').getByRole('link', { name: '返回还款计划' }).click();
    await expect(page.getByText(/^原为/)).toBeVisible();
    await expect(page.getByText(/^您已把一期还款从/)).toBeVisible();
    // "What happens next" no longer offers the delay that has been used.
    await expect(page.getByText('按新计划每月还款。本计划的一次性延期您已使用。')).toBeVisible();
    await expect(page.getByText(/遇到困难可以申请一次延期/)).toHaveCount(0);
    // Nor does the home page's next step (it said "如有困难可申请一次延期" after the delay was used).
    await page.goto('/');
    await expect(page.getByText('协议已生效。请按计划按时还款；如有困难，请及时给调解员留言。')).toBeVisible();
    await expect(page.getByText(/申请一次延期/)).toHaveCount(0);
    // A second request is refused with the reason.
    await page.goto(`/cases/${s.kase.id}/delay`);
    await expect(page.getByText('本还款计划的一次性延期已经使用过了。')).toBeVisible();
    await axe(page);
  });

  test('a broken plan whose relief falls away: the phone shows what the loan contract claims, not the plan’s balance beside it', async ({ db, pageAs, axe }) => {
    // A plan that extended the loan: its end falls with it.
    const s = await makeExecutedPlan(db, { fullName: '吴失约', extension: true });
    expect(s.snapshot.priced.waived.total).toBeGreaterThan(0);
    const contractMaturity = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(new Date(`${s.snapshot.loan.maturityDate}T00:00:00+08:00`));
    expect(s.snapshot.policy.waiverFallsAwayOnBreach).toBe(true);
    // Signed 80 days ago and nothing paid: the first two installments are missed, which breaks the plan.
    const outcome = await backdatePlan(db, s, 80);
    expect(outcome.breached).toBe(true);
    const page = await pageAs(s.borrower);
    await page.goto('/');
    await expect(page.getByText('本协议已终止')).toBeVisible();
    await expect(page.getByText(`协议给您的减免（${formatMoney(s.snapshot.priced.waived.total, 'zh-CN')}）不再适用。`, { exact: false })).toBeVisible();
    const owed = page.getByText(/^扣除您已还的款项后，按借款合同今天应还：¥/);
    await expect(owed).toBeVisible();
    const owedAmount = (await owed.innerText()).split('：')[1]!;
    // Neither the plan's balance nor its overdue amount stands beside the contract's claim, on the case or the loan card.
    await expect(page.getByText('尚需还款')).toHaveCount(0);
    await expect(page.getByText('逾期金额', { exact: true })).toHaveCount(0);
    await expect(page.getByText('当前逾期金额')).toBeVisible();
    // The loan's maturity is the contract's again, not the one the ended agreement had moved it to.
    await expect(page.locator('dt', { hasText: /^到期日$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText(contractMaturity);
    await expect(page.getByRole('link', { name: '查看案件与下一步' })).toBeVisible();
    await axe(page);
    // The loan page is the arrears breakdown again, below what the plan recorded.
    await page.getByRole('link', { name: '欠款明细' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '欠款明细' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /的欠款构成$/ })).toBeVisible();
    await expect(page.locator('dt', { hasText: /^借款期间$/ }).locator('xpath=following-sibling::dd[1]')).toContainText(`– ${contractMaturity}`);
    // The contract's claim on the home page is the loan page's amount to settle today, the payments already deducted.
    await expect(page.locator('dt', { hasText: /^今天一次性结清$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText(owedAmount);
    await expect(page.getByText('尚需还款')).toHaveCount(0);
    // The case page lists the installments that were missed, and nothing as due or coming under the ended agreement.
    await page.goto(`/cases/${s.kase.id}`);
    const missed = page.getByRole('list', { name: '未还的期次' }).getByRole('listitem');
    expect(await missed.count()).toBeGreaterThanOrEqual(2);
    for (const item of await missed.all()) await expect(item).toContainText('已逾期');
    await expect(page.getByText('未到期', { exact: true })).toHaveCount(0);
    await expect(page.getByText(/协议将终止。$/)).toHaveCount(0);
    // "What happens next" says the plan was broken and what may follow, not "repay monthly, delay once".
    await expect(page.getByText('因未按期还款，协议已终止。请给调解员留言，商定接下来怎么办。如果没有达成新的协议，贷款机构可能向测试法院提起诉讼。')).toBeVisible();
    await expect(page.getByText(/遇到困难可以申请一次延期/)).toHaveCount(0);
    await page.getByText(/^全部 \d+ 期$/).click();
    await expect(page.getByRole('cell', { name: '协议已终止', exact: true }).first()).toBeVisible();
    await axe(page);

    // The mediator's case file says the same: the contract's claim, no plan balance, and no delay left to offer.
    const staff = await pageAs({ id: s.mediator.id, name: 'm', email: 'm@test.example', role: 'mediator', creditorId: s.creditor.id });
    await staff.goto(`/staff/cases/${s.kase.id}`);
    const section = staff.getByRole('region', { name: '还款计划' });
    await expect(section.getByText(/^扣除已还款项后，按借款合同今天应还：¥/)).toBeVisible();
    await expect(section.getByText('案件等待处理：请与借款人商定重新协商（新的方案）或移交诉讼。')).toBeVisible();
    await expect(section.getByText('尚需还款').locator('xpath=following-sibling::dd')).toHaveText('—');
    await expect(section.getByText('借款人仍可使用一次性延期', { exact: false })).toHaveCount(0);
    // The agreement is still in force, and says its plan is broken beside that.
    await expect(staff.getByRole('region', { name: '协议与签署' })).toContainText('已生效 · 还款计划已违约');
    // The header gives the mediation deadline as a fact of the past, not as a date still running.
    await expect(staff.getByTestId('deadline')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \(调解已结束\)$/);
    // The mediator's queue names the broken plan as what to do next; the mediation deadline, passed long ago with the
    // agreement signed, is not flagged as passed.
    await staff.goto('/staff');
    const row = staff.getByRole('row').filter({ hasText: s.kase.caseNo });
    await expect(row).toContainText('还款计划已违约：联系借款人');
    await expect(row).not.toContainText('调解期限');
    await expect(row.getByText('已过期', { exact: true })).toHaveCount(0);

    // Negotiation reopened (a new offer on the broken plan): the borrower's case page shows what is owed again, not the old plan.
    await db.update(cases).set({ state: 'negotiating' }).where(eq(cases.id, s.kase.id));
    await page.goto(`/cases/${s.kase.id}`);
    await expect(page.getByRole('heading', { name: /^截至.*您的欠款$/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: '您的还款计划' })).toHaveCount(0);
    // The mediator's case file no longer asks for a decision already taken: it says the renegotiation is under way.
    await staff.goto(`/staff/cases/${s.kase.id}`);
    await expect(section.getByText('已在重新协商：协商还款方案中。')).toBeVisible();
    await expect(section.getByText(/案件等待处理/)).toHaveCount(0);
  });

  test('a broken plan whose relief falls away shows no "interest not charged": the plan’s arithmetic is no longer what is owed', async ({ db, pageAs, axe }) => {
    const s = await makeExecutedPlan(db, { fullName: '孙早还' });
    // Signed 110 days ago: the first three installments are behind it.
    expect((await backdatePlan(db, s, 110)).breached).toBe(true);
    const rows = (await db.select().from(planInstallments).where(eq(planInstallments.agreementId, s.agreementId))).sort((a, b) => a.seq - b.seq);
    expect(rows[3]!.dueDate > todayIn('Asia/Shanghai')).toBe(true);
    // Today she pays the three missed installments and the next one, ahead of its day: still broken (the misses
    // happened), and the plan has interest it did not charge on the principal paid early.
    const paid = rows.slice(0, 4).reduce((sum, r) => sum + r.amount, 0);
    const staff = { actor: { type: 'staff' as const, id: s.mediator.id, role: 'mediator' as const, creditorId: s.creditor.id }, meta: { ip: '127.0.0.1', userAgent: 'e2e' } };
    await recordPayment(staff, s.kase.id, { amount: fenToDecimal(paid), receivedOn: todayIn('Asia/Shanghai'), channel: 'bank_transfer', reference: `E2E-EARLY-${s.agreementId.slice(0, 8)}` });
    const progress = (await getPlanProgress(s.borrowerCtx.actor, s.kase.id))!;
    expect(progress.status).toBe('breached');
    expect(progress.totals.interestCancelled).toBeGreaterThan(0);
    const page = await pageAs(s.borrower);
    for (const url of ['/', `/cases/${s.kase.id}`]) {
      await page.goto(url);
      await expect(page.getByText('本协议已终止')).toBeVisible();
      await expect(page.getByText(/^扣除您已还的款项后，按借款合同今天应还：¥/)).toBeVisible();
      await expect(page.locator('dt', { hasText: /^累计已还$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText(formatMoney(paid, 'zh-CN'));
      await expect(page.locator('dt', { hasText: /^少收利息$/ })).toHaveCount(0);
      await axe(page);
    }
  });

  test('a statement of hardship while the plan runs goes to the mediator: no promise of new offers, no "see my options" that finds none', async ({ db, pageAs, axe }) => {
    const s = await makeExecutedPlan(db, { fullName: '困难计划' });
    const page = await pageAs(s.borrower, { locale: 'en' });
    await page.goto(`/cases/${s.kase.id}/hardship`);
    await expect(page.getByText('Your agreement stays in force: your mediator reads the statement')).toBeVisible();
    await expect(page.getByText('We use it to offer a plan you can afford.')).toHaveCount(0);
    await axe(page);
    // The statement written and submitted (the wizard itself: borrower-hardship-form.spec.ts).
    let rowVersion: number | null = null;
    const steps = [
      ['household', { adults: '1', childrenUnder6: '0', children6to17: '0', otherDependants: '0', housing: 'rent', employment: 'unemployed' }],
      ['income', { income: { wages: '', business: '', pension: '', benefits: '1200', familySupport: '', otherIncome: '' } }],
      ['costs', { fixedCosts: { housing: '1000', utilities: '200', transport: '100', education: '', medical: '', insurance: '', otherFixed: '' }, flexibleCosts: { food: '900', communications: '50', personal: '50', otherFlexible: '' }, explanations: {} }],
      ['debts', { debts: [] }],
      ['reason', { reason: { category: 'job_loss', since: `${todayIn('Asia/Shanghai').slice(0, 7)}-01`, duration: 'temporary', details: 'The shop closed.' } }],
    ] as const;
    for (const [step, values] of steps) ({ rowVersion } = await saveHardshipStep(s.borrowerCtx, { caseId: s.kase.id, step, values, rowVersion }));
    await submitHardship(s.borrowerCtx, { caseId: s.kase.id, rowVersion: rowVersion! });
    await page.reload();
    await expect(page.getByTestId('with-mediator')).toHaveText('Your mediator has your statement and will contact you about what can change. Until then your agreement stays in force: please keep paying as planned.');
    await expect(page.getByTestId('see-options')).toHaveCount(0);
    await axe(page);
  });

  test('paying ahead: the phone shows the interest not charged, and every number agrees with the ones beside it', async ({ db, pageAs, axe }) => {
    const s = await makeExecutedPlan(db, { fullName: '钱早还' });
    const rows = (await db.select().from(planInstallments).where(eq(planInstallments.agreementId, s.agreementId))).sort((a, b) => a.seq - b.seq);
    const staff = { actor: { type: 'staff' as const, id: s.mediator.id, role: 'mediator' as const, creditorId: s.creditor.id }, meta: { ip: '127.0.0.1', userAgent: 'e2e' } };
    // Today, before the first due date: the first two installments and ¥500 more, ahead of time.
    const paid = rows[0]!.amount + rows[1]!.amount + 50_000;
    await recordPayment(staff, s.kase.id, { amount: fenToDecimal(paid), receivedOn: todayIn('Asia/Shanghai'), channel: 'bank_transfer', reference: `E2E-AHEAD-${s.agreementId.slice(0, 8)}` });
    const page = await pageAs(s.borrower);
    await page.goto(`/cases/${s.kase.id}`);
    const fen = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);
    const figure = async (label: string) => fen(await page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]').innerText());
    // The principal repaid today bears no interest from today (Civil Code art. 677; the agreement promised it).
    const saved = await figure('少收利息');
    expect(saved).toBeGreaterThan(0);
    await expect(page.getByText(`共少收${formatMoney(saved, 'zh-CN')}`)).toBeVisible();
    expect(await figure('累计已还')).toBe(paid);
    const scheduled = rows.reduce((sum, r) => sum + r.amount, 0);
    expect(await figure('尚需还款')).toBe(scheduled - paid - saved);
    // Every installment at what it costs now: what the schedule said, less its interest not charged, adds up to it.
    await page.getByText(/^全部 \d+ 期$/).click();
    const shown = await page.getByRole('table').locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(shown).toHaveLength(rows.length);
    expect(rows.reduce((sum, r, i) => sum + r.amount - fen(shown[i]!), 0)).toBe(saved);
    // The next payment is what is still owed on the installment the ¥500 went to, at its new amount.
    const next = page.getByRole('list', { name: '接下来要还的' }).getByRole('listitem').first();
    await expect(next).toContainText(`第${rows[2]!.seq}期`);
    const owed = fen(await next.locator('dt', { hasText: /^尚欠$/ }).locator('xpath=following-sibling::dd[1]').innerText());
    const amount = fen(await next.locator('dt', { hasText: /^金额$/ }).locator('xpath=following-sibling::dd[1]').innerText());
    const part = fen(await next.locator('dt', { hasText: /^已还$/ }).locator('xpath=following-sibling::dd[1]').innerText());
    expect(amount - part).toBe(owed);
    expect(amount).toBeLessThan(rows[2]!.amount);
    await expect(page.getByText('下一期还款', { exact: true }).locator('xpath=..')).toContainText(formatMoney(owed, 'zh-CN'));
    await axe(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The home page's summary gives the figure; the explanation, which points at the installments, stays beside them.
    await page.goto('/');
    expect(await figure('少收利息')).toBe(saved);
    await expect(page.getByText('下面各期的金额已经减去', { exact: false })).toHaveCount(0);
  });

  test('two installments due at once: the box asks for both, not the first alone, which would have gone to the interest of both', async ({ db, pageAs, axe }) => {
    const s = await makeExecutedPlan(db, { fullName: '钱两期' });
    const rows = (await db.select().from(planInstallments).where(eq(planInstallments.agreementId, s.agreementId))).sort((a, b) => a.seq - b.seq);
    const [first, second] = rows as [(typeof rows)[number], (typeof rows)[number]];
    // The second was due yesterday (within its grace period); the first a month before, missed.
    await backdatePlan(db, s, daysBetween(todayIn('Asia/Shanghai'), second.dueDate) + 1);
    const page = await pageAs(s.borrower);
    await page.goto(`/cases/${s.kase.id}`);
    const box = page.getByText('已逾期：请尽快还款', { exact: true }).locator('xpath=..');
    await expect(box).toContainText(formatMoney(first.amount + second.amount, 'zh-CN'));
    await expect(box).toContainText('已到期2期，以上是合计金额，请一并还清。');
    await axe(page);
  });

  test('in English too, with the payments received', async ({ db, pageAs, axe }) => {
    // A lender whose plans allow a one-time delay of up to 7 days, not the default 14.
    const creditor = await makeCreditor(db);
    await db.update(creditors).set({ policy: { ...defaultPolicy, selfServiceDelayMaxDays: 7 } }).where(eq(creditors.id, creditor.id));
    const s = await makeExecutedPlan(db, { fullName: '钱多', creditorId: creditor.id });
    expect(s.snapshot.policy.selfServiceDelayMaxDays).toBe(7);
    const page = await pageAs(s.borrower, { locale: 'en' });
    await page.goto('/?lang=en');
    await expect(page.getByText('Next payment')).toBeVisible();
    await page.goto(`/cases/${s.kase.id}`);
    await expect(page.getByRole('heading', { name: 'Your repayment plan' })).toBeVisible();
    // "What happens next" promises the delay this plan allows.
    await expect(page.getByText('You pay monthly on the new plan. If you hit a difficulty you can push one payment back once, by up to 7 days.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'How to pay' })).toBeVisible();
    // The account number breaks between its groups of digits, never inside one: in English the label column is wider,
    // and "2011 0000 3388 0101 6" broke after "3388 0".
    const groups = page.getByTestId('account-no').locator('span');
    await expect(groups).toHaveText(testPaymentAccount.accountNo.split(' '));
    for (const group of await groups.all()) expect(await group.evaluate((el) => el.getClientRects().length)).toBe(1);
    await expect(page.getByTestId('transfer-reference')).toHaveText(s.loan.contractNo);
    await expect(page.getByText('with your contract number, shown above, as the reference', { exact: false })).toBeVisible();

    // Due yesterday, within its grace period: due now, not "next", and not yet overdue.
    const [first] = await db.select().from(planInstallments).where(eq(planInstallments.agreementId, s.agreementId)).orderBy(planInstallments.seq);
    await backdatePlan(db, s, daysBetween(todayIn('Asia/Shanghai'), first!.dueDate) + 1);
    await page.goto('/?lang=en');
    await expect(page.getByText('Due now: please pay within the grace period')).toBeVisible();
    await expect(page.getByText('Next payment')).toHaveCount(0);

    // Nothing received yet, then the mediator records the payment: the plan page lists it (it showed only totals).
    await page.goto(`/cases/${s.kase.id}`);
    await expect(page.getByText('No payment has been received under this plan yet.')).toBeVisible();
    const staff = { actor: { type: 'staff' as const, id: s.mediator.id, role: 'mediator' as const, creditorId: s.creditor.id }, meta: { ip: '127.0.0.1', userAgent: 'e2e' } };
    const today = todayIn('Asia/Shanghai');
    await recordPayment(staff, s.kase.id, { amount: fenToDecimal(first!.amount), receivedOn: today, channel: 'bank_transfer', reference: `E2E-${s.agreementId.slice(0, 8)}` });
    await page.reload();
    const received = page.getByTestId('plan-received');
    await expect(received.getByRole('listitem')).toHaveCount(1);
    await expect(received).toContainText(new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${today}T00:00:00Z`)));
    await expect(received).toContainText(formatMoney(first!.amount, 'en'));
    await expect(received).toContainText(first!.seq === 0 ? 'Down payment' : `Installment ${first!.seq}`);
    await axe(page);

    // The loan page lists it twice: under the plan, and among every payment on the loan, which has a name of its own
    // (it had the plan's, "Payments received", twice on one page) and gives the day in words (it gave 2026-12-02).
    const day = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${today}T00:00:00Z`));
    await page.goto(`/loans/${s.loan.id}`);
    await expect(page.getByRole('heading', { name: 'Payments received', exact: true })).toHaveCount(1);
    const all = page.getByRole('region', { name: 'All payments received on this loan' });
    await expect(all.getByRole('listitem')).toHaveCount(1);
    await expect(all).toContainText(day);
    await expect(all).not.toContainText(today);
    // No day on the page in the database's form (the contract's period was 2023-08-04 – 2026-08-04).
    await expect(page.locator('main')).not.toContainText(/\b\d{4}-\d{2}-\d{2}\b/);
    await axe(page);
  });
});
