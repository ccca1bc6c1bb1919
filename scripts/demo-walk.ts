/**
 * Walks the running demo as its users would (issue: demo realism): every demo borrower, in both languages, at
 * 360×780, opens home, the case page and the page its next step links to; the centre supervisor, at 1366×900, opens
 * every case file. Prints each page's HTTP status and saves screenshots under WALK_OUT. A borrower opening an invited
 * case marks it engaged, as a real visit does: walk a throwaway demo (DATA_DIR=/tmp/…). Run against `npm start`:
 *   DATA_DIR=… BASE_URL=http://localhost:3611 WALK_OUT=/tmp/walk npx tsx --import ./scripts/lib/server-only-shim.mjs scripts/demo-walk.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { createDatabase } from '@/db/client';
import { borrowers, cases, staffUsers } from '@/db/schema';
import { mintSession } from '@/lib/testing/sessions';

const dataDir = process.env.DATA_DIR!;
const base = process.env.BASE_URL ?? 'http://localhost:3611';
const out = process.env.WALK_OUT ?? '/tmp/walk';
const only = process.env.WALK_STATES?.split(',');
const pg = JSON.parse(fs.readFileSync(path.join(dataDir, 'pg.json'), 'utf8')) as { port: number; password: string };
const { authSecret } = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { authSecret: string };
const handle = createDatabase(`postgres://postgres:${encodeURIComponent(pg.password)}@127.0.0.1:${pg.port}/concord`, 2);
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const problems: string[] = [];
async function sessionContext(holder: Parameters<typeof mintSession>[1], locale: string, staff: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: staff ? { width: 1366, height: 900 } : { width: 360, height: 780 }, locale, hasTouch: !staff });
  const session = await mintSession(handle.db, holder, authSecret, { userAgent: 'demo walk' });
  await context.addCookies([
    { name: session.name, value: session.value, url: base, httpOnly: true, sameSite: 'Lax' },
    { ...session.csrf, url: base, httpOnly: true, sameSite: 'Lax' },
  ]);
  return context;
}

const rows = (await handle.db.select({ kase: cases, borrower: borrowers }).from(cases).innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))).filter((r) => !only || only.includes(r.kase.state));
rows.sort((a, b) => a.kase.caseNo.localeCompare(b.kase.caseNo));
for (const { kase, borrower } of rows) {
  for (const locale of ['zh-CN', 'en']) {
    const context = await sessionContext(borrower, locale, false);
    const page = await context.newPage();
    const tag = `${kase.caseNo}-${kase.state}-${locale}`;
    const home = await page.goto(`${base}/`);
    const casePage = await page.goto(`${base}/cases/${kase.id}`);
    await page.screenshot({ path: path.join(out, `${tag}-case.png`), fullPage: true });
    const link = page.getByTestId('next-step-link');
    const href = (await link.count()) ? await link.getAttribute('href') : null;
    let next: number | null = null;
    let title = '';
    if (href && !href.startsWith('#')) {
      const response = await page.goto(new URL(href, base).href);
      next = response?.status() ?? null;
      title = await page.title();
      await page.screenshot({ path: path.join(out, `${tag}-next.png`), fullPage: true });
    } else if (href) next = (await page.locator(href).count()) ? 200 : 404;
    const line = `${tag} ${borrower.fullName}: home ${home?.status()} case ${casePage?.status()} next ${href ?? '-'} → ${next ?? '-'} ${title}`;
    console.log(line);
    if (home?.status() !== 200 || casePage?.status() !== 200 || (href && next !== 200)) problems.push(line);
    await context.close();
  }
}
const [supervisor] = await handle.db.select().from(staffUsers).where(eq(staffUsers.email, 'centre.supervisor@concord.demo'));
for (const locale of ['zh-CN', 'en']) {
  const context = await sessionContext(supervisor!, locale, true);
  const page = await context.newPage();
  for (const { kase } of rows) {
    const response = await page.goto(`${base}/staff/cases/${kase.id}`);
    await page.screenshot({ path: path.join(out, `${kase.caseNo}-${kase.state}-${locale}-staff.png`), fullPage: true });
    const line = `staff ${locale} ${kase.caseNo} ${kase.state}: ${response?.status()}`;
    console.log(line);
    if (response?.status() !== 200) problems.push(line);
  }
  await context.close();
}
await browser.close();
await handle.pool.end();
console.log(problems.length ? `PROBLEMS:\n${problems.join('\n')}` : 'every page answered 200');
process.exit(problems.length ? 1 : 0);
