import { isIanaTimeZone } from './dates';
import type { ContactPolicy } from './policy';

/**
 * Whether Concord may contact a borrower now, under the strictest of the rules
 * in force (DESIGN.md; the limits and their legal sources are in policy.ts):
 *
 * - Hours: only inside the creditor's contact window (within 08:00–22:00,
 *   default 08:00–21:00) and outside the borrower's own quiet hours, in the
 *   borrower's time zone. This holds for every message, mandatory or not.
 * - Opt-outs: a borrower may refuse a channel for non-mandatory messages.
 * - Counts, per channel class, over outbound contact that was made or
 *   attempted (blocked attempts are recorded but not counted; inbound contact
 *   is not counted):
 *   · calls and visits: at most maxEffectivePerDay effective conversations and
 *     maxUnansweredAttemptsPerDay unanswered attempts per local day, and
 *     maxAttemptsPer7Days attempts in any 7 days (a rolling 168 hours);
 *   · automated messages (SMS, e-mail, letters): maxMessagesPerDay per local
 *     day and maxMessagesPer7Days in any 7 days.
 *   A mandatory message (one the law or the agreement requires, such as a
 *   notice of breach) ignores opt-outs and counts, never the hours.
 * - In-app messages, which the borrower reads when they choose, are not
 *   contact: no rule applies to them.
 *
 * API: mayContact(request) decides for one moment; nextContactMoment(request)
 * gives the earliest moment from request.now at which the same request would
 * be allowed (to defer a blocked message), or null when it never would (an
 * opt-out, a limit of zero, an invalid time zone). Both are pure: the caller
 * passes `now`, the borrower's time zone and preferences, the history of
 * contact (every record, any channel) and the creditor's contact policy.
 */
export type ContactChannel = 'sms' | 'email' | 'phone' | 'letter' | 'visit' | 'in_app';

export type ContactHistoryEntry = {
  at: Date;
  channel: ContactChannel;
  outcome: 'effective' | 'unanswered' | 'attempted' | 'blocked';
  /** Inbound contact (the borrower called in) is recorded but never counted; outbound by default. */
  direction?: 'outbound' | 'inbound';
};

export type ContactRequest = {
  channel: ContactChannel;
  /** A message the law or the agreement requires (e.g. a notice of breach) ignores opt-outs and counts, never the hours. */
  mandatory: boolean;
  now: Date;
  /** The borrower's IANA time zone (e.g. Asia/Shanghai); an unknown zone refuses all contact ('contact.timeZone'). */
  timeZone: string;
  quietHours?: { start: string; end: string };
  optOut?: Partial<Record<ContactChannel, boolean>>;
  history: readonly ContactHistoryEntry[];
  policy: { contact: ContactPolicy };
};

export type ContactRule =
  | 'contact.timeZone'
  | 'contact.hours'
  | 'contact.quietHours'
  | 'contact.optOut'
  | 'contact.dailyEffective'
  | 'contact.dailyUnanswered'
  | 'contact.weeklyAttempts'
  | 'contact.dailyMessages'
  | 'contact.weeklyMessages';

export type ContactDecision = { allowed: true } | { allowed: false; rule: ContactRule };

