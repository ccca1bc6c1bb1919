import fs from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { acceptOffer } from '@/lib/server/offers/accept-offer';
import { requestSuggestions } from '@/lib/server/offers/suggest-offers';
import { mintSession } from '@/lib/testing/sessions';
import { startFloorApp } from './floor-app';
import { auditPage, type LighthouseScores } from './lighthouse';
import { documentJsBudget, firstLoadJsBudgetOverFloor, kB, measurePageWeight, type PageWeight } from '@/lib/testing/page-weight';

/**
 * Page weight on the borrower's phone (issue #13), measured in one run beside
 * the framework's floor (scripts/lib/floor-app.ts):
 *  - each page's compressed JavaScript, HTML and CSS from Chromium's network
 *    log (360×780, empty cache), and what opening the PDF and the drawing pad
 *    adds on the agreement page;
 *  - Lighthouse (mobile) performance, accessibility and best practices, the
 *    median of `runs` audits per page, taken in turns so a busy spell of a
 *    shared machine falls on every page alike.
 * Budgets: an interactive App Router page ≤ 180 kB of JavaScript (as a ratio
 * to the bare page weighed in the same run: 180/134 of it) and performance ≥ 85; a reading page (a plain document) and /help, performance
 * ≥ 95, a document a few kB of JavaScript and none of the framework's, /help
 * no more JavaScript than the floor's (no client code of Concord's own);
 * every page accessibility 100 and best practices ≥ 95.
 */
export type PageKind = 'interactive' | 'document';

export type WeighedPage = {
  name: string;
  path: string;
  kind: PageKind;
  cookies?: { name: string; value: string }[];
  /** What must be on the page, so the state measured is the one meant (a form, the offers…). */
  shows: (page: Page) => Promise<void>;
  /** Acts on the page after first load (open the PDF, the pad): what it downloads is reported apart. */
  then?: (page: Page) => Promise<void>;
};

export type PageResult = {
  name: string;
  path: string;
  kind: PageKind | 'floor';
  weight: PageWeight;
  after?: PageWeight;
  lighthouse: LighthouseScores | null;
  /** The page's JavaScript as a multiple of the bare page's (the floor) in the same run. */
  jsOverFloor: number;
  budget: { jsMax: number | null; jsMaxOverFloor: number | null; performanceMin: number; accessibilityMin: number; bestPracticesMin: number };
  met: { js: boolean; performance: boolean; accessibility: boolean; bestPractices: boolean; all: boolean };
};

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function median(values: LighthouseScores[]): LighthouseScores {
  const sorted = [...values].sort((a, b) => a.performance - b.performance);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export async function benchPageWeight(options: {
  floorBase: string;
  base: string;
  pages: WeighedPage[];
  lighthouseRuns: number;
  log: (message: string) => void;
}): Promise<{ floor: PageResult[]; pages: PageResult[] }> {
  const { floorBase, base, pages, lighthouseRuns, log } = options;
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: launchArgs });
  const targets = [
    { name: 'floor: bare page', url: `${floorBase}/`, kind: 'floor' as const, cookies: undefined, page: undefined },
    { name: 'floor: + one form', url: `${floorBase}/form`, kind: 'floor' as const, cookies: undefined, page: undefined },
    ...pages.map((p) => ({ name: p.name, url: `${base}${p.path}`, kind: p.kind, cookies: p.cookies, page: p })),
  ];
  const weights = new Map<string, { weight: PageWeight; after?: PageWeight }>();
  try {
    for (const target of targets) {
      const measured = await measurePageWeight(browser, target.url, {
        cookies: target.cookies,
        check: target.page?.shows,
        then: target.page?.then,
      });
      weights.set(target.name, { weight: measured.firstLoad, after: measured.after });
      log(`weighed ${target.name}: ${kB(measured.firstLoad.js)} of JavaScript${measured.after ? `, then ${kB(measured.after.js)} more` : ''}`);
    }
  } finally {
    await browser.close();
  }

  const audits = new Map<string, LighthouseScores[]>();
  for (let round = 0; round < lighthouseRuns; round++) {
    for (const target of targets) {
      const cookie = target.cookies?.map((c) => `${c.name}=${c.value}`).join('; ');
      const scores = await auditPage(target.url, { cookie });
      audits.set(target.name, [...(audits.get(target.name) ?? []), scores]);
    }
    log(`Lighthouse round ${round + 1}/${lighthouseRuns} done`);
  }

  const floorJs = weights.get('floor: bare page')!.weight.js;
  const results = targets.map((target): PageResult => {
    const { weight, after } = weights.get(target.name)!;
    const runs = audits.get(target.name) ?? [];
    const lighthouse = runs.length ? median(runs) : null;
    const jsMax = target.kind === 'interactive' ? Math.round(floorJs * firstLoadJsBudgetOverFloor) : target.kind === 'document' ? documentJsBudget : null;
    const performanceMin = target.kind === 'interactive' ? 85 : target.kind === 'floor' ? 0 : 95;
    const budget = { jsMax, jsMaxOverFloor: jsMax === null ? null : jsMax / floorJs, performanceMin, accessibilityMin: target.kind === 'floor' ? 0 : 100, bestPracticesMin: target.kind === 'floor' ? 0 : 95 };
    const frameworkOnDocument = target.kind === 'document' && weight.scripts.some((s) => s.url.startsWith('/_next/'));
    const met = {
      js: jsMax === null || (weight.js <= jsMax && !frameworkOnDocument),
      performance: !lighthouse || lighthouse.performance >= performanceMin,
      accessibility: !lighthouse || lighthouse.accessibility >= budget.accessibilityMin,
      bestPractices: !lighthouse || lighthouse.bestPractices >= budget.bestPracticesMin,
      all: false,
    };
    met.all = met.js && met.performance && met.accessibility && met.bestPractices;
    return { name: target.name, path: target.url.replace(target.kind === 'floor' ? floorBase : base, ''), kind: target.kind, weight, after, lighthouse, jsOverFloor: weight.js / floorJs, budget, met };
  });
  return { floor: results.filter((r) => r.kind === 'floor'), pages: results.filter((r) => r.kind !== 'floor') };
}

