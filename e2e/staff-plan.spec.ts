import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { agreements, cases, planDocuments, planInstallments } from '@/db/schema';
import { makeStaff } from '@/lib/testing/factories';
import { makeExecutedPlan } from '@/lib/testing/plans';
import { addDays, todayIn } from '@/lib/domain/dates';
import { getStaffPlan } from '@/lib/server/plans/plan-progress';
import { recordPayment } from '@/lib/server/plans/record-payment';
import { expect, test } from './fixtures/test';

const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

test.describe('payments on the case file', () => {
  test('a mediator records payments to the end; the borrower downloads the settlement certificate, which /verify accepts', async ({ db, pageAs, axe }) => {
    test.setTimeout(150_000);
    const s = await makeExecutedPlan(db, { fullName: '郑和平' });
    const mediator = { id: s.mediator.id, name: 'm', email: 'm@test.example', role: 'mediator' as const, creditorId: s.creditor.id };
    const [first] = await db.select().from(planInstallments).where(eq(planInstallments.agreementId, s.agreementId)).orderBy(planInstallments.seq);
    const page = await pageAs(mediator);
    await page.goto(`/staff/cases/${s.kase.id}`);
    const section = page.getByRole('region', { name: '还款计划' });
    await expect(section).toBeVisible();
    // The loan contract's arrears beside a running plan are named for what they are (they read as a case months past due).
    const arrears = page.getByRole('region', { name: /^按原借款合同，截至 .* 的欠款$/ });
    await expect(arrears.getByTestId('arrears-superseded')).toContainText(`已由 ${Number(s.snapshot.date.slice(0, 4))}年${Number(s.snapshot.date.slice(5, 7))}月${Number(s.snapshot.date.slice(8, 10))}日 的还款协议 ${s.snapshot.agreementNo} 取代`);
    // A borrower keeping a signed plan gets no collection letter: the notices say why, and offer none.
    await expect(page.getByText('通知只发给尚无协议的逾期案件', { exact: false })).toBeVisible();
    await expect(page.getByRole('button', { name: /^制作/ })).toHaveCount(0);
    // Payments are recorded from the case file's action bar; the form stays open for the next one.
    await page.getByRole('region', { name: '本案操作' }).getByRole('button', { name: '登记一笔还款' }).click();
    const pay = page.getByRole('form', { name: '登记一笔还款' });
    await axe(page);

    // Bad input is refused beside its field, and nothing typed is lost. The installment written with a decimal
    // comma ("1038,50") was once read as a hundred times as much, thousands-grouped.
    await pay.getByLabel('金额（元）', { exact: true }).fill(yuan(first!.amount).replace('.', ','));
    await pay.getByLabel('银行或支付机构流水号').fill(`BK-${s.kase.caseNo}-1`);
    await pay.getByRole('button', { name: '登记还款' }).click();
    await expect(pay.getByText('请输入金额，例如 1234.50', { exact: false })).toBeVisible();
    await expect(pay.getByLabel('银行或支付机构流水号')).toHaveValue(`BK-${s.kase.caseNo}-1`);

    // A day before the agreement is refused, the agreement's day given in words (it read 2026-12-03); nothing typed is lost.
    await pay.getByLabel('金额（元）', { exact: true }).fill(yuan(first!.amount));
    await pay.getByLabel('到账日期').fill(addDays(s.snapshot.date, -1));
    await pay.getByRole('button', { name: '登记还款' }).click();
    const [y, m, d] = s.snapshot.date.split('-').map(Number);
    await expect(pay.getByText(`日期不能早于协议订立日（${y}年${m}月${d}日）。`)).toBeVisible();
    await expect(pay.getByLabel('金额（元）', { exact: true })).toHaveValue(yuan(first!.amount));

    // The first installment: recorded and allocated.
    await pay.getByLabel('到账日期').fill(todayIn('Asia/Shanghai'));
    await pay.getByRole('button', { name: '登记还款' }).click();
    await expect(pay.getByText('还款已登记并分配。')).toBeVisible();
    // Paid before its due date, the installment's principal bears no interest from today: it costs less than scheduled,
    // and what it no longer costs pays the next installment (the allocations add up to the payment).
    const allocated = section.getByRole('row', { name: new RegExp(`BK-${s.kase.caseNo}-1`) }).getByRole('listitem');
    await expect(allocated.first()).toContainText(`第${first!.seq}期：`);
    const totals = (await allocated.allInnerTexts()).map((text) => Math.round(Number(/：¥([\d,.]+)/.exec(text)![1]!.replace(/,/g, '')) * 100));
    expect(totals.reduce((sum, fen) => sum + fen, 0)).toBe(first!.amount);
    expect(totals[0]).toBeLessThanOrEqual(first!.amount);
    await axe(page);

    // The same reference again is refused.
    await pay.getByLabel('金额（元）', { exact: true }).fill('1.00');
    await pay.getByLabel('银行或支付机构流水号').fill(`BK-${s.kase.caseNo}-1`);
    await pay.getByRole('button', { name: '登记还款' }).click();
    await expect(pay.getByText(`流水号为 BK-${s.kase.caseNo}-1 的还款已经登记`, { exact: false })).toBeVisible();

    // The rest, as the page says it settles the plan today, and ¥10.00 more: the excess is kept for a refund decision.
    const settle = (await section.getByText('今天结清需').locator('xpath=following-sibling::dd').innerText()).replace(/[¥,\s]/g, '');
    await pay.getByLabel('金额（元）', { exact: true }).fill(yuan(Math.round(Number(settle) * 100) + 1000));
    await pay.getByLabel('银行或支付机构流水号').fill(`BK-${s.kase.caseNo}-2`);
    // More than everything owed is refused until the one recording it says so (a typo would close the case), and
    // nothing typed is lost.
    await pay.getByRole('button', { name: '登记还款' }).click();
    await expect(pay.getByText('这笔金额超过了计划尚欠的全部金额，尚未登记。', { exact: false })).toBeVisible();
    await expect(pay.getByLabel('银行或支付机构流水号')).toHaveValue(`BK-${s.kase.caseNo}-2`);
    expect((await db.select().from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('plan_active');
    await pay.getByLabel('金额超出尚欠金额，仍然登记（多出的部分待决定是否退款）').check();
    await pay.getByRole('button', { name: '登记还款' }).click();
    await expect(pay.getByText('还款已登记：还款计划已全部还清', { exact: false })).toBeVisible();
    await expect(page.getByText(/^已于.*全部还清；案件以“已结清”结案/)).toBeVisible();
    await expect(section.getByText('超出计划的还款：¥10.00；尚未退还：¥10.00。', { exact: false })).toBeVisible();
    await axe(page);
    const [kase] = await db.select().from(cases).where(eq(cases.id, s.kase.id));
    expect(kase!.state).toBe('completed');
    expect((await db.select().from(agreements).where(eq(agreements.id, s.agreementId)))[0]!.planCompletedAt).not.toBeNull();

    // The borrower downloads the certificate and checks it at /verify.
    const phone = await pageAs(s.borrower);
    await phone.goto(`/cases/${s.kase.id}`);
    await expect(phone.getByText(/^已于.*全部还清，感谢您。/)).toBeVisible();
    // What the plan took, and what was paid above it with what becomes of it.
    await expect(phone.getByText('多付金额').locator('xpath=following-sibling::dd[1]')).toHaveText('¥10.00');
    await expect(phone.getByText('您比还款计划多付了¥10.00。已退还¥0.00，其余¥10.00由债权人核实后退还', { exact: false })).toBeVisible();
    const download = phone.waitForEvent('download');
    await phone.getByRole('link', { name: '下载结清证明（PDF）' }).click();
    const file = await (await download).path();
    expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
    await phone.goto('/verify');
    await phone.getByLabel('上传协议 PDF').setInputFiles({ name: '结清证明.pdf', mimeType: 'application/pdf', buffer: fs.readFileSync(file!) });
    await phone.getByRole('button', { name: '核验' }).click();
    await expect(phone.getByText('真实且未被修改')).toBeVisible();
    await expect(phone.getByText(/^结清证明 .*-S，属于/)).toBeVisible();
    await axe(phone);
  });

  test('the payment that paid the plan off bounces: the mediator reverses it in one step, the certificate is withdrawn, and the borrower and /verify say so', async ({ db, pageAs, axe }) => {
    const s = await makeExecutedPlan(db, { fullName: '退票还' });
    const staff = { actor: { type: 'staff' as const, id: s.mediator.id, role: 'mediator' as const, creditorId: s.creditor.id }, meta: { ip: '127.0.0.1', userAgent: 'e2e' } };
    const settle = (await getStaffPlan(staff.actor, s.kase.id))!.totals.settleToday;
    await recordPayment(staff, s.kase.id, { amount: yuan(settle), receivedOn: todayIn('Asia/Shanghai'), channel: 'bank_transfer', reference: `BK-${s.kase.caseNo}-ALL` });
    expect((await db.select().from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('completed');

    const page = await pageAs({ id: s.mediator.id, name: 'm', email: 'm@test.example', role: 'mediator', creditorId: s.creditor.id });
    await page.goto(`/staff/cases/${s.kase.id}`);
    const section = page.getByRole('region', { name: '还款计划' });
    const row = section.getByRole('row', { name: new RegExp(`BK-${s.kase.caseNo}-ALL`) });
    await row.getByRole('button', { name: /^冲正这笔还款：/ }).click();
    // Before it is done, the mediator is told what it undoes.
    await expect(row.getByTestId('reverse-undoes-completion')).toHaveText('计划已靠这笔还款结清：冲正后结清证明将撤回，案件恢复跟踪还款计划，借款人会收到通知。');
    await row.getByLabel('冲正原因').fill('银行退票，对方账户已销户');
    await row.getByRole('button', { name: '冲正这笔还款' }).click();
    await expect(row.getByText('已冲正：银行退票，对方账户已销户', { exact: false })).toBeVisible();
    await expect(section.getByText(/· 已于.*撤回：银行退票，对方账户已销户/)).toBeVisible();
    await expect(page.getByText(/^已于.*全部还清；案件以“已结清”结案/)).toHaveCount(0);
    await axe(page);
    expect((await db.select().from(cases).where(eq(cases.id, s.kase.id)))[0]!.state).toBe('plan_active');

    // The borrower, on a phone: the plan goes on, and the certificate they may hold is named as withdrawn.
    const phone = await pageAs(s.borrower);
    await phone.goto(`/cases/${s.kase.id}`);
    await expect(phone.getByTestId('certificate-withdrawn')).toContainText(`结清证明 ${s.snapshot.agreementNo}-S 已于`);
    await expect(phone.getByTestId('certificate-withdrawn')).toContainText('撤回，不再有效：结清所依据的一笔还款已冲正（银行退票，对方账户已销户）。');
    await expect(phone.getByRole('link', { name: '下载结清证明（PDF）' })).toHaveCount(0);
    await axe(phone);
    // Whoever was shown it and checks its code is told it no longer holds (not why).
    const [certificate] = await db.select().from(planDocuments).where(eq(planDocuments.agreementId, s.agreementId));
    await phone.goto(`/verify?code=${certificate!.verificationCode}`);
    await phone.getByRole('button', { name: '核验' }).click();
    await expect(phone.getByTestId('document-withdrawn')).toContainText('此结清证明已于');
    await expect(phone.getByTestId('document-withdrawn')).toContainText('撤回，不再有效：结清所依据的还款已被冲正，欠款并未还清。');
    await expect(phone.getByText('银行退票')).toHaveCount(0);
    await axe(phone);
  });

  test('a second payment ahead in the same month: the interest paid ahead it makes not owed is named apart, and the lines add up to the payment', async ({ db, pageAs, axe }) => {
    const s = await makeExecutedPlan(db, { fullName: '钱再还' });
    const rows = (await db.select().from(planInstallments).where(eq(planInstallments.agreementId, s.agreementId))).sort((a, b) => a.seq - b.seq);
    const staff = { actor: { type: 'staff' as const, id: s.mediator.id, role: 'mediator' as const, creditorId: s.creditor.id }, meta: { ip: '127.0.0.1', userAgent: 'e2e' } };
    // The first two installments in full today, ahead of time; then ¥500 more through the case file.
    await recordPayment(staff, s.kase.id, { amount: yuan(rows[0]!.amount + rows[1]!.amount), receivedOn: todayIn('Asia/Shanghai'), channel: 'bank_transfer', reference: `BK-${s.kase.caseNo}-A` });
    const page = await pageAs({ id: s.mediator.id, name: 'm', email: 'm@test.example', role: 'mediator', creditorId: s.creditor.id });
    await page.goto(`/staff/cases/${s.kase.id}`);
    await page.getByRole('region', { name: '本案操作' }).getByRole('button', { name: '登记一笔还款' }).click();
    const pay = page.getByRole('form', { name: '登记一笔还款' });
    await pay.getByLabel('金额（元）', { exact: true }).fill('500.00');
    await pay.getByLabel('银行或支付机构流水号').fill(`BK-${s.kase.caseNo}-B`);
    await pay.getByRole('button', { name: '登记还款' }).click();
    await expect(pay.getByText('还款已登记并分配。')).toBeVisible();
    const lines = page.getByRole('region', { name: '还款计划' }).getByRole('row', { name: new RegExp(`BK-${s.kase.caseNo}-B`) }).getByRole('listitem');
    await expect(lines.filter({ hasText: '因提前还本不再收取' }).first()).toBeVisible();
    const fen = (text: string) => Math.round(Number(/¥([\d,.]+)/.exec(text)![1]!.replace(/,/g, '')) * 100);
    let sum = 0;
    for (const text of await lines.allInnerTexts()) sum += text.includes('不再收取') ? -fen(text) : fen(text);
    expect(sum).toBe(50_000);
    await axe(page);
  });

  test('an admin imports a GBK payment file: the preview names each row’s problem, confirming records the valid rows once', async ({ db, pageAs, axe }) => {
    const s = await makeExecutedPlan(db);
    const admin = await makeStaff(db, s.creditor.id, 'admin');
    const [first] = await db.select().from(planInstallments).where(eq(planInstallments.agreementId, s.agreementId)).orderBy(planInstallments.seq);
    // The good row's day as a bank statement writes it (20261201): the preview shows the day it reads.
    const csv = ['合同号,金额,到账日期,渠道,流水号', `${s.loan.contractNo},${yuan(first!.amount)},${s.snapshot.date.replace(/-/g, '')},支付宝,IMP-${s.kase.caseNo}`, `${s.loan.contractNo},abc,${s.snapshot.date},支付宝,IMP-${s.kase.caseNo}-B`].join('\r\n');
    const page = await pageAs({ ...admin, role: 'admin' });
    await page.goto('/staff/admin/payments');
    await expect(page.getByRole('heading', { level: 1, name: '导入还款' })).toBeVisible();
    await axe(page);
    await page.getByLabel('还款文件（CSV）').setInputFiles({ name: '还款.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') });
    await page.getByRole('button', { name: '检查文件' }).click();
    await expect(page.getByText('共2行（GBK）：1行待登记', { exact: false })).toBeVisible();
    await expect(page.getByText('金额：不是有效金额')).toBeVisible();
    await expect(page.getByRole('cell', { name: s.snapshot.date, exact: true })).toHaveCount(2);
    await axe(page);
    await page.getByRole('button', { name: /^登记 1 笔还款/ }).click();
    await expect(page.getByText('已登记1笔', { exact: false })).toBeVisible();
    // The same file again: nothing new.
    await page.getByRole('button', { name: '检查文件' }).click();
    await expect(page.getByText('已登记：跳过')).toBeVisible();
    await expect(page.getByText('此文件没有需要登记的还款。')).toBeVisible();

    // The creditor's repayment account, from its administration page to the borrower's "how to pay".
    await page.goto(`/staff/admin/creditors/${s.creditor.id}`);
    const account = page.getByRole('form', { name: '还款账户' });
    await account.getByLabel('账号').fill('6222 ABC');
    await account.getByRole('button', { name: '保存还款账户' }).click();
    await expect(account.getByText('账号只能包含数字', { exact: false })).toBeVisible();
    await account.getByLabel('开户行（含网点）').fill('测试银行 滨江支行');
    await account.getByLabel('账号').fill('6222 0202 0000 7788');
    await account.getByRole('button', { name: '保存还款账户' }).click();
    await expect(account.getByText('还款账户已保存', { exact: false })).toBeVisible();
    await axe(page);
    const phone = await pageAs(s.borrower);
    await phone.goto(`/cases/${s.kase.id}`);
    await expect(phone.getByText('6222 0202 0000 7788')).toBeVisible();
    await expect(phone.getByText('测试银行 滨江支行')).toBeVisible();
  });
  // Found in the demo: after payments on a plan the queue said 169 days past due and the case file 139.
  test('after a payment, the queue and the case file give one figure for days past due', async ({ db, pageAs, axe }) => {
    const s = await makeExecutedPlan(db, { fullName: '钱多多' });
    const mediator = { id: s.mediator.id, name: 'm', email: 'm@test.example', role: 'mediator' as const, creditorId: s.creditor.id };
    const actor = { type: 'staff' as const, id: s.mediator.id, role: 'mediator' as const, creditorId: s.creditor.id };
    const settle = (await getStaffPlan(actor, s.kase.id))!.totals.settleToday;
    const amount = Math.floor(settle / 2);
    await recordPayment({ actor, meta: { ip: '127.0.0.1', userAgent: 'e2e' } }, s.kase.id, { amount: yuan(amount), receivedOn: todayIn('Asia/Shanghai'), channel: 'bank_transfer', reference: `DPD-${s.kase.caseNo}` });
    const page = await pageAs(mediator);
    await page.goto(`/staff?q=${encodeURIComponent(s.kase.caseNo)}&state=all`);
    const row = page.locator(`tr[data-case="${s.kase.caseNo}"]`);
    // The queue's columns for a mediator: case, borrower, state, days past due (with the bucket), …
    const inQueue = (await row.locator('td').nth(3).innerText()).trim().split(/\s+/)[0]!;
    expect(inQueue).toMatch(/^\d+$/);
    await axe(page);
    await row.getByRole('link', { name: s.kase.caseNo }).click();
    const inFile = page.locator('dt', { hasText: '逾期天数' }).locator('xpath=following-sibling::dd[1]');
    await expect(inFile).toHaveText(new RegExp(`^${inQueue} `));
    // The bucket beside it, without a second pair of brackets round its own ("41 (M2（31–60天）)").
    await expect(inFile).not.toContainText('(');
  });
});
