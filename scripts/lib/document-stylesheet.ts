import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import tailwind from '@tailwindcss/postcss';
import postcss from 'postcss';
import { stylesheetDir, stylesheetManifest } from '@/components/document/stylesheet';

/**
 * Builds the plain documents' stylesheet (ADR 0007) from app/globals.css with
 * the Tailwind plugin Next's own pipeline uses (postcss.config.mjs), scanning
 * the same sources, minified. The file is named by the SHA-256 of its content
 * and written only when that content is new; older ones are removed, and the
 * manifest names the current one. Returns its address.
 */
export async function buildDocumentStylesheet(root = process.cwd()): Promise<string> {
  const from = path.join(root, 'app', 'globals.css');
  const { css } = await postcss([tailwind({ base: root, optimize: { minify: true } })]).process(fs.readFileSync(from, 'utf8'), { from });
  const name = `document-${crypto.createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  const dir = path.join(root, stylesheetDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, css);
  for (const old of fs.readdirSync(dir)) if (/^document-[0-9a-f]+\.css$/.test(old) && old !== name) fs.rmSync(path.join(dir, old));
  const href = `/styles/${name}`;
  const manifest = path.join(root, stylesheetManifest);
  const record = JSON.stringify({ href });
  if (!fs.existsSync(manifest) || fs.readFileSync(manifest, 'utf8') !== record) {
    // Written whole and renamed into place: a request never reads half a manifest.
    fs.writeFileSync(`${manifest}.tmp`, record);
    fs.renameSync(`${manifest}.tmp`, manifest);
  }
  return href;
}

/**
 * Under `npm run dev`: builds again whenever a source Tailwind scans changes
 * (a class added to a component, the theme in globals.css), a moment after
 * the last change. Returns a function that stops watching.
 */
export function watchDocumentStylesheet(root = process.cwd(), log: (message: string) => void = () => undefined): () => void {
  let timer: NodeJS.Timeout | undefined;
  const rebuild = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      buildDocumentStylesheet(root).then(
        (href) => log(`document stylesheet ${href}`),
        (error: Error) => log(`document stylesheet not built: ${error.message}`),
      );
    }, 200);
  };
  const watchers = ['app', 'components', 'lib'].map((dir) =>
    fs.watch(path.join(root, dir), { recursive: true }, (_event, file) => {
      if (file && /\.(tsx?|css)$/.test(file)) rebuild();
    }),
  );
  return () => {
    clearTimeout(timer);
    watchers.forEach((watcher) => watcher.close());
  };
}