/** The table `npm run bench` prints: each page beside its budget and the floor, met or not. */
export function printPageWeight({ floor, pages }: { floor: PageResult[]; pages: PageResult[] }, lighthouseRuns: number) {
  const floorJs = floor[0]!.weight.js;
  const formJs = floor[1]?.weight.js;
  const lh = (r: PageResult) => (r.lighthouse ? `${String(r.lighthouse.performance).padStart(4)} ${String(r.lighthouse.accessibility).padStart(4)} ${String(r.lighthouse.bestPractices).padStart(4)} ${String(r.lighthouse.tbtMs).padStart(6)}` : '   -    -    -      -');
  console.log(`\nPage weight on a phone (Chromium 360×780, empty cache, compressed bytes; kB = 1000 bytes) and Lighthouse mobile (median of ${lighthouseRuns})`);
  console.log(`floor: a bare App Router page of the same Next and React ${kB(floorJs)} of JavaScript; with one react-hook-form + zod form ${formJs ? kB(formJs) : '?'}`);
  console.log('page                      JS  × floor     budget   above floor   HTML     CSS   perf a11y   bp  TBT ms  verdict');
  for (const r of [...floor, ...pages]) {
    const budget = r.budget.jsMax === null ? '' : `≤ ${(r.budget.jsMax / 1000).toFixed(0)} (${r.budget.jsMaxOverFloor!.toFixed(2)}×)`;
    const above = r.kind === 'floor' && r === floor[0] ? '' : `${r.weight.js - floorJs >= 0 ? '+' : ''}${((r.weight.js - floorJs) / 1000).toFixed(1)}`;
    const verdict = r.kind === 'floor' ? '' : r.met.all ? 'met' : `NOT met (${Object.entries(r.met).filter(([k, v]) => k !== 'all' && !v).map(([k]) => k).join(', ')})`;
    console.log(`${r.name.padEnd(22)} ${kB(r.weight.js).padStart(9)} ${`${r.jsOverFloor.toFixed(2)}×`.padStart(7)} ${budget.padStart(15)} ${above.padStart(8)} ${kB(r.weight.html).padStart(8)} ${kB(r.weight.css).padStart(7)} ${lh(r)}  ${verdict}`);
    if (r.after) console.log(`${''.padEnd(22)} then ${kB(r.after.js)} of JavaScript on demand (${r.after.scripts.length} scripts)`);
    if (r.lighthouse?.failed.length) console.log(`${''.padEnd(22)} below full marks: ${r.lighthouse.failed.join(', ')}`);
  }
  const all = pages.every((r) => r.met.all);
  console.log(`budgets (JS ≤ ${(firstLoadJsBudgetOverFloor).toFixed(2)}× the floor, 180 kB on a 134 kB floor, and performance ≥ 85 on interactive pages; documents (the home, the loan and /help) ≤ ${kB(documentJsBudget)} of JS and none of the framework's, performance ≥ 95; accessibility 100, best practices ≥ 95): ${all ? 'met' : 'NOT met'}`);
  return all;
}

/**
 * A generated case whose borrower has accepted an offer and has the agreement
 * to sign: kept from an earlier run, or made now through the services (the
 * system's suggestions, the first accepted), as a borrower would.
 */
