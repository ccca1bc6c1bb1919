import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const inputs = ['app', 'components', 'lib', 'db/schema', 'messages', 'public', 'next.config.js', 'postcss.config.mjs', 'proxy.ts', 'instrumentation.ts', 'package.json', 'tsconfig.json'];

/** What the prebuild step writes (scripts/lib/prebuild.ts): made from the inputs, not one of them. */
const generated = new Set([path.join('public', 'vendor'), path.join('public', 'styles')]);

/** A fingerprint of everything the production build depends on: paths, sizes and modification times. */
export function sourceFingerprint(root = process.cwd()): string {
  const hash = crypto.createHash('sha256');
  const walk = (entry: string) => {
    const full = path.join(root, entry);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(full).sort()) {
        if (child === 'node_modules' || generated.has(path.join(entry, child)) || child.endsWith('.test.ts')) continue;
        walk(path.join(entry, child));
      }
    } else {
      hash.update(`${entry}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  inputs.forEach(walk);
  return hash.digest('hex');
}

const stampFile = (root: string) => path.join(root, '.next', 'concord-build-fingerprint');

export function buildIsCurrent(root = process.cwd()): boolean {
  try {
    return fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.readFileSync(stampFile(root), 'utf8') === sourceFingerprint(root);
  } catch {
    return false;
  }
}

export function markBuilt(fingerprint: string, root = process.cwd()) {
  fs.writeFileSync(stampFile(root), fingerprint);
}
