import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, rateLimits, windowEnd, windowStart } from './rate-limit';

describe('fixed rate-limit windows', () => {
  it('puts every moment in the window that contains it, aligned to the window length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.constantFrom(60, 900, 3600, 86_400), (ms, seconds) => {
        const now = new Date(ms);
        const start = windowStart(now, seconds);
        expect(start.getTime() % (seconds * 1000)).toBe(0);
        expect(start.getTime()).toBeLessThanOrEqual(ms);
        expect(windowEnd(now, seconds).getTime()).toBeGreaterThan(ms);
        expect(windowEnd(now, seconds).getTime() - start.getTime()).toBe(seconds * 1000);
      }),
    );
  });

  it('gives two moments the same window only when they are in the same hour', () => {
    const a = new Date('2026-11-22T08:59:59.999Z');
    const b = new Date('2026-11-22T09:00:00.000Z');
    expect(windowStart(a, 3600)).not.toEqual(windowStart(b, 3600));
    expect(windowStart(b, 3600)).toEqual(windowStart(new Date('2026-11-22T09:59:59Z'), 3600));
  });

  it('allows up to the limit and refuses the next, until the window ends', () => {
    const rule = rateLimits.codePerPhone;
    const now = new Date('2026-11-22T08:30:00Z');
    expect(decide(rule, rule.limit, now)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = decide(rule, rule.limit + 1, now);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAt.toISOString()).toBe('2026-11-22T09:00:00.000Z');
  });
});
