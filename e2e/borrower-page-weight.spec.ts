import { firstLoadJsBudget, kB, openQuietly, recordWeight } from '@/lib/testing/page-weight';
import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { expect, test, viewports } from './fixtures/test';

/**
 * What a borrower's phone downloads (issue #13), on an empty cache: a page with
 * a form ships at most 180 kB of compressed JavaScript on first load (the
 * framework's floor and one form), and the form's validation (zod and the
 * schema) arrives once the borrower uses the form, and works. `npm run bench`
 * weighs every borrower page beside the floor and runs Lighthouse; this keeps
 * the two form pages every borrower opens within the budget on every run.
 */
const scriptsOf = (weight: { scripts: { url: string; bytes: number }[] }) => weight.scripts.map((s) => `${kB(s.bytes)} ${s.url}`).join('\n');

test('the sign-in page ships at most 180 kB of JavaScript; its validation loads when the form is used, and answers beside the field', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: viewports.borrower, hasTouch: true, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const first = recordWeight(page);
    await openQuietly(page, `${baseURL}/login`);
    const weight = await first.read();
    expect(weight.js, `/login ships ${kB(weight.js)}:\n${scriptsOf(weight)}`).toBeLessThanOrEqual(firstLoadJsBudget);

    const later = recordWeight(page);
    const phone = page.getByLabel('手机号码');
    await phone.fill('1380');
    await phone.blur();
    await expect(page.getByText('请输入 11 位手机号码，以 1 开头，例如 13800138000。')).toBeVisible();
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect((await later.read()).js, 'the validation code arrives when the form is used').toBeGreaterThan(0);
  } finally {
    await context.close();
  }
});

test('a case page ships at most 180 kB of JavaScript, and its message form still refuses an empty message', async ({ pageAs, db }) => {
  const creditor = await makeCreditor(db);
  const borrower = await makeBorrower(db);
  const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id);
  const page = await pageAs(borrower);
  const first = recordWeight(page);
  await openQuietly(page, `/cases/${kase.id}`);
  const weight = await first.read();
  expect(weight.js, `the case page ships ${kB(weight.js)}:\n${scriptsOf(weight)}`).toBeLessThanOrEqual(firstLoadJsBudget);

  // Sent straight away, without focusing the field first: the schema loads at the first validation.
  await page.getByRole('button', { name: '发送', exact: true }).click();
  await expect(page.getByLabel('您的问题或说明')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('请填写此项。')).toBeVisible();
});
