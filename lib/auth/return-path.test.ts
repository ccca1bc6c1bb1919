import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInPath } from './return-path';

describe('the way back after signing in again', () => {
  it.each(['/cases/8d1f/hardship', '/cases/8d1f/offers?schedule=abc#offer-abc', '/loans/42', '/'])('keeps a path on the portal: %s', (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    '//evil.example/phish',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'cases/1',
    '/\u0000x',
    '/login?next=/x',
    '/api/agreements/1/signed',
    '/staff/cases/1',
    `/${'a'.repeat(600)}`,
    '',
    null,
    42,
  ])('refuses %j', (path) => {
    expect(safeReturnPath(path)).toBeNull();
  });

  it('normalises dot segments without leaving the portal', () => {
    expect(safeReturnPath('/cases/../loans/1')).toBe('/loans/1');
    expect(safeReturnPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  it('builds the sign-in link', () => {
    expect(signInPath('/cases/1/agreement')).toBe('/login?next=%2Fcases%2F1%2Fagreement');
    expect(signInPath('//evil.example')).toBe('/login');
    expect(signInPath('/')).toBe('/login');
  });
});
