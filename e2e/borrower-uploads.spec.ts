import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evidenceLimits } from '@/lib/domain/file-type';
import { saveHardshipStep } from '@/lib/server/hardship/save-hardship-step';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';
import { pdfOfSize } from '@/lib/testing/evidence-factory';

/**
 * The limit stated to the borrower ("up to 10 MB") is the one enforced: a file
 * of exactly 10,485,760 bytes goes through, one byte more gets the localized
 * "too large" message beside the field, and so does 50 MB; nothing already
 * entered is lost.
 */

/** Playwright hands a browser at most 50 MB as a buffer: bigger files go as files. */
function fileOf(size: number): string {
  const file = path.join(os.tmpdir(), `concord-upload-${process.pid}-${size}.pdf`);
  if (!fs.existsSync(file)) {
    const handle = fs.openSync(file, 'w');
    fs.writeSync(handle, '%PDF-1.4\n');
    fs.ftruncateSync(handle, size);
    fs.closeSync(handle);
  }
  return file;
}

test('evidence at the limit is uploaded; one byte over and 50 MB are refused, and what was there stays', async ({ page, db, signIn, axe }) => {
  const creditor = await makeCreditor(db);
  const borrower = await makeBorrower(db);
  const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, (await makeStaff(db, creditor.id)).id);
  // The earlier steps are done; the evidence step is where the form resumes.
  const ctx = { actor: { type: 'borrower' as const, id: borrower.id }, meta: {} };
  let saved = await saveHardshipStep(ctx, { caseId: kase.id, step: 'household', values: { adults: '1', childrenUnder6: '0', children6to17: '0', otherDependants: '0', housing: 'rent', employment: 'unemployed' }, rowVersion: null });
  saved = await saveHardshipStep(ctx, { caseId: kase.id, step: 'income', values: { income: { wages: '', business: '', pension: '', benefits: '1200', familySupport: '', otherIncome: '' } }, rowVersion: saved.rowVersion });
  const fixedCosts = { housing: '800', utilities: '', transport: '', education: '', medical: '', insurance: '', otherFixed: '' };
  saved = await saveHardshipStep(ctx, { caseId: kase.id, step: 'costs', values: { fixedCosts, flexibleCosts: { food: '600', communications: '', personal: '', otherFlexible: '' }, explanations: {} }, rowVersion: saved.rowVersion });
  saved = await saveHardshipStep(ctx, { caseId: kase.id, step: 'debts', values: { debts: [] }, rowVersion: saved.rowVersion });
  await saveHardshipStep(ctx, { caseId: kase.id, step: 'reason', values: { reason: { category: 'illness', since: '2026-03-01', duration: 'temporary', details: '住院治疗。' } }, rowVersion: saved.rowVersion });

  await signIn(page, borrower);
  await page.goto(`/cases/${kase.id}/hardship`);
  await expect(page.getByRole('heading', { level: 2, name: '证明材料（可选）' })).toBeVisible();
  await expect(page.getByText('每个不超过 10 MB')).toBeVisible();
  const uploaded = page.getByRole('list', { name: '已上传的材料' });

  await page.getByLabel('选择文件').setInputFiles({ name: '住院证明.pdf', mimeType: 'application/pdf', buffer: pdfOfSize(evidenceLimits.maxBytes) });
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await expect(uploaded.getByText('住院证明.pdf')).toBeVisible({ timeout: 30_000 });
  await expect(uploaded.getByText('(10240 KB)')).toBeVisible();

  await page.getByLabel('选择文件').setInputFiles({ name: '太大.pdf', mimeType: 'application/pdf', buffer: pdfOfSize(evidenceLimits.maxBytes + 1) });
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await expect(page.getByText('文件超过 10 MB，请压缩或拍摄较小的照片。')).toBeVisible();
  await page.getByLabel('选择文件').setInputFiles(fileOf(50 * 1024 * 1024));
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await expect(page.getByText('文件超过 10 MB，请压缩或拍摄较小的照片。')).toBeVisible();
  // A file cut short (its download stopped halfway) is refused in the borrower's words, not kept for the mediator.
  await page.getByLabel('选择文件').setInputFiles({ name: '下载一半.pdf', mimeType: 'application/pdf', buffer: pdfOfSize(4096).subarray(0, 2048) });
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await expect(page.getByText('这个文件不完整（可能没有下载或保存完）。请先在手机上打开确认能正常查看，再重新选择。')).toBeVisible();
  // A refused file is not kept chosen, so "continue" does not try it again.
  await expect(page.getByRole('button', { name: '继续', exact: true })).toBeVisible();
  await axe();

  // Nothing lost: the upload that went through, and every answer before it.
  await expect(uploaded.getByRole('listitem')).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole('list', { name: '已上传的材料' }).getByText('住院证明.pdf')).toBeVisible();
  await page.getByRole('button', { name: '继续' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '核对并提交' })).toBeVisible();
  await expect(page.getByText('住院治疗。')).toBeVisible();
});

test('/verify states the limit and refuses one byte over and 50 MB with it, keeping the typed code', async ({ page, axe }) => {
  await page.goto('/verify');
  await expect(page.getByText('您收到的协议 PDF，不超过 10 MB。')).toBeVisible();
  await page.getByLabel('或输入核验码').fill('ABCD-EFGH-JK');
  await page.getByLabel('上传协议 PDF').setInputFiles({ name: 'agreement.pdf', mimeType: 'application/pdf', buffer: pdfOfSize(evidenceLimits.maxBytes + 1) });
  await page.getByRole('button', { name: '核验' }).click();
  await expect(page.getByText('文件超过 10 MB，请压缩或拍摄较小的照片。')).toBeVisible();
  await page.getByLabel('上传协议 PDF').setInputFiles(fileOf(50 * 1024 * 1024));
  await page.getByRole('button', { name: '核验' }).click();
  await expect(page.getByText('文件超过 10 MB，请压缩或拍摄较小的照片。')).toBeVisible();
  await expect(page.getByLabel('或输入核验码')).toHaveValue('ABCD-EFGH-JK');
  await axe();
  // At the limit it is read, and judged: not one of ours.
  await page.getByLabel('上传协议 PDF').setInputFiles({ name: 'agreement.pdf', mimeType: 'application/pdf', buffer: pdfOfSize(evidenceLimits.maxBytes) });
  await page.getByRole('button', { name: '核验' }).click();
  await expect(page.getByText('已被修改，或不是本平台签发的协议')).toBeVisible({ timeout: 30_000 });
});
