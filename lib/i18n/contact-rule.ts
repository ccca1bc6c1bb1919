/**
 * A contact rule's name for staff (messages: staffCaseFile.rule), from the code the rules give (lib/domain/contact-rules.ts:
 * 'contact.hours'), wherever a contact, a message or a notice was held back: never the code itself, which is for the
 * audit trail. A code with no name (one added to the rules and not yet to the messages) is shown as it is rather than lost.
 */
export type RuleTranslator = { (key: string): string; has(key: string): boolean };

export function contactRuleName(t: RuleTranslator, code: string): string {
  const key = `rule.${code.replace(/^contact\./, '')}`;
  return t.has(key) ? t(key) : code;
}

/** How a channel is used: a call (the phone), a visit (上门), or a message (SMS, e-mail, letter). */
export type ChannelUse = 'call' | 'visit' | 'message';
type ChannelState = { allowed: true } | { allowed: false; rule: string; next: { day: string; time: string } | null };

/**
 * Whether a channel may be used now, in the words of its use ("a visit is allowed now", not "a call is allowed now"
 * beside "Visit"), or when next and under which rule, on the borrower's clock (messages: staffCaseFile.status).
 */
export function channelNowText(t: RuleTranslator & ((key: string, values: Record<string, string>) => string), channel: ChannelState, use: ChannelUse): string {
  const words = { call: { now: 'status.allowedNow', never: 'status.blockedNoNext' }, visit: { now: 'status.visitAllowedNow', never: 'status.visitBlockedNoNext' }, message: { now: 'status.channelAllowed', never: 'status.channelBlockedNoNext' } }[use];
  if (channel.allowed) return t(words.now);
  const rule = contactRuleName(t, channel.rule);
  if (!channel.next) return t(words.never, { rule });
  const day = channel.next.day === 'today' ? t('status.today') : channel.next.day === 'tomorrow' ? t('status.tomorrow') : channel.next.day;
  return t('status.blockedUntil', { rule, time: channel.next.time, day });
}
