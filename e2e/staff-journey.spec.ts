import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { HardshipDraftData } from '@/lib/validation/hardship';
import { agreements, auditEvents, contactRecords, hardshipStatements, notifications } from '@/db/schema';
import { dispatchOutbox } from '@/lib/server/outbox/dispatch';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/**
 * The other side of issue #12: staff pages in staff wording, the mediator's
 * review of a hardship pause, the creditor's seal applied under a standing
 * authorisation an admin grants (audited), the mediator signing as 调解员, the
 * certificate in words, a reply that reaches the borrower by SMS with a link,
 * and /verify naming the agreement that replaced a superseded one.
 */
const nothingLeftOver: HardshipDraftData = {
  household: { adults: 1, childrenUnder6: 1, children6to17: 0, otherDependants: 0, housing: 'rent', employment: 'unemployed' },
  income: { wages: 0, business: 0, pension: 0, benefits: 90_000, familySupport: 0, otherIncome: 0 },
  costs: {
    fixedCosts: { housing: 120_000, utilities: 10_000, transport: 0, education: 0, medical: 0, insurance: 0, otherFixed: 0 },
    flexibleCosts: { food: 60_000, communications: 0, personal: 0, otherFlexible: 0 },
    explanations: {},
  },
  debts: [],
  reason: { category: 'job_loss', since: '2026-05-01', duration: 'temporary', details: '工厂裁员。' },
};

