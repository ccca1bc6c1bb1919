import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The stylesheets Next built for the root layout, for the pages served as
 * plain documents (which Next's CSS pipeline does not reach). In production
 * they are read once from this build's prerendered `/help` (its Chinese
 * edition, `help/zh-CN.html`), a page of the root layout and nothing else; under `next dev`, where they change with
 * every edit, the dev server is asked for that page each time.
 */
let built: Promise<string[]> | null = null;

const stylesheetLink = /<link rel="stylesheet" href="([^"]+)"/g;

function hrefsIn(html: string): string[] {
  const hrefs = [...html.matchAll(stylesheetLink)].map((m) => m[1]!);
  if (!hrefs.length) throw new Error('no stylesheet found in the prerendered /help page');
  return hrefs;
}

export function layoutStylesheets(origin: string): Promise<string[]> {
  if (process.env.NODE_ENV !== 'production') {
    return fetch(new URL('/help', origin)).then(async (response) => hrefsIn(await response.text()));
  }
  built ??= fs.readFile(path.join(process.cwd(), '.next', 'server', 'app', 'help', 'zh-CN.html'), 'utf8').then(hrefsIn, (error) => {
    built = null;
    throw error;
  });
  return built;
}
