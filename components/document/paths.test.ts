import { describe, expect, it } from 'vitest';
import { isDocumentPath } from './paths';

describe('isDocumentPath', () => {
  it('knows the borrower home and loan pages, with or without a query or fragment', () => {
    for (const href of ['/', '/?lang=en', '/loans/0193b7a0-0000-7000-8000-000000000001', '/loans/abc?schedule=all#schedule-heading']) expect(isDocumentPath(href)).toBe(true);
  });
  it('leaves every App Router page to next/link', () => {
    for (const href of ['/cases/abc', '/cases/abc/offers', '/loans', '/loans/abc/more', '/staff', '/staff/cases/abc', '/login', '/help']) expect(isDocumentPath(href)).toBe(false);
  });
});
