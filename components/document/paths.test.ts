import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentRoutes, isDocumentPath } from './paths';

/** Every route handler under app/ that renders a plain document, as the route it serves. */
function documentRouteFiles(dir = 'app'): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return documentRouteFiles(file);
    if (!/^route\.tsx?$/.test(entry.name) || !/\b(borrowerDocument|documentHtml)\(/.test(fs.readFileSync(file, 'utf8'))) return [];
    // app/(borrower)/loans/[id]/route.ts → /loans/[id]: route groups are not in the URL.
    const segments = path.dirname(file).split(path.sep).slice(1).filter((segment) => !/^\(.*\)$/.test(segment));
    return [`/${segments.join('/')}`];
  });
}

describe('the pages served as plain documents', () => {
  it('are listed once, and that list is exactly the route handlers that render them', () => {
    expect(documentRouteFiles().sort()).toEqual([...documentRoutes].sort());
  });

  it('are known with or without a query or fragment', () => {
    for (const href of ['/', '/?lang=en', '/loans/0193b7a0-0000-7000-8000-000000000001', '/loans/abc?schedule=all#schedule-heading', '/help/en']) expect(isDocumentPath(href)).toBe(true);
  });

  it('leave every App Router page to next/link', () => {
    for (const href of ['/cases/abc', '/cases/abc/offers', '/loans', '/loans/abc/more', '/staff', '/staff/cases/abc', '/login']) expect(isDocumentPath(href)).toBe(false);
  });
});