type ChannelClass = 'call' | 'message' | 'none';
/** Calls and visits are calls; SMS, e-mail and letters are (automated) messages; in-app is not contact. */
export function channelClass(channel: ContactChannel): ChannelClass {
  if (channel === 'phone' || channel === 'visit') return 'call';
  if (channel === 'in_app') return 'none';
  return 'message';
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const weekMs = 7 * 86_400_000;

const localParts = new Map<string, Intl.DateTimeFormat>();

/** Minute of the day and calendar day of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): { minute: number; day: string } {
  let format = localParts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    localParts.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { minute: Number(parts.hour) * 60 + Number(parts.minute), day: `${parts.year}-${parts.month}-${parts.day}` };
}

/** Is a minute of the day inside [start, end)? Quiet hours may wrap midnight (22:00–07:00); the contact window never does. */
function within(minute: number, start: string, end: string) {
  const s = minutesOf(start);
  const e = minutesOf(end);
  return s <= e ? minute >= s && minute < e : minute >= s || minute < e;
}

/** The hours rules alone (window and quiet hours), which every message obeys. */
function hoursRule(request: ContactRequest, minute: number): ContactRule | null {
  const { windowStart, windowEnd } = request.policy.contact;
  if (!within(minute, windowStart, windowEnd)) return 'contact.hours';
  if (request.quietHours && within(minute, request.quietHours.start, request.quietHours.end)) return 'contact.quietHours';
  return null;
}

/** The counting rules for a non-mandatory request at `now` (local day `day`). */
function countsRule(request: ContactRequest, now: Date, day: string): ContactRule | null {
  const kind = channelClass(request.channel);
  const c = request.policy.contact;
  const counted = request.history.filter((h) => h.outcome !== 'blocked' && (h.direction ?? 'outbound') === 'outbound' && channelClass(h.channel) === kind);
  const today = counted.filter((h) => localTime(h.at, request.timeZone).day === day);
  const thisWeek = counted.filter((h) => h.at.getTime() > now.getTime() - weekMs);
  if (kind === 'call') {
    if (today.filter((h) => h.outcome === 'effective').length >= c.maxEffectivePerDay) return 'contact.dailyEffective';
    if (today.filter((h) => h.outcome === 'unanswered').length >= c.maxUnansweredAttemptsPerDay) return 'contact.dailyUnanswered';
    if (thisWeek.length >= c.maxAttemptsPer7Days) return 'contact.weeklyAttempts';
  } else {
    if (today.length >= c.maxMessagesPerDay) return 'contact.dailyMessages';
    if (thisWeek.length >= c.maxMessagesPer7Days) return 'contact.weeklyMessages';
  }
  return null;
}

export function mayContact(request: ContactRequest): ContactDecision {
  if (channelClass(request.channel) === 'none') return { allowed: true };
  if (!isIanaTimeZone(request.timeZone)) return { allowed: false, rule: 'contact.timeZone' };
  const { minute, day } = localTime(request.now, request.timeZone);
  const hours = hoursRule(request, minute);
  if (hours) return { allowed: false, rule: hours };
  if (request.mandatory) return { allowed: true };
  if (request.optOut?.[request.channel]) return { allowed: false, rule: 'contact.optOut' };
  const counts = countsRule(request, request.now, day);
  return counts ? { allowed: false, rule: counts } : { allowed: true };
}

/** The UTC instant of a wall-clock minute, `days` local days after `day`, in a time zone (the first such instant when clocks go back). */
function instantOf(day: string, days: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + days, 0, minute);
  const wallAt = (instant: number) => {
    const local = localTime(new Date(instant), timeZone);
    return Date.UTC(Number(local.day.slice(0, 4)), Number(local.day.slice(5, 7)) - 1, Number(local.day.slice(8, 10)), 0, local.minute);
  };
  // Take off the zone's offset at the guess, then again at the corrected guess (the offset may differ across a change of clocks).
  const guess = wall + (wall - wallAt(wall));
  return guess + (wall - wallAt(guess));
}

/**
 * The earliest moment at or after request.now (to the minute) at which
 * mayContact would allow the request, assuming no other contact is made in
 * between; null when it never would.
 *
 * The candidates are the moments a rule can start to allow: now; each day's
 * window start and quiet-hours end in the borrower's time zone; and the
 * moment each counted contact drops out of the rolling 7 days. Each is
 * checked with mayContact itself, in time order. Every count clears within
 * seven days, and a contact leaving the week after the window has closed
 * clears by the next morning: the openings of nine days (today and eight more)
 * are enough.
 */
export function nextContactMoment(request: ContactRequest): Date | null {
  if (mayContact(request).allowed) return request.now;
  if (!isIanaTimeZone(request.timeZone)) return null;
  const today = localTime(request.now, request.timeZone).day;
  const openings = [minutesOf(request.policy.contact.windowStart), ...(request.quietHours ? [minutesOf(request.quietHours.end)] : [])];
  const candidates: number[] = [];
  for (let d = 0; d <= 8; d++) for (const minute of openings) candidates.push(instantOf(today, d, minute, request.timeZone));
  // The first whole minute each contact no longer counts.
  for (const h of request.history) candidates.push(Math.ceil((h.at.getTime() + weekMs) / 60_000) * 60_000);
  const later = candidates.filter((ms) => ms > request.now.getTime()).sort((a, b) => a - b);
  for (const ms of later) if (mayContact({ ...request, now: new Date(ms) }).allowed) return new Date(ms);
  return null;
}
