import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import yauzl from 'yauzl';
import { cases, creditors } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { makeSentNotice } from '@/lib/testing/evidence-factory';
import { expect, test } from './fixtures/test';

const DAY = 86_400_000;

test.describe('when mediation fails', () => {
  test('a supervisor escalates a case, approves and sends the notice of suit, and downloads the bundle that holds it; the borrower reads it', async ({ db, pageAs, axe }, testInfo) => {
    test.setTimeout(150_000);
    const creditor = await makeCreditor(db);
    await db.update(creditors).set({ litigation: { counsel: { firm: '浙江明理律师事务所', lawyer: '陈律', phone: '0571-88880000', address: '杭州市' } } }).where(eq(creditors.id, creditor.id));
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const supervisor = await makeStaff(db, creditor.id, 'supervisor');
    const borrower = await makeBorrower(db, { fullName: '吴诉讼' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    // Mediation opened 60 days ago; the letter and counsel's letter went out in their time (11:00 in Beijing).
    const now = Date.now();
    await db.update(cases).set({ openedAt: new Date(now - 60 * DAY) }).where(eq(cases.id, kase.id));
    const at = (daysAgo: number) => new Date(Math.floor((now - daysAgo * DAY) / DAY) * DAY + 3 * 3_600_000);
    await makeSentNotice(db, kase, mediator.id, 'collection_letter', at(50));
    await makeSentNotice(db, kase, supervisor.id, 'lawyers_letter', at(33));

    // The mediator prepares the notice of suit; it waits for the supervisor.
    const desk = await pageAs(mediator);
    await desk.goto(`/staff/cases/${kase.id}`);
    await expect(desk.getByText('下一份通知：起诉通知书', { exact: false })).toBeVisible();
    await desk.getByRole('radio', { name: '站内消息' }).check();
    await desk.getByRole('button', { name: '制作起诉通知书' }).click();
    await expect(desk.getByTestId('notice-list').getByRole('listitem').nth(2)).toContainText('起诉通知书 · 待主管批准 · 站内消息');
    await expect(desk.getByText('等待主管批准后发送。')).toBeVisible();
    await axe(desk);

    // The supervisor escalates the case to litigation, then approves and sends the notice.
    const boss = await pageAs(supervisor);
    await boss.goto(`/staff/cases/${kase.id}`);
    await boss.getByRole('region', { name: '本案操作' }).getByRole('button', { name: '移交诉讼' }).click();
    const escalate = boss.getByRole('form', { name: '移交诉讼' });
    await escalate.getByLabel('诉讼请求金额（元）').fill('12000');
    await escalate.getByRole('button', { name: '移交诉讼' }).click();
    await expect(boss.getByText('当前结果: 移交诉讼')).toBeVisible();
    const list = boss.getByTestId('notice-list');
    await expect(list.getByRole('listitem')).toHaveCount(3);
    await boss.getByRole('button', { name: '批准并发送' }).click();
    await expect(list.getByRole('listitem').nth(2)).toContainText('起诉通知书 · 已发送 · 站内消息');
    await expect(list.getByRole('listitem').nth(2)).toContainText(`${supervisor.name} 于`);
    await axe(boss);

    // The bundle holds the three notices, each as sent.
    const [download] = await Promise.all([boss.waitForEvent('download'), boss.getByRole('link', { name: '下载证据包（ZIP）' }).click()]);
    const zip = await yauzl.openPromise((await download.path())!, { lazyEntries: true });
    const names: string[] = [];
    await new Promise<void>((resolve) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.readEntry();
    });
    zip.close();
    expect(names.filter((n) => n.startsWith('02-notices/'))).toHaveLength(3);
    expect(names.some((n) => n.startsWith('02-notices/03-起诉通知书'))).toBe(true);

    await boss.screenshot({ path: testInfo.outputPath('staff-case-file.png'), fullPage: true });

    // The borrower (reading English) sees the notices on their case, in words, and reads the notice of suit.
    const phone = await pageAs(borrower, { locale: 'en' });
    await phone.goto(`/cases/${kase.id}`);
    const notices = phone.getByRole('region', { name: 'Notices the lender sent you' });
    await expect(notices.getByRole('listitem')).toHaveCount(3);
    await expect(notices).toContainText('The lender is preparing to sue. Until it does, you can still agree a repayment plan');
    // Where to turn, in words that hold whatever the case's state (it promised a plan "here at any time", also on a
    // case gone to litigation, whose offers page says offers are closed).
    await expect(notices).toContainText('These notices do not take away your rights: if you still wish to settle, write to your mediator here.');
    await axe(phone);
    await phone.screenshot({ path: testInfo.outputPath('borrower-case.png'), fullPage: true });
    // Each notice's line starts with its name as a title; in a sentence the name is in lower case.
    await expect(notices.getByRole('listitem').nth(0).locator('p').first()).toHaveText(/^Collection letter · /);
    const [pdf] = await Promise.all([phone.waitForEvent('download'), notices.getByRole('link', { name: 'Read the notice of intended suit (PDF)', exact: true }).click()]);
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');

    // The case file in English: the same, on the staff side.
    const english = await pageAs(supervisor, { locale: 'en' });
    await english.goto(`/staff/cases/${kase.id}`);
    // Days in words, as everywhere else on the page (not 2026-12-02).
    await expect(english.getByRole('heading', { level: 2, name: /^Arrears as of [A-Z][a-z]{2} \d{1,2}, \d{4}$/ })).toBeVisible();
    const sent = english.getByTestId('notice-list').getByRole('listitem');
    await expect(sent.nth(0).locator('p').first()).toHaveText('Collection letter · sent · letter');
    await expect(sent.nth(2).locator('p').first()).toHaveText('Notice of intended suit · sent · in the portal');
    // Its other lines start with a capital too, and give the as-of day as the other dates are given.
    await expect(sent.nth(0).locator('p').nth(1)).toHaveText(/^Enforceable amount to settle CN¥[\d,.]+ \(as of [A-Z][a-z]{2} \d{1,2}, \d{4}\)$/);
    await expect(sent.nth(0).locator('p').nth(2)).toHaveText(/^Prepared by /);
    // The timeline names each notice sent, in English, not by the record's stored note.
    const timeline = english.getByTestId('timeline');
    await expect(timeline).toContainText(/Notice of intended suit, SHA-256 [0-9a-f]{16}…/);
    await expect(timeline).not.toContainText('notice:');
    await axe(english);
  });
});
