import fs from 'node:fs';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { makeCaseHistory } from '@/lib/testing/evidence-factory';
import { expect, test } from './fixtures/test';

/** The bundle's entries, and the same again with one file changed (as a forger would re-zip it). */
async function tamperedCopy(file: string, out: string) {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const copy = new yazl.ZipFile();
  await new Promise<void>((resolve, reject) => {
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) =>
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const bytes = Buffer.concat(chunks);
          copy.addBuffer(entry.fileName === '03-contacts/contact-record.csv' ? Buffer.from(bytes.toString('utf8').replace('blocked', 'effective')) : bytes, entry.fileName);
          zip.readEntry();
        });
      }),
    );
    zip.readEntry();
  });
  copy.end();
  await new Promise<void>((resolve) => copy.outputStream.pipe(fs.createWriteStream(out)).on('close', () => resolve()));
}

test.describe('the evidence bundle', () => {
  test('a supervisor downloads it from the case file; /verify finds it complete, and a changed copy altered', async ({ db, pageAs, axe }, testInfo) => {
    const creditor = await makeCreditor(db);
    const mediator = await makeStaff(db, creditor.id, 'mediator');
    const supervisor = await makeStaff(db, creditor.id, 'supervisor');
    const borrower = await makeBorrower(db, { fullName: '孙证据' });
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id);
    await makeCaseHistory(db, kase, { evidenceFiles: 3, days: 10, staffId: mediator.id });

    const desk = await pageAs(mediator);
    await desk.goto(`/staff/cases/${kase.id}`);
    await expect(desk.getByText('证据包仅限主管和管理员下载')).toBeVisible();
    await expect(desk.getByRole('link', { name: '下载证据包（ZIP）' })).toHaveCount(0);

    const page = await pageAs(supervisor);
    await page.goto(`/staff/cases/${kase.id}`);
    await expect(page.getByRole('heading', { name: '证据包', exact: true })).toBeVisible();
    await expect(page.getByText('尚未生成证据包。')).toBeVisible();
    await axe(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载证据包（ZIP）' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^证据包 ${kase.caseNo} \\d{4}-\\d{2}-\\d{2}\\.zip$`));
    const file = testInfo.outputPath('bundle.zip');
    await download.saveAs(file);
    await page.reload();
    await expect(page.getByTestId('bundle-history').getByRole('listitem')).toHaveCount(1);
    await expect(page.getByTestId('bundle-history')).toContainText(supervisor.name);

    const visitor = await pageAs(borrower);
    await visitor.goto('/verify');
    await visitor.getByLabel('上传证据包（ZIP）').setInputFiles(file);
    await visitor.getByRole('button', { name: '检查证据包' }).click();
    await expect(visitor.getByTestId('bundle-verdict')).toContainText('证据包完整，未被篡改');
    await expect(visitor.getByTestId('bundle-verdict')).toContainText(kase.caseNo);
    await axe(visitor);
    await visitor.screenshot({ path: testInfo.outputPath('verify-bundle.png'), fullPage: true });

    const forged = testInfo.outputPath('forged.zip');
    await tamperedCopy(file, forged);
    await visitor.getByLabel('上传证据包（ZIP）').setInputFiles(forged);
    await visitor.getByRole('button', { name: '检查证据包' }).click();
    await expect(visitor.getByTestId('bundle-verdict')).toContainText('证据包已被修改，或不是本门户生成的');
    await expect(visitor.getByTestId('bundle-verdict')).toContainText('文件与清单中的 SHA-256 不符：03-contacts/contact-record.csv');
    await axe(visitor);
  });
});