test.describe('the mediator, the supervisor and the admin', () => {
  test('a pause reviewed, the seal authorised by an admin, the mediator signing as mediator; staff wording; a reply by SMS; a superseded agreement names its successor', async ({ page, db, signIn, pageAs, codeSentTo, axe }) => {
    test.setTimeout(240_000);
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator', 'mediator pw 12');
    const admin = await makeStaff(db, creditor.id, 'admin', 'admin pw 12');
    const borrower = await makeBorrower(db, { fullName: '吴静' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    await db.insert(hardshipStatements).values({ caseId: kase.id, borrowerId: borrower.id, version: 1, status: 'submitted', step: 7, data: nothingLeftOver, disposableIncome: -100_000, submittedAt: new Date() });

    // The borrower accepts the pause (agreement A1).
    const mobile = await pageAs(borrower);
    await mobile.goto(`/cases/${kase.id}/offers`);
    await mobile.getByRole('button', { name: '为我生成方案' }).click();
    const pauseCard = mobile.getByRole('list', { name: '当前可选方案' }).locator(':scope > li').first();
    await pauseCard.getByRole('button', { name: '接受这个方案' }).click();
    await pauseCard.getByRole('button', { name: '确定接受' }).click();
    await expect(mobile.getByRole('link', { name: '下一步：审阅并签署还款协议' })).toBeVisible();
    const [first] = await db.select().from(agreements).where(eq(agreements.caseId, kase.id));

    // The mediator's pages speak of the borrower in the third person.
    await signIn(page, mediator);
    await page.goto('/staff');
    const row = page.getByRole('row', { name: new RegExp(kase.caseNo) });
    await expect(row).toContainText('已达成方案，待签署');
    await expect(row).toContainText('需复核');
    await page.goto(`/staff/cases/${kase.id}`);
    await expect(page.getByRole('heading', { level: 2, name: '需调解员复核' })).toBeVisible();
    await expect(page.getByText('家中成年人（含借款人）')).toBeVisible();
    await expect(page.getByText('借款人目前没有余钱还款')).toBeVisible();
    await expect(page.locator('main')).not.toContainText(/您的家庭|您填写|您已签署|您目前没有余钱/);
    await axe();

    // A correction: the mediator sets A1 aside; the borrower accepts again (A2); /verify on A1 names A2.
    await page.getByRole('button', { name: '更正协议（作废并重新协商）' }).click();
    await page.getByLabel('更正原因（会告知借款人）').fill('首期还款日需要更正');
    await page.getByRole('button', { name: '确认作废此协议' }).click();
    await expect(page.getByText('尚未生成协议。')).toBeVisible();
    await mobile.goto(`/cases/${kase.id}/offers`);
    await mobile.getByRole('button', { name: '为我生成方案' }).click();
    await mobile.getByRole('list', { name: '当前可选方案' }).locator(':scope > li').first().getByRole('button', { name: '接受这个方案' }).click();
    await mobile.getByRole('button', { name: '确定接受' }).click();
    await mobile.getByRole('link', { name: '下一步：审阅并签署还款协议' }).click();
    const second = (await db.select().from(agreements).where(eq(agreements.caseId, kase.id))).find((a) => a.id !== first!.id)!;
    await mobile.goto(`/verify?code=${first!.verificationCode}`);
    const superseded = mobile.getByTestId('superseded');
    await expect(superseded).toContainText('这份协议已被取代，不再有效。');
    await expect(superseded).toContainText(`取代它的是协议 ${second.agreementNo}`);
    await axe(mobile);
    await superseded.getByRole('link', { name: '核验新协议' }).click();
    await expect(mobile.getByText(`协议 ${second.agreementNo}`)).toBeVisible();

    // The borrower signs A2.
    await mobile.goto(`/cases/${kase.id}/agreement`);
    await mobile.getByRole('checkbox').check();
    await mobile.getByRole('button', { name: '发送签署验证码' }).click();
    await expect(mobile.getByText('验证码已发送到您的手机')).toBeVisible();
    await mobile.getByLabel('签署验证码').fill(await codeSentTo(borrower.phone, 'signCode'));
    await mobile.getByLabel('请输入您的完整姓名').fill('吴静');
    await mobile.getByRole('button', { name: '签署协议' }).click();
    await expect(mobile.getByRole('heading', { level: 1, name: '我的还款协议' })).toBeVisible({ timeout: 30_000 });

    // Countersigning waits for the review, and for the creditor's standing authorisation: each refusal says why.
    await page.reload();
    await expect(page.getByText('贷款机构尚未授权本平台加盖电子签章')).toBeVisible();
    await page.getByLabel('请输入您的登录密码，以调解员身份签署').fill('mediator pw 12');
    await page.getByRole('button', { name: '以调解员身份签署，并依授权加盖贷款机构签章' }).click();
    await expect(page.getByText('须先由调解员复核借款人的情况')).toBeVisible();
    await page.getByLabel('复核意见（记入审计日志）').fill('已核实解除劳动合同通知，同意暂停 3 个月。');
    await page.getByRole('button', { name: '记录复核' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '调解员已复核' })).toBeVisible();
    await page.getByLabel('请输入您的登录密码，以调解员身份签署').fill('mediator pw 12');
    await page.getByRole('button', { name: '以调解员身份签署，并依授权加盖贷款机构签章' }).click();
    await expect(page.getByText('贷款机构尚未授权本平台代为加盖电子签章')).toBeVisible();

    // The admin grants the authorisation on the admin page; it is audited.
    const desk = await pageAs(admin);
    await desk.goto('/staff');
    await desk.getByRole('link', { name: '系统管理' }).click();
    await desk.getByRole('link', { name: '签章授权' }).click();
    await expect(desk.getByText('目前没有有效的签章授权')).toBeVisible();
    await desk.getByLabel('授权人（职务和姓名）').fill('法定代表人 陈立新');
    await desk.getByRole('button', { name: '授予签章授权' }).click();
    await expect(desk.getByText(/^授权人：法定代表人 陈立新；/)).toBeVisible();
    await axe(desk);
    const [granted] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'creditor.seal_authorised'), eq(auditEvents.entityId, creditor.id)));
    expect(granted).toMatchObject({ actorId: admin.id, data: expect.objectContaining({ signatory: '法定代表人 陈立新' }) });
    await desk.close();

    // Now the mediator signs, as mediator; the seal is applied under the authorisation.
    await page.reload();
    await page.getByLabel('请输入您的登录密码，以调解员身份签署').fill('mediator pw 12');
    await page.getByRole('button', { name: '以调解员身份签署，并依授权加盖贷款机构签章' }).click();
    await expect(page.getByText(/· 已生效$/)).toBeVisible({ timeout: 30_000 });
    await axe();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '生效版：三方签署并盖章（PDF）' }).click();
    const file = await (await download).path();
    if (fs.existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const words of ['调解员签署/', '依授权加盖贷款机构电子签', '借款人签署/', '中立调解员，不代表任何一方', '法定代表人陈立新', '乙方暂停还款3个月']) expect(text).toContain(words);
      expect(text).not.toMatch(/agreement\.[a-z_]+/);
      // The QR code and the verification link lead to this portal, where it is served (its configured public address).
      expect(text).toContain(`${test.info().project.use.baseURL}/verify?code=`);
      fs.writeFileSync(path.join(os.tmpdir(), 'concord-e2e-executed.txt'), text);
    }

    // The borrower's next step and their download, named for what it is.
    await mobile.goto(`/cases/${kase.id}`);
    await expect(mobile.getByTestId('next-step')).toContainText('协议已生效');
    await mobile.getByTestId('next-step-link').click();
    await expect(mobile.getByTestId('my-signed-agreement')).toHaveText('下载我签署的协议（PDF）');
    await expect(mobile.getByText('这是已生效的协议：有您的签名、调解员的签名和贷款机构的电子签章。')).toBeVisible();
    // The copy without signatures is the one reviewed before signing, no longer one "to be signed".
    await expect(mobile.getByRole('link', { name: '下载待签署的协议原件（PDF）' })).toHaveCount(0);
    await mobile.getByRole('button', { name: '在此页查看 PDF 原件' }).click();
    await expect(mobile.getByTestId('pdf-pages')).toBeVisible();
    await expect(mobile.getByText('下载待签署的协议原件（PDF）')).toHaveCount(0);
    await axe(mobile);

    // A reply reaches the borrower in the portal, and by SMS with a link to the case when the rules allow it.
    await page.getByLabel('回复借款人').fill('您的暂停还款已生效，三个月后开始分期。');
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await expect(page.getByRole('list', { name: '与借款人的留言' }).getByText('您的暂停还款已生效')).toBeVisible();
    const replies = await db.select().from(notifications).where(and(eq(notifications.caseId, kase.id), eq(notifications.template, 'caseMessage')));
    expect(replies.map((m) => m.channel).sort()).toEqual(['in_app', 'sms']);
    expect(replies.find((m) => m.channel === 'sms')!.body).toContain(`/cases/${kase.id}`);
    // The contact rules decide the SMS when it is dispatched (ADR 0015): sent now, or deferred with the blocked attempt
    // recorded. Dispatched here rather than waiting for the server's minute; the server's worker may be taking it meanwhile.
    await dispatchOutbox(db, { now: new Date() });
    await expect
      .poll(async () => (await db.select().from(contactRecords).where(and(eq(contactRecords.caseId, kase.id), eq(contactRecords.note, 'caseMessage'))))[0]?.outcome, { timeout: 15_000 })
      .toMatch(/attempted|blocked/);
  });
});
