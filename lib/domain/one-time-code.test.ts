import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeState, formatCode, isWellFormedCode, otpRules, resendAvailableAt } from './one-time-code';

describe('one-time codes', () => {
  it('always has six digits, keeping leading zeros', () => {
    expect(formatCode(42)).toBe('000042');
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
      expect(formatCode(n)).toMatch(/^\d{6}$/);
    }));
    expect(() => formatCode(1_000_000)).toThrow();
    expect(() => formatCode(-1)).toThrow();
  });

  it('accepts typed codes with spaces or full-width digits, refuses others', () => {
    expect(isWellFormedCode('123 456')).toBe(true);
    expect(isWellFormedCode('１２３４５６')).toBe(true);
    expect(isWellFormedCode('12345')).toBe(false);
    expect(isWellFormedCode('12345a')).toBe(false);
  });

  const sent = new Date('2026-11-22T08:00:00Z');
  const stored = { expiresAt: new Date(sent.getTime() + otpRules.ttlSeconds * 1000), attempts: 0, consumedAt: null };

  it('is usable for ten minutes and not a millisecond longer', () => {
    expect(codeState(stored, new Date(sent.getTime() + 9 * 60_000 + 59_999))).toBe('usable');
    expect(codeState(stored, new Date(sent.getTime() + 10 * 60_000))).toBe('expired');
  });

  it('dies on the fifth wrong try, and once used', () => {
    expect(codeState({ ...stored, attempts: 4 }, sent)).toBe('usable');
    expect(codeState({ ...stored, attempts: 5 }, sent)).toBe('exhausted');
    expect(codeState({ ...stored, consumedAt: sent }, sent)).toBe('consumed');
  });

  it('may be resent 60 seconds after the last one', () => {
    expect(resendAvailableAt(sent).getTime() - sent.getTime()).toBe(60_000);
  });
});
