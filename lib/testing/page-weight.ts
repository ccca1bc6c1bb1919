import type { Browser, BrowserContext, Page } from '@playwright/test';

/**
 * What a borrower's phone downloads for one page, as Chromium's network log
 * records it: an empty cache (a new browser context), 360×780, and the
 * compressed size of each response's body (`responseBodySize`, what went over
 * the wire, headers not counted), by kind. The page is measured until the
 * network has been quiet for half a second after `load`, so scripts the page
 * fetches on its own after first paint (prefetches of linked pages' code) are
 * counted with it. `npm run bench` prints these beside the budgets and the
 * framework's floor.
 */
export type PageWeight = { js: number; css: number; html: number; other: number; requests: number; scripts: { url: string; bytes: number }[] };

export const borrowerViewport = { width: 360, height: 780 } as const;

/**
 * The borrower App Router pages' budget: the framework's floor plus what one form needs (issue #13), 180 kB
 * when a bare App Router page ships 134 kB. The bench holds a page to it as a ratio to the bare page it
 * builds and weighs in the same run (so a Next upgrade that moves the floor moves the budget with it);
 * the browser test, which has no floor beside it, to the kB.
 */
export const firstLoadJsBudget = 180_000;
export const firstLoadJsBudgetOverFloor = 180 / 134;
/** A reading page is a plain document (ADR 0007): its one small script of our own, none of the framework's. */
export const documentJsBudget = 5_000;

export type WeightOptions = {
  /** Cookies to carry (a signed-in borrower's session), for `url`'s origin. */
  cookies?: { name: string; value: string }[];
  locale?: string;
};

function kindOf(resourceType: string, contentType: string) {
  if (resourceType === 'script' || /javascript/.test(contentType)) return 'js';
  if (resourceType === 'stylesheet' || contentType.startsWith('text/css')) return 'css';
  if (resourceType === 'document') return 'html';
  return 'other';
}

/** Counts every response of `page` from now on; `read()` gives the totals so far. */
export function recordWeight(page: Page) {
  const pending: Promise<void>[] = [];
  const weight: PageWeight = { js: 0, css: 0, html: 0, other: 0, requests: 0, scripts: [] };
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const response = await request.response();
        if (!response) return;
        const { responseBodySize } = await request.sizes();
        const kind = kindOf(request.resourceType(), response.headers()['content-type'] ?? '');
        weight[kind] += responseBodySize;
        weight.requests += 1;
        if (kind === 'js') weight.scripts.push({ url: new URL(request.url()).pathname, bytes: responseBodySize });
      })().catch(() => undefined),
    );
  });
  return {
    async read(): Promise<PageWeight> {
      await Promise.all(pending);
      return { ...weight, scripts: [...weight.scripts].sort((a, b) => b.bytes - a.bytes) };
    },
  };
}

/** A fresh phone-sized context (empty cache) with the given cookies. */
export async function phoneContext(browser: Browser, origin: string, options: WeightOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: borrowerViewport, hasTouch: true, isMobile: true, locale: options.locale ?? 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (options.cookies?.length) await context.addCookies(options.cookies.map((c) => ({ ...c, url: origin, httpOnly: true, sameSite: 'Lax' as const })));
  return context;
}

/** Opens `url` and waits until the page and what it fetches by itself have loaded. */
export async function openQuietly(page: Page, url: string) {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || response.status() >= 400) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
  await page.waitForLoadState('networkidle');
  return response;
}

/** First-load weight of one page on an empty cache. `then` may act on the page afterwards (open the PDF…): its downloads are returned as `after`. */
export async function measurePageWeight(browser: Browser, url: string, options: WeightOptions & { check?: (page: Page) => Promise<void>; then?: (page: Page) => Promise<void> } = {}): Promise<{ firstLoad: PageWeight; after?: PageWeight; finalUrl: string }> {
  const context = await phoneContext(browser, new URL(url).origin, options);
  try {
    const page = await context.newPage();
    const first = recordWeight(page);
    await openQuietly(page, url);
    const firstLoad = await first.read();
    const finalUrl = page.url();
    await options.check?.(page);
    if (!options.then) return { firstLoad, finalUrl };
    const later = recordWeight(page);
    await options.then(page);
    await page.waitForLoadState('networkidle');
    return { firstLoad, after: await later.read(), finalUrl };
  } finally {
    await context.close();
  }
}

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
