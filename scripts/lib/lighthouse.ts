import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

/**
 * Lighthouse 12.2 with its default (mobile) config: a mid-range phone on a slow
 * 4G link, simulated. It drives the machine's Chromium through chrome-launcher's
 * path option (nothing is downloaded), a fresh browser profile for every audit,
 * so no cookie of one signed-in page carries into the next; a signed-in page gets
 * its session as a Cookie header.
 */
export type LighthouseScores = { performance: number; accessibility: number; bestPractices: number; tbtMs: number; lcpMs: number; fcpMs: number; failed: string[] };

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p)) ?? '/usr/bin/chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * One audit; a run Lighthouse itself calls broken (NO_NAVSTART, NO_FCP and the like: its trace went wrong,
 * which a busy shared machine makes happen now and then) is taken again, up to `attempts` in all.
 */
export async function auditPage(url: string, options: { cookie?: string; attempts?: number } = {}): Promise<LighthouseScores> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await auditOnce(url, options);
    } catch (error) {
      if (!(error instanceof LighthouseRuntimeError) || attempt >= attempts) throw error;
    }
  }
}

class LighthouseRuntimeError extends Error {}

async function auditOnce(url: string, options: { cookie?: string }): Promise<LighthouseScores> {
  const chrome = await chromeLauncher.launch({ chromePath: chromium, chromeFlags: flags, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      ...(options.cookie ? { extraHeaders: { Cookie: options.cookie } } : {}),
    });
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { categories, audits, runtimeError } = result.lhr;
    if (runtimeError) throw new LighthouseRuntimeError(`Lighthouse on ${url}: ${runtimeError.code} ${runtimeError.message}`);
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const ms = (id: string) => Math.round(audits[id]?.numericValue ?? NaN);
    // What kept accessibility or best practices below full marks, by audit id.
    const failed = ['accessibility', 'best-practices'].flatMap((id) => (categories[id]?.auditRefs ?? []).filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1).map((ref) => ref.id));
    return { performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), tbtMs: ms('total-blocking-time'), lcpMs: ms('largest-contentful-paint'), fcpMs: ms('first-contentful-paint'), failed };
  } finally {
    await chrome.kill();
  }
}
