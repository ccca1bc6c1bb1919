import fs from 'node:fs';
import path from 'node:path';
import { buildDocumentStylesheet } from './document-stylesheet';

/**
 * What the portal needs beside Next's own build output, made before every
 * build (`npm run build`'s prebuild, `npm start`, the bench; never committed):
 * - pdf.js's worker, which renders agreements in the browser, served from public/vendor;
 * - the plain documents' stylesheet (ADR 0007), in public/styles.
 */
export async function prebuild(root = process.cwd()) {
  const worker = path.join(root, 'public', 'vendor', 'pdf.worker.min.mjs');
  fs.mkdirSync(path.dirname(worker), { recursive: true });
  fs.copyFileSync(path.join(root, 'node_modules', 'pdfjs-dist', 'build', 'pdf.worker.min.mjs'), worker);
  return { stylesheet: await buildDocumentStylesheet(root) };
}
