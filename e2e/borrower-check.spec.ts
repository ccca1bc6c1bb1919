import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { cases } from '@/db/schema';
import { inviteCodeFrom } from '@/lib/domain/invite-code';
import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/** "Is this message genuine?" on a phone, signed out: a real code (as the letter's QR code carries it) and a made-up one. */
test.describe('is this message genuine?', () => {
  test('a real code names the creditor and offers sign-in; a made-up one is told to use official channels', async ({ page, db, axe }) => {
    const creditor = await makeCreditor(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, (await makeBorrower(db)).id);
    const code = inviteCodeFrom(crypto.randomBytes(32))!;
    await db.update(cases).set({ inviteCode: code }).where(eq(cases.id, kase.id));

    await page.goto('/check');
    await expect(page.getByRole('heading', { level: 1, name: '这条消息是真的吗？' })).toBeVisible();
    await axe();
    await page.getByLabel('案件码').fill(`${code.slice(0, 5).toLowerCase()}-${code.slice(5).toLowerCase()}`);
    await page.getByRole('button', { name: '核实' }).click();
    const answer = page.getByRole('status');
    await expect(answer).toContainText('是的，这条消息是真的。');
    await expect(answer).toContainText(`由${creditor.name}委托协和调解平台`);
    await expect(answer).toContainText(`官方客服电话：${creditor.servicePhone}`);
    await expect(answer).not.toContainText('¥');
    await axe();
    await answer.getByRole('link', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/login$/);

    await page.goto('/check?code=ABCDE-23456');
    await expect(page.getByRole('status')).toContainText('找不到这个案件码。');
    await expect(page.getByRole('status')).toContainText('官方渠道');
    await axe();
  });

  test('in English: a mistyped code is named beside the field and kept; a real one (as the letter’s QR code opens it) names the creditor', async ({ browser, db, axe }) => {
    const creditor = await makeCreditor(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, (await makeBorrower(db)).id);
    const code = inviteCodeFrom(crypto.randomBytes(32))!;
    await db.update(cases).set({ inviteCode: code }).where(eq(cases.id, kase.id));
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, hasTouch: true, locale: 'en' });
    const page = await context.newPage();
    await page.goto('/check');
    await expect(page.getByRole('heading', { level: 1, name: 'Is this message genuine?' })).toBeVisible();
    await page.getByLabel('Case code').fill('K7M3Q-9XPR');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'A case code has 10 letters and digits' })).toBeVisible();
    await expect(page.getByLabel('Case code')).toHaveValue('K7M3Q-9XPR');
    await axe(page);

    await page.goto(`/check?code=${code}`);
    const answer = page.getByRole('status');
    await expect(answer).toContainText('Yes, this message is genuine.');
    await expect(answer).toContainText(creditor.nameEn!);
    await expect(answer).toContainText(creditor.servicePhone);
    await expect(answer).not.toContainText('¥');
    await axe(page);
    await context.close();
  });
});
