import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localTime, mayContact, type ContactRequest } from './contact-rules';
import { defaultPolicy } from './policy';

// 2026-11-23 is a Monday; Asia/Shanghai is UTC+8 all year.
const at = (local: string) => new Date(`${local}+08:00`);
const base: ContactRequest = { channel: 'sms', mandatory: false, now: at('2026-11-23T10:00:00'), timeZone: 'Asia/Shanghai', history: [], policy: defaultPolicy };

describe('contact rules', () => {
  it('allow contact inside 08:00–21:00 in the borrower’s time zone and refuse it outside', () => {
    expect(mayContact({ ...base, now: at('2026-11-23T08:00:00') })).toEqual({ allowed: true });
    expect(mayContact({ ...base, now: at('2026-11-23T20:59:00') })).toEqual({ allowed: true });
    expect(mayContact({ ...base, now: at('2026-11-23T21:00:00') })).toEqual({ allowed: false, rule: 'contact.hours' });
    expect(mayContact({ ...base, now: at('2026-11-23T07:59:00') })).toEqual({ allowed: false, rule: 'contact.hours' });
    // 10:00 in Shanghai is 02:00 in London, for a borrower who lives there.
    expect(mayContact({ ...base, timeZone: 'Europe/London' })).toEqual({ allowed: false, rule: 'contact.hours' });
  });

  it('respect quiet hours the borrower chose, even when they wrap midnight', () => {
    expect(mayContact({ ...base, quietHours: { start: '09:30', end: '11:00' } })).toEqual({ allowed: false, rule: 'contact.quietHours' });
    expect(mayContact({ ...base, now: at('2026-11-23T20:30:00'), quietHours: { start: '20:00', end: '07:00' } })).toEqual({ allowed: false, rule: 'contact.quietHours' });
    expect(mayContact({ ...base, quietHours: { start: '20:00', end: '07:00' } })).toEqual({ allowed: true });
  });

  it('honour a per-channel opt-out for non-mandatory messages only', () => {
    expect(mayContact({ ...base, optOut: { sms: true } })).toEqual({ allowed: false, rule: 'contact.optOut' });
    expect(mayContact({ ...base, optOut: { sms: true }, mandatory: true })).toEqual({ allowed: true });
    expect(mayContact({ ...base, optOut: { email: true } })).toEqual({ allowed: true });
  });

  it('count effective conversations and unanswered attempts per local day', () => {
    const effective = (time: string) => ({ at: at(time), outcome: 'effective' as const });
    expect(mayContact({ ...base, history: [effective('2026-11-23T08:10:00'), effective('2026-11-23T09:00:00')] })).toEqual({ allowed: true });
    expect(mayContact({ ...base, history: [effective('2026-11-23T08:10:00'), effective('2026-11-23T09:00:00'), effective('2026-11-23T09:30:00')] })).toEqual({
      allowed: false,
      rule: 'contact.dailyEffective',
    });
    // Yesterday's do not count today (in the borrower's day, not UTC's).
    expect(mayContact({ ...base, history: [effective('2026-11-22T20:00:00'), effective('2026-11-22T20:10:00'), effective('2026-11-22T20:20:00')] })).toEqual({ allowed: true });
    const unanswered = Array.from({ length: 6 }, (_, i) => ({ at: at(`2026-11-23T08:0${i}:00`), outcome: 'unanswered' as const }));
    expect(mayContact({ ...base, history: unanswered })).toEqual({ allowed: false, rule: 'contact.dailyUnanswered' });
  });

  it('allow at most seven attempts in seven days; blocked ones are recorded but not counted', () => {
    const week = Array.from({ length: 7 }, (_, i) => ({ at: at(`2026-11-${String(17 + i).padStart(2, '0')}T12:00:00`), outcome: 'attempted' as const }));
    expect(mayContact({ ...base, history: week })).toEqual({ allowed: false, rule: 'contact.weeklyAttempts' });
    expect(mayContact({ ...base, history: week.slice(1) })).toEqual({ allowed: true });
    expect(mayContact({ ...base, history: week.map((h) => ({ ...h, outcome: 'blocked' as const })) })).toEqual({ allowed: true });
  });

  it('never limit in-app messages, which the borrower reads when they choose', () => {
    expect(mayContact({ ...base, channel: 'in_app', now: at('2026-11-23T23:30:00') })).toEqual({ allowed: true });
  });

  it('never allow contact between 21:00 and 08:00, whatever else holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 * 60 - 1 }), fc.boolean(), fc.constantFrom('sms' as const, 'email' as const, 'phone' as const), (minute, mandatory, channel) => {
        const now = new Date(Date.UTC(2026, 10, 23, 0, minute) - 8 * 3_600_000);
        expect(localTime(now, 'Asia/Shanghai').minute).toBe(minute);
        const decision = mayContact({ ...base, now, mandatory, channel });
        if (minute < 8 * 60 || minute >= 21 * 60) expect(decision).toEqual({ allowed: false, rule: 'contact.hours' });
        else expect(decision.allowed).toBe(true);
      }),
    );
  });
});
