// pdf.js renders agreements in the browser; its worker is served from public/vendor (copied from
// node_modules at build time, never committed).
import fs from 'node:fs';
import path from 'node:path';

const source = path.resolve('node_modules/pdfjs-dist/build/pdf.worker.min.mjs');
const target = path.resolve('public/vendor/pdf.worker.min.mjs');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
