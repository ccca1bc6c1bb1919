import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildDocumentStylesheet } from '@/scripts/lib/document-stylesheet';

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'concord-css-'));

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** A project with the real theme and one component using a few classes, as Tailwind scans it. */
function project(classes: string) {
  const root = scratch();
  fs.mkdirSync(path.join(root, 'app'));
  fs.copyFileSync(path.resolve('app/globals.css'), path.join(root, 'app', 'globals.css'));
  fs.writeFileSync(path.join(root, 'app', 'page.tsx'), `export const Page = () => <p className="${classes}" />;`);
  // globals.css imports tailwindcss from node_modules, which Tailwind does not scan (.gitignore).
  fs.symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
  fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules/\n');
  return root;
}

describe("the documents' stylesheet, a build artifact of our own", () => {
  it('is built from globals.css with the classes the sources use, named by its content, and found through its manifest', async () => {
    const root = project('text-brand-700 sr-only focus:not-sr-only');
    const href = await buildDocumentStylesheet(root);
    const file = path.join(root, 'public', href);
    const css = fs.readFileSync(file, 'utf8');
    expect(css).toContain('.text-brand-700{');
    expect(css).toContain('--color-brand-700:#1e40af');
    expect(css).toMatch(/\.focus\\:not-sr-only:focus(-visible)?\{/);
    expect(css).not.toContain('.text-danger-700'); // not used by any source here
    expect(href).toBe(`/styles/document-${(await import('node:crypto')).createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`);

    vi.stubEnv('NODE_ENV', 'production');
    const { documentStylesheet } = await import('./stylesheet');
    expect(await documentStylesheet(root)).toBe(href);
    fs.rmSync(root, { recursive: true });
  });

  it('gets a new name when the sources use other classes, and the old file goes', async () => {
    const root = project('text-brand-700');
    const first = await buildDocumentStylesheet(root);
    expect(await buildDocumentStylesheet(root)).toBe(first); // same sources, same file
    fs.writeFileSync(path.join(root, 'app', 'page.tsx'), 'export const Page = () => <p className="text-danger-700" />;');
    const second = await buildDocumentStylesheet(root);
    expect(second).not.toBe(first);
    expect(fs.readdirSync(path.join(root, 'public', 'styles')).sort()).toEqual(['document.json', second.split('/').pop()!].sort());
    // Under next dev the manifest is read on each request, so a rebuilt stylesheet is used at once.
    vi.stubEnv('NODE_ENV', 'development');
    const { documentStylesheet } = await import('./stylesheet');
    expect(await documentStylesheet(root)).toBe(second);
    fs.rmSync(root, { recursive: true });
  });

  it('fails when nothing was built, and tries again on the next request', async () => {
    const root = scratch();
    vi.stubEnv('NODE_ENV', 'production');
    const { documentStylesheet } = await import('./stylesheet');
    await expect(documentStylesheet(root)).rejects.toThrow();
    fs.mkdirSync(path.join(root, 'public', 'styles'), { recursive: true });
    fs.writeFileSync(path.join(root, 'public', 'styles', 'document.json'), JSON.stringify({ href: '/_next/static/chunks/x.css' }));
    await expect(documentStylesheet(root)).rejects.toThrow(/no stylesheet address/);
    fs.rmSync(root, { recursive: true });
  });
});
