import type { CreditorPolicy } from './policy';

/**
 * Whether Concord may contact a borrower now, under the strictest of the rules
 * in force (DESIGN.md): the creditor's contact window in the borrower's time
 * zone (GB/T 45251-2025, Regulation F), the borrower's own quiet hours and
 * per-channel opt-outs for non-mandatory messages, at most N effective
 * conversations and M unanswered attempts a day, and K attempts in 7 days.
 */
export type ContactChannel = 'sms' | 'email' | 'phone' | 'letter' | 'visit' | 'in_app';

export type ContactHistoryEntry = { at: Date; outcome: 'effective' | 'unanswered' | 'attempted' | 'blocked' };

export type ContactRequest = {
  channel: ContactChannel;
  /** A message the law or the agreement requires (e.g. a notice of breach) ignores opt-outs, never the hours. */
  mandatory: boolean;
  now: Date;
  timeZone: string;
  quietHours?: { start: string; end: string };
  optOut?: Partial<Record<ContactChannel, boolean>>;
  history: readonly ContactHistoryEntry[];
  policy: Pick<CreditorPolicy, 'contact'>;
};

export type ContactRule = 'contact.hours' | 'contact.quietHours' | 'contact.optOut' | 'contact.dailyEffective' | 'contact.dailyUnanswered' | 'contact.weeklyAttempts';

export type ContactDecision = { allowed: true } | { allowed: false; rule: ContactRule };

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

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

/** Is a minute of the day inside [start, end)? Windows may wrap midnight (quiet hours 22:00–07:00). */
function within(minute: number, start: string, end: string) {
  const s = minutesOf(start);
  const e = minutesOf(end);
  return s <= e ? minute >= s && minute < e : minute >= s || minute < e;
}

/** Messages the borrower reads when they choose (in-app) are not contact: no rule applies to them. */
const notContact: ReadonlySet<ContactChannel> = new Set(['in_app']);

export function mayContact(request: ContactRequest): ContactDecision {
  const { channel, mandatory, now, timeZone, policy, history } = request;
  if (notContact.has(channel)) return { allowed: true };
  const { minute, day } = localTime(now, timeZone);
  if (!within(minute, policy.contact.windowStart, policy.contact.windowEnd)) return { allowed: false, rule: 'contact.hours' };
  if (request.quietHours && within(minute, request.quietHours.start, request.quietHours.end)) return { allowed: false, rule: 'contact.quietHours' };
  if (!mandatory && request.optOut?.[channel]) return { allowed: false, rule: 'contact.optOut' };
  const counted = history.filter((h) => h.outcome !== 'blocked');
  const today = counted.filter((h) => localTime(h.at, timeZone).day === day);
  if (today.filter((h) => h.outcome === 'effective').length >= policy.contact.maxEffectivePerDay) return { allowed: false, rule: 'contact.dailyEffective' };
  if (today.filter((h) => h.outcome === 'unanswered').length >= policy.contact.maxUnansweredAttemptsPerDay) return { allowed: false, rule: 'contact.dailyUnanswered' };
  const weekAgo = now.getTime() - 7 * 86_400_000;
  if (counted.filter((h) => h.at.getTime() > weekAgo).length >= policy.contact.maxAttemptsPer7Days) return { allowed: false, rule: 'contact.weeklyAttempts' };
  return { allowed: true };
}
