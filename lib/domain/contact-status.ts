import { daysBetween } from './dates';
import { channelClass, localTime, mayContact, nextContactMoment, type ContactChannel, type ContactHistoryEntry, type ContactRequest, type ContactRule } from './contact-rules';

/**
 * Where a borrower stands against the contact rules right now, as the case file's status line says it:
 * "2 of 3 conversations today, 5 of 7 call attempts this week, next allowed at 08:00 tomorrow".
 * Counted exactly as the rules count (lib/domain/contact-rules.ts): outbound contact made or attempted, blocked
 * attempts and inbound contact left out, calls (and visits) apart from automated messages, "today" the borrower's
 * local day, "this week" the last 7 × 24 hours.
 */
export type ContactStatus = {
  calls: { conversationsToday: number; maxConversations: number; unansweredToday: number; maxUnanswered: number; attemptsThisWeek: number; maxAttempts: number };
  messages: { today: number; maxPerDay: number; thisWeek: number; maxPerWeek: number };
  /** Each channel now: allowed, or the rule that refuses it and the next moment it would be allowed (null: not within the coming days). */
  channels: Record<Exclude<ContactChannel, 'in_app'>, ChannelNow>;
};
export type ChannelNow = { allowed: true } | { allowed: false; rule: ContactRule; next: NextMoment | null };
/** A moment as the borrower's clock reads it: which day (relative to now) and the time of day. */
export type NextMoment = { at: Date; day: 'today' | 'tomorrow' | string; time: string };

const weekMs = 7 * 86_400_000;
const staffChannels = ['phone', 'sms', 'email', 'letter', 'visit'] as const;

export function contactStatus(request: Omit<ContactRequest, 'channel' | 'mandatory'>): ContactStatus {
  const { now, timeZone, history } = request;
  const today = localTime(now, timeZone).day;
  const counted = (kind: 'call' | 'message') => history.filter((h) => h.outcome !== 'blocked' && (h.direction ?? 'outbound') === 'outbound' && channelClass(h.channel) === kind);
  const onDay = (entries: ContactHistoryEntry[]) => entries.filter((h) => localTime(h.at, timeZone).day === today);
  const inWeek = (entries: ContactHistoryEntry[]) => entries.filter((h) => h.at.getTime() > now.getTime() - weekMs);
  const calls = counted('call');
  const messages = counted('message');
  const c = request.policy.contact;
  const limits = c as typeof c & { maxMessagesPerDay?: number; maxMessagesPer7Days?: number };
  const channels = Object.fromEntries(
    staffChannels.map((channel) => {
      const full: ContactRequest = { ...request, channel, mandatory: false };
      const decision = mayContact(full);
      if (decision.allowed) return [channel, { allowed: true }];
      const at = nextContactMoment(full);
      return [channel, { allowed: false, rule: decision.rule, next: at ? momentIn(at, now, timeZone) : null }];
    }),
  ) as ContactStatus['channels'];
  return {
    calls: {
      conversationsToday: onDay(calls).filter((h) => h.outcome === 'effective').length,
      maxConversations: c.maxEffectivePerDay,
      unansweredToday: onDay(calls).filter((h) => h.outcome === 'unanswered').length,
      maxUnanswered: c.maxUnansweredAttemptsPerDay,
      attemptsThisWeek: inWeek(calls).length,
      maxAttempts: c.maxAttemptsPer7Days,
    },
    messages: { today: onDay(messages).length, maxPerDay: limits.maxMessagesPerDay ?? c.maxEffectivePerDay, thisWeek: inWeek(messages).length, maxPerWeek: limits.maxMessagesPer7Days ?? c.maxAttemptsPer7Days },
    channels,
  };
}

/** An instant on the borrower's clock: "today", "tomorrow" or its date, and HH:MM. */
export function momentIn(at: Date, now: Date, timeZone: string): NextMoment {
  const local = localTime(at, timeZone);
  const from = localTime(now, timeZone).day;
  const days = daysBetween(from, local.day);
  const time = `${String(Math.floor(local.minute / 60)).padStart(2, '0')}:${String(local.minute % 60).padStart(2, '0')}`;
  return { at, day: days === 0 ? 'today' : days === 1 ? 'tomorrow' : local.day, time };
}

