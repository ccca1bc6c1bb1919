import { localTime, mayContact as mayContactOnMain, type ContactChannel, type ContactRule as MainRule } from './contact-rules';
import type { CreditorPolicy } from './policy';

/**
 * TEMPORARY thin adapter, deleted when issue 10's contact rules land on main (it gives them this very API:
 * `git show i10:lib/domain/contact-rules.ts`): history entries carry their channel and direction, calls and
 * automated messages are counted apart, nextContactMoment gives the next allowed moment. Until then it shapes
 * main's mayContact to that API — it only chooses which history the rules see (outbound, same kind of channel)
 * and tries the moments a rule can start to allow; the rules themselves are main's. Callers import from here
 * and switch to './contact-rules' at the merge.
 */
export type { ContactChannel };
export type ContactHistoryEntry = {
  at: Date;
  channel: ContactChannel;
  outcome: 'effective' | 'unanswered' | 'attempted' | 'blocked';
  direction?: 'outbound' | 'inbound';
};
export type ContactPolicy = CreditorPolicy['contact'];
export type ContactRequest = {
  channel: ContactChannel;
  mandatory: boolean;
  now: Date;
  timeZone: string;
  quietHours?: { start: string; end: string };
  optOut?: Partial<Record<ContactChannel, boolean>>;
  history: readonly ContactHistoryEntry[];
  policy: { contact: ContactPolicy };
};
export type ContactRule = MainRule | 'contact.timeZone' | 'contact.dailyMessages' | 'contact.weeklyMessages';
export type ContactDecision = { allowed: true } | { allowed: false; rule: ContactRule };

type ChannelClass = 'call' | 'message' | 'none';
export function channelClass(channel: ContactChannel): ChannelClass {
  if (channel === 'phone' || channel === 'visit') return 'call';
  if (channel === 'in_app') return 'none';
  return 'message';
}

export { localTime };

export function mayContact(request: ContactRequest): ContactDecision {
  const kind = channelClass(request.channel);
  const history = request.history.filter((h) => (h.direction ?? 'outbound') === 'outbound' && channelClass(h.channel) === kind);
  return mayContactOnMain({ ...request, history, policy: request.policy as Pick<CreditorPolicy, 'contact'> });
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const weekMs = 7 * 86_400_000;

/** The instant of a wall-clock minute `days` local days after `day` in a time zone. */
function instantOf(day: string, days: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + days, 0, minute);
  const wallAt = (instant: number) => {
    const local = localTime(new Date(instant), timeZone);
    return Date.UTC(Number(local.day.slice(0, 4)), Number(local.day.slice(5, 7)) - 1, Number(local.day.slice(8, 10)), 0, local.minute);
  };
  const guess = wall + (wall - wallAt(wall));
  return guess + (wall - wallAt(guess));
}

/** The earliest moment from request.now at which mayContact would allow the request (no other contact in between); null if never within nine days. */
export function nextContactMoment(request: ContactRequest): Date | null {
  if (mayContact(request).allowed) return request.now;
  const today = localTime(request.now, request.timeZone).day;
  const openings = [minutesOf(request.policy.contact.windowStart), ...(request.quietHours ? [minutesOf(request.quietHours.end)] : [])];
  const candidates: number[] = [];
  for (let d = 0; d <= 8; d++) for (const minute of openings) candidates.push(instantOf(today, d, minute, request.timeZone));
  for (const h of request.history) candidates.push(Math.ceil((h.at.getTime() + weekMs) / 60_000) * 60_000);
  const later = candidates.filter((ms) => ms > request.now.getTime()).sort((a, b) => a - b);
  for (const ms of later) if (mayContact({ ...request, now: new Date(ms) }).allowed) return new Date(ms);
  return null;
}
