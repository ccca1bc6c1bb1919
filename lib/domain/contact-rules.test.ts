import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelClass, localTime, mayContact, nextContactMoment, type ContactChannel, type ContactHistoryEntry, type ContactRequest } from './contact-rules';
import { creditorPolicySchema, defaultPolicy } from './policy';

// 2026-11-23 is a Monday; Asia/Shanghai is UTC+8 all year.
const at = (local: string) => new Date(`${local}+08:00`);
const base: ContactRequest = { channel: 'sms', mandatory: false, now: at('2026-11-23T10:00:00'), timeZone: 'Asia/Shanghai', history: [], policy: defaultPolicy };
const entry = (local: string, channel: ContactChannel, outcome: ContactHistoryEntry['outcome'] = 'attempted'): ContactHistoryEntry => ({ at: at(local), channel, outcome });

describe('contact rules', () => {
  it('allow contact inside 08:00–21:00 in the borrower’s time zone and refuse it outside', () => {
    expect(mayContact({ ...base, now: at('2026-11-23T08:00:00') })).toEqual({ allowed: true });
    expect(mayContact({ ...base, now: at('2026-11-23T20:59:00') })).toEqual({ allowed: true });
    expect(mayContact({ ...base, now: at('2026-11-23T21:00:00') })).toEqual({ allowed: false, rule: 'contact.hours' });
    expect(mayContact({ ...base, now: at('2026-11-23T07:59:00') })).toEqual({ allowed: false, rule: 'contact.hours' });
    // 10:00 in Shanghai is 02:00 in London, for a borrower who lives there.
    expect(mayContact({ ...base, timeZone: 'Europe/London' })).toEqual({ allowed: false, rule: 'contact.hours' });
  });

  it('defect 4: an unknown time zone refuses contact instead of throwing', () => {
    expect(mayContact({ ...base, timeZone: 'Mars/Olympus_Mons' })).toEqual({ allowed: false, rule: 'contact.timeZone' });
    expect(mayContact({ ...base, timeZone: 'UTC+8' })).toEqual({ allowed: false, rule: 'contact.timeZone' });
    expect(nextContactMoment({ ...base, timeZone: 'Mars/Olympus_Mons' })).toBeNull();
  });

  it('sorts channels into calls, messages and the in-app inbox', () => {
    expect((['phone', 'visit', 'sms', 'email', 'letter', 'in_app'] as const).map(channelClass)).toEqual(['call', 'call', 'message', 'message', 'message', 'none']);
  });

  it('respect quiet hours the borrower chose, even when they wrap midnight', () => {
    expect(mayContact({ ...base, quietHours: { start: '09:30', end: '11:00' } })).toEqual({ allowed: false, rule: 'contact.quietHours' });
    expect(mayContact({ ...base, now: at('2026-11-23T20:00:00'), quietHours: { start: '20:00', end: '07:00' } })).toEqual({ allowed: false, rule: 'contact.quietHours' });
    expect(mayContact({ ...base, now: at('2026-11-23T19:59:00'), quietHours: { start: '20:00', end: '07:00' } })).toEqual({ allowed: true });
    // Quiet hours that start and end at the same time are none at all.
    expect(mayContact({ ...base, quietHours: { start: '10:00', end: '10:00' } })).toEqual({ allowed: true });
    expect(mayContact({ ...base, now: at('2026-11-23T20:30:00'), quietHours: { start: '20:00', end: '07:00' } })).toEqual({ allowed: false, rule: 'contact.quietHours' });
    expect(mayContact({ ...base, quietHours: { start: '20:00', end: '07:00' } })).toEqual({ allowed: true });
  });

  it('honour a per-channel opt-out for non-mandatory messages only', () => {
    expect(mayContact({ ...base, optOut: { sms: true } })).toEqual({ allowed: false, rule: 'contact.optOut' });
    expect(mayContact({ ...base, optOut: { sms: true }, mandatory: true })).toEqual({ allowed: true });
    expect(mayContact({ ...base, optOut: { email: true } })).toEqual({ allowed: true });
  });

  it('count effective conversations and unanswered attempts per local day, for calls and visits', () => {
    const call = { ...base, channel: 'phone' as const };
    const effective = (time: string) => entry(time, 'phone', 'effective');
    expect(mayContact({ ...call, history: [effective('2026-11-23T08:10:00'), effective('2026-11-23T09:00:00')] })).toEqual({ allowed: true });
    const three = [effective('2026-11-23T08:10:00'), entry('2026-11-23T09:00:00', 'visit', 'effective'), effective('2026-11-23T09:30:00')];
    expect(mayContact({ ...call, history: three })).toEqual({ allowed: false, rule: 'contact.dailyEffective' });
    expect(mayContact({ ...call, channel: 'visit', history: three })).toEqual({ allowed: false, rule: 'contact.dailyEffective' });
    // Yesterday's do not count today (in the borrower's day, not UTC's).
    expect(mayContact({ ...call, history: [effective('2026-11-22T20:00:00'), effective('2026-11-22T20:10:00'), effective('2026-11-22T20:20:00')] })).toEqual({ allowed: true });
    const unanswered = Array.from({ length: 6 }, (_, i) => entry(`2026-11-23T08:0${i}:00`, 'phone', 'unanswered'));
    expect(mayContact({ ...call, history: unanswered })).toEqual({ allowed: false, rule: 'contact.dailyUnanswered' });
    // Attempts with other outcomes are not unanswered ones: two conversations and four other attempts leave room.
    const mixed = [effective('2026-11-23T08:10:00'), effective('2026-11-23T08:20:00'), ...Array.from({ length: 4 }, (_, i) => entry(`2026-11-23T09:0${i}:00`, 'phone', 'attempted'))];
    expect(mayContact({ ...call, history: mixed })).toEqual({ allowed: true });
    // An inbound call (the borrower rang) is not contact made by the creditor.
    expect(mayContact({ ...call, history: three.map((h) => ({ ...h, direction: 'inbound' as const })) })).toEqual({ allowed: true });
  });

  it('allow at most seven call attempts in seven days; blocked ones are recorded but not counted', () => {
    const call = { ...base, channel: 'phone' as const };
    const week = Array.from({ length: 7 }, (_, i) => entry(`2026-11-${String(17 + i).padStart(2, '0')}T09:00:00`, 'phone'));
    expect(mayContact({ ...call, history: week })).toEqual({ allowed: false, rule: 'contact.weeklyAttempts' });
    expect(mayContact({ ...call, history: week.slice(1) })).toEqual({ allowed: true });
    expect(mayContact({ ...call, history: week.map((h) => ({ ...h, outcome: 'blocked' as const })) })).toEqual({ allowed: true });
  });

  it('defect 5: routine SMS reminders never block a mandatory notice, and never count against calls', () => {
    // Seven reminders in the week, two of them today: routine messages have reached their limits…
    const reminders = [17, 18, 19, 20, 21].map((d) => entry(`2026-11-${d}T11:00:00`, 'sms')).concat([entry('2026-11-23T08:30:00', 'sms'), entry('2026-11-23T09:00:00', 'email')]);
    expect(mayContact({ ...base, history: reminders })).toEqual({ allowed: false, rule: 'contact.dailyMessages' });
    expect(mayContact({ ...base, now: at('2026-11-24T10:00:00'), history: reminders })).toEqual({ allowed: false, rule: 'contact.weeklyMessages' });
    // …but a notice of breach (mandatory) goes, by SMS or by letter, and a mediator may still call.
    expect(mayContact({ ...base, mandatory: true, history: reminders })).toEqual({ allowed: true });
    expect(mayContact({ ...base, channel: 'letter', mandatory: true, history: reminders })).toEqual({ allowed: true });
    expect(mayContact({ ...base, channel: 'phone', history: reminders })).toEqual({ allowed: true });
    // A mandatory notice still waits for the hours and the borrower's quiet hours.
    expect(mayContact({ ...base, mandatory: true, now: at('2026-11-23T21:30:00'), history: reminders })).toEqual({ allowed: false, rule: 'contact.hours' });
    expect(mayContact({ ...base, mandatory: true, quietHours: { start: '09:00', end: '12:00' } })).toEqual({ allowed: false, rule: 'contact.quietHours' });
  });

  it('never limit in-app messages, which the borrower reads when they choose', () => {
    expect(mayContact({ ...base, channel: 'in_app', now: at('2026-11-23T23:30:00') })).toEqual({ allowed: true });
    expect(nextContactMoment({ ...base, channel: 'in_app', now: at('2026-11-23T23:30:00') })).toEqual(at('2026-11-23T23:30:00'));
  });

  it('a creditor may tighten the hours and the limits', () => {
    const tight = creditorPolicySchema.parse({ contact: { windowStart: '09:00', windowEnd: '18:00', maxMessagesPerDay: 1 } });
    expect(mayContact({ ...base, policy: tight, now: at('2026-11-23T08:30:00') })).toEqual({ allowed: false, rule: 'contact.hours' });
    expect(mayContact({ ...base, policy: tight, history: [entry('2026-11-23T09:10:00', 'sms')] })).toEqual({ allowed: false, rule: 'contact.dailyMessages' });
  });
});

