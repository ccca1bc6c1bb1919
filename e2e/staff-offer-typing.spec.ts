import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { expect, test } from './fixtures/test';

/**
 * The counter-offer composer is on the case file as the page loads, and a busy mediator types at once: what is typed
 * before the page's scripts have run is kept exactly, not run together with the default (12 and 24 made "1224") nor
 * replaced by it. 1366 × 900, zh-CN.
 */
test('a counter-offer typed before the case file is ready is kept as typed, and priced', async ({ db, pageAs, axe }) => {
  test.setTimeout(120_000);
  const creditor = await makeCreditor(db);
  const mediator = await makeStaff(db, creditor.id, 'mediator');
  const borrower = await makeBorrower(db, { fullName: '钱早' });
  const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, mediator.id, { state: 'negotiating' });

  const desk = await pageAs(mediator);
  // Hydration finds the page the server rendered (a mismatch, React's error 418, renders the form again from scratch
  // and loses what was typed).
  const pageErrors: string[] = [];
  desk.on('pageerror', (error) => pageErrors.push(error.message));
  // The page's scripts held back until the mediator has typed.
  let release!: () => void;
  const typed = new Promise<void>((resolve) => (release = resolve));
  await desk.route('**/_next/static/chunks/**', async (route) => {
    await typed;
    await route.continue();
  });
  await desk.goto(`/staff/cases/${kase.id}`, { waitUntil: 'commit' });
  const months = desk.getByLabel('期数（月）');
  // The server-rendered composer shows its defaults and takes what is typed.
  await expect(months).toHaveValue('12');
  await months.fill('24');
  await desk.getByLabel('罚息减免（%）').fill('50');
  release();
  // Once the page is ready the preview prices what was typed, and the fields still hold it.
  const preview = desk.getByRole('region', { name: '预览' });
  await expect(preview.locator('dt').filter({ hasText: /^还款期数$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('24', { timeout: 60_000 });
  await expect(months).toHaveValue('24');
  await expect(desk.getByLabel('罚息减免（%）')).toHaveValue('50');
  await desk.unroute('**/_next/static/chunks/**');
  expect(pageErrors).toEqual([]);
  await axe(desk);
});
