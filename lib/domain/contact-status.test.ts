import { describe, expect, it } from 'vitest';
import type { ContactHistoryEntry } from './contact-rules';
import { ruleOutcome, thirdPartyRule } from './contact-record';
import { contactStatus, momentIn } from './contact-status';
import { defaultPolicy } from './policy';

// Beijing is UTC+8 all year: 2026-03-10 15:00 in Beijing is 07:00Z.
const bj = (local: string) => new Date(`${local}+08:00`);
const call = (local: string, outcome: ContactHistoryEntry['outcome'], extra: Partial<ContactHistoryEntry> = {}): ContactHistoryEntry => ({ at: bj(local), channel: 'phone', outcome, ...extra });
const base = { timeZone: 'Asia/Shanghai', policy: defaultPolicy };

describe('the contact status line', () => {
  it('counts today’s conversations and the week’s attempts as the rules do (hand-worked)', () => {
    const now = bj('2026-03-10T15:00:00');
    const history: ContactHistoryEntry[] = [
      call('2026-03-10T09:10:00', 'effective'),
      call('2026-03-10T11:00:00', 'effective'),
      call('2026-03-10T12:00:00', 'unanswered'),
      call('2026-03-10T13:00:00', 'blocked'), // blocked: recorded, not counted
      call('2026-03-10T14:00:00', 'effective', { direction: 'inbound' }), // the borrower called in: not counted
      call('2026-03-09T10:00:00', 'unanswered'), // yesterday: this week, not today
      call('2026-03-04T16:00:00', 'unanswered'), // 6 days 23 hours ago: still this week
      call('2026-03-03T14:59:00', 'unanswered'), // 7 days and a minute ago: out of the week
      { at: bj('2026-03-10T10:00:00'), channel: 'sms', outcome: 'attempted' }, // a message, counted apart
      { at: bj('2026-03-10T10:00:00'), channel: 'visit', outcome: 'effective' }, // a visit is a call
    ];
    const status = contactStatus({ ...base, now, history });
    // Conversations today: 09:10, 11:00 and the visit = 3 of 3. Unanswered today: 12:00 = 1 of 6.
    // Attempts this week: 09:10, 11:00, 12:00, visit, 03-09, 03-04 = 6 of 7.
    expect(status.calls).toEqual({ conversationsToday: 3, maxConversations: 3, unansweredToday: 1, maxUnanswered: 6, attemptsThisWeek: 6, maxAttempts: 7 });
    expect(status.messages).toMatchObject({ today: 1, thisWeek: 1 });
    // Three conversations today: no more calls until tomorrow's window opens at 08:00.
    expect(status.channels.phone).toEqual({ allowed: false, rule: 'contact.dailyEffective', next: { at: bj('2026-03-11T08:00:00'), day: 'tomorrow', time: '08:00' } });
  });

  it('says a call is allowed now inside the window with room left, and names the hours rule at night', () => {
    const history = [call('2026-03-10T09:00:00', 'effective'), call('2026-03-10T10:00:00', 'effective')];
    expect(contactStatus({ ...base, now: bj('2026-03-10T15:00:00'), history }).channels.phone).toEqual({ allowed: true });
    const night = contactStatus({ ...base, now: bj('2026-03-10T21:30:00'), history }).channels.phone;
    expect(night).toEqual({ allowed: false, rule: 'contact.hours', next: { at: bj('2026-03-11T08:00:00'), day: 'tomorrow', time: '08:00' } });
    const early = contactStatus({ ...base, now: bj('2026-03-10T06:45:00'), history: [] }).channels.phone;
    expect(early).toEqual({ allowed: false, rule: 'contact.hours', next: { at: bj('2026-03-10T08:00:00'), day: 'today', time: '08:00' } });
  });

  it('follows the borrower’s quiet hours and opt-outs', () => {
    const quiet = contactStatus({ ...base, now: bj('2026-03-10T12:30:00'), history: [], quietHours: { start: '12:00', end: '14:00' } }).channels.phone;
    expect(quiet).toEqual({ allowed: false, rule: 'contact.quietHours', next: { at: bj('2026-03-10T14:00:00'), day: 'today', time: '14:00' } });
    const optedOut = contactStatus({ ...base, now: bj('2026-03-10T12:30:00'), history: [], optOut: { sms: true } }).channels;
    expect(optedOut.sms).toEqual({ allowed: false, rule: 'contact.optOut', next: null });
    expect(optedOut.phone).toEqual({ allowed: true });
  });

  it('frees the seventh attempt when the first leaves the rolling week', () => {
    // Seven attempts, the first at 2026-03-04 09:30: the week is full until 2026-03-11 09:30.
    const history = ['04T09:30', '05T10:00', '06T10:00', '07T10:00', '08T10:00', '09T10:00', '10T09:00'].map((d) => call(`2026-03-${d}:00`, 'unanswered'));
    const phone = contactStatus({ ...base, now: bj('2026-03-10T15:00:00'), history }).channels.phone;
    expect(phone).toEqual({ allowed: false, rule: 'contact.weeklyAttempts', next: { at: bj('2026-03-11T09:30:00'), day: 'tomorrow', time: '09:30' } });
  });

  it('writes a later moment by its date', () => {
    expect(momentIn(bj('2026-03-13T08:00:00'), bj('2026-03-10T22:00:00'), 'Asia/Shanghai')).toMatchObject({ day: '2026-03-13', time: '08:00' });
  });
});

describe('recording a contact', () => {
  it('lets a third party be reached only by call or visit, never told of the debt, never promising for the borrower', () => {
    const ok = { party: 'third_party' as const, channel: 'phone' as const, result: 'reached' as const, noDebtDisclosed: true };
    expect(thirdPartyRule(ok)).toBeNull();
    expect(thirdPartyRule({ ...ok, channel: 'sms' })).toBe('contact.thirdPartyChannel');
    expect(thirdPartyRule({ ...ok, channel: 'letter' })).toBe('contact.thirdPartyChannel');
    expect(thirdPartyRule({ ...ok, noDebtDisclosed: false })).toBe('contact.thirdPartyDisclosure');
    expect(thirdPartyRule({ ...ok, result: 'promise_to_pay' })).toBe('contact.thirdPartyResult');
    expect(thirdPartyRule({ ...ok, party: 'borrower', channel: 'sms', noDebtDisclosed: false })).toBeNull();
  });
  it('counts a conversation with the borrower as effective, no answer as unanswered, the rest as attempts', () => {
    expect(ruleOutcome({ party: 'borrower', channel: 'phone', result: 'promise_to_pay' })).toBe('effective');
    expect(ruleOutcome({ party: 'borrower', channel: 'visit', result: 'refused' })).toBe('effective');
    expect(ruleOutcome({ party: 'borrower', channel: 'phone', result: 'wrong_number' })).toBe('unanswered');
    expect(ruleOutcome({ party: 'third_party', channel: 'phone', result: 'reached' })).toBe('attempted');
    expect(ruleOutcome({ party: 'borrower', channel: 'sms', result: 'reached' })).toBe('attempted');
  });
});