describe('the next moment contact is allowed', () => {
  it('is now when allowed now, else the next opening of the window, past quiet hours and daily limits', () => {
    expect(nextContactMoment(base)).toEqual(base.now);
    expect(nextContactMoment({ ...base, now: at('2026-11-23T22:15:00') })).toEqual(at('2026-11-24T08:00:00'));
    expect(nextContactMoment({ ...base, now: at('2026-11-23T06:00:00') })).toEqual(at('2026-11-23T08:00:00'));
    expect(nextContactMoment({ ...base, now: at('2026-11-23T06:00:00'), quietHours: { start: '22:00', end: '09:30' } })).toEqual(at('2026-11-23T09:30:00'));
    // Two messages today: tomorrow at 08:00.
    const today = [entry('2026-11-23T08:30:00', 'sms'), entry('2026-11-23T09:00:00', 'sms')];
    expect(nextContactMoment({ ...base, history: today })).toEqual(at('2026-11-24T08:00:00'));
  });

  it('waits for the oldest counted contact to leave the seven days', () => {
    // Seven calls, one a day at 09:00 from the 17th: the first leaves the rolling week at 09:00 on the 24th.
    const week = Array.from({ length: 7 }, (_, i) => entry(`2026-11-${String(17 + i).padStart(2, '0')}T09:00:00`, 'phone'));
    expect(nextContactMoment({ ...base, channel: 'phone', history: week })).toEqual(at('2026-11-24T09:00:00'));
    // A call at 20:59:30 seven days ago leaves the week at 20:59:30 tonight: the first whole minute after is 21:00, when
    // the window has closed, so the next morning.
    const late = [...week.slice(1), entry('2026-11-16T20:59:30', 'phone')];
    expect(mayContact({ ...base, channel: 'phone', now: at('2026-11-23T20:58:00'), history: late })).toEqual({ allowed: false, rule: 'contact.weeklyAttempts' });
    expect(nextContactMoment({ ...base, channel: 'phone', now: at('2026-11-23T20:58:00'), history: late })).toEqual(at('2026-11-24T08:00:00'));
  });

  it('looks as far as the eighth morning: a week of calls made just before the window closed', () => {
    // Seven attempts at 20:59:30–36 today: they leave the rolling week at 21:00 a week later, when the window is shut.
    const burst = Array.from({ length: 7 }, (_, i) => entry(`2026-11-23T20:59:3${i}`, 'phone'));
    const now = at('2026-11-23T20:59:50');
    expect(nextContactMoment({ ...base, channel: 'phone', now, history: burst })).toEqual(at('2026-12-01T08:00:00'));
  });

  it('finds the window’s opening across a change of clocks (New York, 8 March 2026)', () => {
    // Clocks go forward at 02:00 on 8 March: 08:00 that morning is 12:00 UTC (the day before, 08:00 was 13:00 UTC).
    const evening = new Date('2026-03-08T03:30:00Z'); // 22:30 on 7 March, EST
    expect(nextContactMoment({ ...base, timeZone: 'America/New_York', now: evening })).toEqual(new Date('2026-03-08T12:00:00Z'));
    // …and back on 1 November: 08:00 is 13:00 UTC again.
    expect(nextContactMoment({ ...base, timeZone: 'America/New_York', now: new Date('2026-11-01T02:30:00Z') })).toEqual(new Date('2026-11-01T13:00:00Z'));
  });

  it('finds the window’s opening when the clocks change between midnight and the opening (Los Angeles, 8 March 2026)', () => {
    // 08:00 UTC is midnight PST; the clocks go forward at 02:00 (10:00 UTC): 08:00 PDT that morning is 15:00 UTC.
    // (A first guess from midnight's offset lands at 09:00 PDT: the second correction brings it back an hour.)
    expect(nextContactMoment({ ...base, timeZone: 'America/Los_Angeles', now: new Date('2026-03-08T12:00:00Z') })).toEqual(new Date('2026-03-08T15:00:00Z'));
  });

  it('is null when the request could never be allowed', () => {
    expect(nextContactMoment({ ...base, optOut: { sms: true } })).toBeNull();
    expect(nextContactMoment({ ...base, policy: creditorPolicySchema.parse({ contact: { maxMessagesPerDay: 0 } }) })).toBeNull();
    expect(nextContactMoment({ ...base, optOut: { sms: true }, mandatory: true })).toEqual(base.now);
  });

  it('is allowed, and no whole minute before it is (checked minute by minute)', () => {
    const channel = fc.constantFrom<ContactChannel>('sms', 'email', 'phone', 'visit', 'letter');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * 24 * 60 - 1 }),
        channel,
        fc.boolean(),
        fc.array(fc.record({ minutesAgo: fc.integer({ min: 1, max: 8 * 24 * 60 }), channel, outcome: fc.constantFrom('effective' as const, 'unanswered' as const, 'attempted' as const, 'blocked' as const) }), { maxLength: 12 }),
        fc.option(fc.record({ start: fc.integer({ min: 0, max: 23 }), length: fc.integer({ min: 1, max: 10 }) }), { nil: undefined }),
        (minute, ch, mandatory, past, quiet) => {
          const now = new Date(at('2026-11-20T00:00:00').getTime() + minute * 60_000);
          const history = past.map((p) => ({ at: new Date(now.getTime() - p.minutesAgo * 60_000), channel: p.channel, outcome: p.outcome }));
          const quietHours = quiet && { start: `${String(quiet.start).padStart(2, '0')}:00`, end: `${String((quiet.start + quiet.length) % 24).padStart(2, '0')}:00` };
          const request: ContactRequest = { ...base, channel: ch, mandatory, now, history, ...(quietHours ? { quietHours } : {}) };
          const next = nextContactMoment(request);
          if (next === null) {
            // Never within the nine days searched: no minute of the next day and a half allows it either.
            for (let m = 0; m < 36 * 60; m += 7) expect(mayContact({ ...request, now: new Date(now.getTime() + m * 60_000) }).allowed).toBe(false);
            return;
          }
          expect(next.getTime()).toBeGreaterThanOrEqual(now.getTime());
          expect(mayContact({ ...request, now: next }).allowed).toBe(true);
          const firstMinute = Math.ceil(now.getTime() / 60_000) * 60_000;
          for (let t = firstMinute; t < next.getTime(); t += 60_000) {
            if (mayContact({ ...request, now: new Date(t) }).allowed) expect.fail(`allowed at ${new Date(t).toISOString()} before ${next.toISOString()}`);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 30_000);

  it('never allows contact between 21:00 and 08:00, whatever else holds', () => {
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
