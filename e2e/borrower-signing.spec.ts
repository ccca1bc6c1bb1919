import crypto from 'node:crypto';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { agreements, borrowers } from '@/db/schema';
import { addDays, todayIn } from '@/lib/domain/dates';
import type { Ctx } from '@/lib/server/actor';
import { acceptOffer } from '@/lib/server/offers/accept-offer';
import { proposeOffer } from '@/lib/server/offers/propose-offer';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeSealAuthorisation, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

test.describe('signing the repayment agreement', () => {
  test('review, consent, code, typed and drawn signature on a phone; countersign; verify the file and reject an altered copy', async ({ page, db, signIn, pageAs, codeSentTo, axe }) => {
    test.setTimeout(180_000);
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator', 'mediator pw 5');
    const borrower = await makeBorrower(db, { fullName: '刘龑' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);

    await signIn(page, borrower);
    await page.goto(`/cases/${kase.id}/offers`);
    await page.getByRole('button', { name: '为我生成方案' }).click();
    const first = page.getByRole('list', { name: '当前可选方案' }).getByRole('listitem').first();
    await first.getByRole('button', { name: '接受这个方案' }).click();
    await first.getByRole('button', { name: '确定接受' }).click();
    await expect(page.getByText('已达成还款方案')).toBeVisible();

    // 1. Review: the text itself, readable at 360 px, and the very PDF in the page on request.
    await page.goto(`/cases/${kase.id}/agreement`);
    await expect(page.getByRole('heading', { level: 1, name: '签署还款协议' })).toBeVisible();
    // The page's name says what it is in each status (an executed agreement's page was called "sign" too).
    await expect(page).toHaveTitle(/^签署还款协议 · /);
    await expect(page.getByText('每月还款').first()).toBeVisible();
    // The summary's monthly payment is the offer card's: every payment of the agreement between the first and the last
    // is it or a fen or two less, and the note says so exactly when one is less (it showed the highest alone, which
    // times the number of payments came to more than the total).
    const [signedRow] = await db.select().from(agreements).where(eq(agreements.caseId, kase.id));
    const amounts = (signedRow!.snapshot as { priced: { schedule: { amount: number }[] } }).priced.schedule.map((r) => r.amount);
    const summary = page.getByRole('region', { name: /^协议 .+ 要点$/ });
    const monthlyText = await summary.locator('dt').filter({ hasText: /^每月还款$/ }).locator('xpath=following-sibling::dd[1]').innerText();
    const monthly = Math.round(Number(monthlyText.replace(/[^\d.]/g, '')) * 100);
    for (const amount of amounts.slice(1, -1)) expect(monthly - amount, `${amount} against ${monthly}`).toBeGreaterThanOrEqual(0);
    for (const amount of amounts.slice(1, -1)) expect(monthly - amount, `${amount} against ${monthly}`).toBeLessThanOrEqual(2);
    await expect(summary.getByText('部分期次少一两分钱，每期金额以协议的还款计划为准。')).toHaveCount(amounts.slice(1, -1).some((a) => a !== monthly) ? 1 : 0);
    await page.getByRole('button', { name: '在此页查看 PDF 原件' }).click();
    await expect(page.getByText(/协议共 \d+ 页/)).toBeVisible({ timeout: 30_000 });
    expect(await page.getByTestId('pdf-pages').locator('canvas').count()).toBeGreaterThan(0);
    await axe();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Mistakes are refused beside their field and nothing typed or drawn is lost.
    await page.getByLabel('请输入您的完整姓名').fill('刘');
    await page.getByRole('button', { name: '添加手写签名（可选）' }).click();
    const pad = page.getByRole('img', { name: '手写签名（可选）' });
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 100);
    await page.mouse.down();
    for (let i = 1; i <= 30; i++) await page.mouse.move(box.x + 20 + i * 8, box.y + 100 + Math.round(Math.sin(i / 3) * 30));
    await page.mouse.up();
    await page.getByRole('button', { name: '签署协议' }).click();
    await expect(page.getByText('请勾选同意以电子方式签署。')).toBeVisible();

    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: '发送签署验证码' }).click();
    await expect(page.getByText('验证码已发送到您的手机')).toBeVisible();
    const code = await codeSentTo(borrower.phone, 'signCode');
    await page.getByLabel('签署验证码').fill(code);
    await page.getByRole('button', { name: '签署协议' }).click();
    await expect(page.getByText('输入的姓名与我们登记的姓名不一致')).toBeVisible();
    await expect(page.getByLabel('签署验证码')).toHaveValue(code);
    await axe();

    await page.getByLabel('请输入您的完整姓名').fill('刘龑');
    await page.getByRole('button', { name: '签署协议' }).click();
    await expect(page.getByText('您已签署。')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name: '我的还款协议' })).toBeVisible();
    await page.reload();
    await expect(page).toHaveTitle(/^我签署的还款协议（待生效） · /);

    // The download is byte for byte the stored, hashed file.
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('link', { name: '下载我签署的协议（PDF）' }).click();
    const download = await downloadPromise;
    const signedBytes = fs.readFileSync((await download.path())!);
    const [stored] = await db.select().from(agreements).where(eq(agreements.caseId, kase.id));
    expect(crypto.createHash('sha256').update(signedBytes).digest('hex')).toBe(stored!.borrowerSignedSha256);
    // Named for what it is: which agreement, which copy.
    expect(download.suggestedFilename()).toBe(`还款协议 ${stored!.agreementNo}（借款人签署版）.pdf`);

    // The mediator countersigns for the lender.
    const desk = await pageAs(mediator);
    await desk.goto(`/staff/cases/${kase.id}`);
    await expect(desk.getByText('借款人已签署，待会签').first()).toBeVisible();
    await makeSealAuthorisation(db, creditor.id);
    await desk.reload();
    await desk.getByLabel('请输入您的登录密码，以调解员身份签署').fill('wrong password');
    await desk.getByRole('button', { name: '以调解员身份签署，并依授权加盖贷款机构签章' }).click();
    await expect(desk.getByText('密码不正确。', { exact: true })).toBeVisible();
    await desk.getByLabel('请输入您的登录密码，以调解员身份签署').fill('mediator pw 5');
    await desk.getByRole('button', { name: '以调解员身份签署，并依授权加盖贷款机构签章' }).click();
    await expect(desk.getByText(/· 已生效$/)).toBeVisible({ timeout: 30_000 });
    await axe(desk);
    const executedDownload = desk.waitForEvent('download');
    await desk.getByRole('link', { name: '生效版：三方签署并盖章（PDF）' }).click();
    const executedBytes = fs.readFileSync((await (await executedDownload).path())!);
    await desk.close();
    await page.goto(`/cases/${kase.id}/agreement`);
    await expect(page).toHaveTitle(/^我的还款协议（已生效） · /);
    const english = await pageAs(borrower, { locale: 'en-US' });
    await english.goto(`/cases/${kase.id}/agreement`);
    await expect(english).toHaveTitle(/^My repayment agreement \(in force\) · /);
    await english.close();

    // Anyone can verify it; an altered copy is refused.
    await page.goto('/verify');
    await expect(page.getByRole('heading', { level: 1, name: '协议核验' })).toBeVisible();
    await axe();
    await page.getByLabel('上传协议 PDF').setInputFiles({ name: 'agreement.pdf', mimeType: 'application/pdf', buffer: executedBytes });
    await page.getByRole('button', { name: '核验' }).click();
    await expect(page.getByText('真实且未被修改')).toBeVisible();
    await expect(page.getByText(/刘\*/)).toBeVisible();
    await axe();
    const altered = Buffer.from(executedBytes);
    const at = Math.floor(altered.length / 3);
    altered[at] = altered[at]! ^ 0x20;
    await page.getByLabel('上传协议 PDF').setInputFiles({ name: 'agreement.pdf', mimeType: 'application/pdf', buffer: altered });
    await page.getByRole('button', { name: '核验' }).click();
    await expect(page.getByText('已被修改，或不是本平台签发的协议')).toBeVisible();
  });

  test('an agreement left unsigned until its first payment day lapses: the case says why and the borrower chooses again', async ({ page, db, signIn, axe }) => {
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator', 'mediator pw 6');
    // The clock cannot be moved in a browser test; the borrower's time zone can. Agreed in Pago Pago (UTC−11) with the
    // first payment due tomorrow there, the borrower then lives in Kiritimati (UTC+14): 25 hours ahead, where that day
    // has always come.
    const borrower = await makeBorrower(db, { fullName: '钱晚签', timezone: 'Pacific/Pago_Pago' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    const mediatorCtx: Ctx = { actor: { type: 'staff', id: mediator.id, role: 'mediator', creditorId: creditor.id }, meta: {} };
    const borrowerCtx: Ctx = { actor: { type: 'borrower', id: borrower.id }, meta: {} };
    const firstDueDate = addDays(todayIn('Pacific/Pago_Pago'), 1);
    const { offerId } = await proposeOffer(mediatorCtx, { caseId: kase.id, terms: { installments: { months: 12, method: 'equal_installment', downPayment: 0, firstDueDate } } });
    await acceptOffer(borrowerCtx, offerId);
    const [agreement] = await db.select().from(agreements).where(eq(agreements.caseId, kase.id));
    await db.update(borrowers).set({ timezone: 'Pacific/Kiritimati' }).where(eq(borrowers.id, borrower.id));

    // The case's next step was "sign"; the agreement's page finds its day has come and sends the borrower back.
    await signIn(page, borrower);
    await page.goto(`/cases/${kase.id}/agreement`);
    await expect(page).toHaveURL(new RegExp(`/cases/${kase.id}$`));
    const [y, m, d] = firstDueDate.split('-').map(Number);
    await expect(page.getByTestId('lapsed-agreement')).toHaveText(`还款协议 ${agreement!.agreementNo} 在首期还款日（${y}年${m}月${d}日）前未签署，已失效。您的欠款按今天的情况重新计算，请重新选择还款方案。`);
    await expect(page.getByTestId('next-step-link')).toHaveText('查看我的选择');
    // Far from Beijing, the mediation deadline is one day all over the page (the stages gave it in Beijing time, a day
    // before the card above them).
    const deadline = await page.locator('dt', { hasText: /^调解截止日期$/ }).locator('xpath=following-sibling::dd[1]').innerText();
    await expect(page.getByText(`调解期限至 ${deadline}，`, { exact: false })).toBeVisible();
    await axe();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect((await db.select({ status: agreements.status }).from(agreements).where(eq(agreements.id, agreement!.id)))[0]!.status).toBe('void');

    // The plans again, on today's figures; accepting one makes a new agreement to sign, and the explanation goes.
    await page.getByTestId('next-step-link').click();
    await page.getByRole('button', { name: '为我生成方案' }).click();
    const first = page.getByRole('list', { name: '当前可选方案' }).getByRole('listitem').first();
    await first.getByRole('button', { name: '接受这个方案' }).click();
    await first.getByRole('button', { name: '确定接受' }).click();
    await expect(page.getByText('已达成还款方案')).toBeVisible();
    await page.goto(`/cases/${kase.id}`);
    await expect(page.getByTestId('next-step')).toBeVisible();
    await expect(page.getByTestId('lapsed-agreement')).toHaveCount(0);
    await page.getByTestId('next-step-link').click();
    await expect(page.getByRole('heading', { level: 1, name: '签署还款协议' })).toBeVisible();
  });
});
