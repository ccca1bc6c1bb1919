import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The plain documents' stylesheet (ADR 0007): a build artifact of Concord's
 * own, not something read out of Next's output. scripts/lib/document-stylesheet.ts
 * builds it before every build (and on every change under `npm run dev`) from
 * app/globals.css, with the same Tailwind as Next's pipeline, names it by its
 * content's hash, and records its address in a small manifest beside it.
 */
export const stylesheetDir = path.join('public', 'styles');
export const stylesheetManifest = path.join(stylesheetDir, 'document.json');
/** A built stylesheet's address: served from public/, named by a hash of its content, so it can be cached for good. */
export const stylesheetHref = /^\/styles\/document-[0-9a-f]{16}\.css$/;

async function readManifest(root: string): Promise<string> {
  const file = path.join(root, stylesheetManifest);
  const { href } = JSON.parse(await fs.readFile(file, 'utf8')) as { href?: unknown };
  if (typeof href !== 'string' || !stylesheetHref.test(href)) throw new Error(`no stylesheet address in ${file}`);
  return href;
}

let built: Promise<string> | null = null;

/** The address of the documents' stylesheet: read once in production; under `next dev`, where it is rebuilt as sources change, on each request. */
export function documentStylesheet(root = process.cwd()): Promise<string> {
  if (process.env.NODE_ENV !== 'production') return readManifest(root);
  built ??= readManifest(root).catch((error: unknown) => {
    built = null;
    throw error;
  });
  return built;
}