export async function caseWaitingForSignature(db: Database, fromCaseNo: string, authSecret: string) {
  type Row = { case_id: string; borrower_id: string; name: string };
  const waiting = async () =>
    (await db.execute<Row>(sql`select c.id as case_id, c.borrower_id, b.full_name as name from agreements a join cases c on c.id = a.case_id join borrowers b on b.id = c.borrower_id where c.case_no like 'CASE-GEN-%' and a.status = 'awaiting_borrower' order by c.case_no limit 1`)).rows[0];
  let found = await waiting();
  if (!found) {
    const [open] = (await db.execute<Row>(sql`select c.id as case_id, c.borrower_id, b.full_name as name from cases c join borrowers b on b.id = c.borrower_id where c.case_no like 'CASE-GEN-%' and c.state in ('invited', 'engaged', 'negotiating') and c.case_no > ${fromCaseNo} order by c.case_no limit 1`)).rows;
    if (!open) throw new Error('no generated case to sign an agreement on');
    const ctx = { actor: { type: 'borrower' as const, id: open.borrower_id }, meta: {} };
    const { offerIds } = await requestSuggestions(ctx, open.case_id);
    await acceptOffer(ctx, offerIds[0]);
    found = await waiting();
    if (!found) throw new Error('accepting an offer made no agreement to sign');
  }
  const session = await mintSession(db, { id: found.borrower_id, fullName: found.name }, authSecret, { userAgent: 'Chromium (bench)' });
  return { caseId: found.case_id, cookies: [{ name: session.name, value: session.value }, session.csrf] };
}

/** The borrower pages of issue #13 (and those added since), weighed and audited beside the floor, printed. */
export async function weighBorrowerPages(options: {
  base: string;
  subject: { case_id: string; case_no: string; contract_no: string; loan_id: string };
  session: { name: string; value: string; csrf: { name: string; value: string } };
  signing: { caseId: string; cookies: { name: string; value: string }[] };
  lighthouseRuns: number;
  log: (message: string) => void;
}) {
  const { base, subject, session, signing, lighthouseRuns, log } = options;
  const borrower = [{ name: session.name, value: session.value }, session.csrf];
  const caseUrl = `/cases/${subject.case_id}`;
  const visible = (locator: ReturnType<Page['locator']>) => locator.first().waitFor({ state: 'visible', timeout: 15_000 });
  const pages: WeighedPage[] = [
    { name: '/login', path: '/login', kind: 'interactive', shows: (p) => visible(p.locator('form input[type=tel]')) },
    { name: 'case', path: caseUrl, kind: 'interactive', cookies: borrower, shows: (p) => visible(p.getByTestId('next-step')) },
    { name: 'offers', path: `${caseUrl}/offers`, kind: 'interactive', cookies: borrower, shows: (p) => visible(p.getByRole('list', { name: '当前可选方案' }).getByRole('listitem')) },
    { name: 'hardship form', path: `${caseUrl}/hardship`, kind: 'interactive', cookies: borrower, shows: (p) => visible(p.locator('main form')) },
    {
      name: 'agreement',
      path: `/cases/${signing.caseId}/agreement`,
      kind: 'interactive',
      cookies: signing.cookies,
      shows: (p) => visible(p.getByRole('button', { name: '在此页查看 PDF 原件' })),
      // The heavy parts, on demand: the PDF drawn in the page (pdf.js), and the drawing pad.
      then: async (p) => {
        await p.getByRole('button', { name: '在此页查看 PDF 原件' }).click();
        await visible(p.getByText(/协议共 \d+ 页/));
        await p.getByRole('button', { name: '添加手写签名（可选）' }).click();
        await visible(p.getByRole('img', { name: '手写签名（可选）' }));
      },
    },
    { name: '/account', path: '/account', kind: 'interactive', cookies: borrower, shows: (p) => visible(p.getByRole('heading', { level: 1 })) },
    { name: '/verify', path: '/verify', kind: 'interactive', shows: (p) => visible(p.locator('main form')) },
    { name: '/help (document)', path: '/help', kind: 'document', shows: (p) => visible(p.getByRole('heading', { level: 1 })) },
    { name: 'home (document)', path: '/', kind: 'document', cookies: borrower, shows: (p) => visible(p.getByText(subject.case_no)) },
    { name: 'loan (document)', path: `/loans/${subject.loan_id}`, kind: 'document', cookies: borrower, shows: (p) => visible(p.getByText(subject.contract_no)) },
  ];
  const floor = await startFloorApp(process.cwd(), log);
  try {
    const result = await benchPageWeight({ floorBase: floor.base, base, pages, lighthouseRuns, log });
    const met = printPageWeight(result, lighthouseRuns);
    return { ...result, met };
  } finally {
    await floor.stop();
  }
}
