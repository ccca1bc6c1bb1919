/**
 * What a staff member records of a contact, and what the contact rules make of it. The rules count conversations
 * and attempts (lib/domain/contact-rules.ts); a staff member says who was reached and how it went.
 */
export const staffContactChannels = ['phone', 'sms', 'email', 'letter', 'visit'] as const;
export type StaffContactChannel = (typeof staffContactChannels)[number];
export const contactResults = ['reached', 'no_answer', 'promise_to_pay', 'refused', 'wrong_number', 'dispute'] as const;
export type ContactResult = (typeof contactResults)[number];
export type ContactParty = 'borrower' | 'third_party';

/** The rules about how a contact with someone other than the borrower is made (not when): thirdPartyRule. */
export const recordingRules = ['contact.thirdPartyChannel', 'contact.thirdPartyDisclosure', 'contact.thirdPartyResult'] as const;
export type RecordingRule = (typeof recordingRules)[number];

/**
 * A third party (a relative, an employer, a neighbour) may be reached only by a call or a visit — nothing written
 * about the borrower goes to someone else — never with any detail of the debt (the staff member states it), and
 * cannot promise or dispute for the borrower. Null when the record is allowed.
 */
export function thirdPartyRule(input: { party: ContactParty; channel: StaffContactChannel; result: ContactResult; noDebtDisclosed: boolean }): RecordingRule | null {
  if (input.party !== 'third_party') return null;
  if (input.channel !== 'phone' && input.channel !== 'visit') return 'contact.thirdPartyChannel';
  if (input.result === 'promise_to_pay' || input.result === 'dispute') return 'contact.thirdPartyResult';
  if (!input.noDebtDisclosed) return 'contact.thirdPartyDisclosure';
  return null;
}

/**
 * How the rules count a recorded contact: a conversation with the borrower is effective; a call nobody (or the
 * wrong person) answered is unanswered; a message sent, or a call that reached only a third party, is an attempt.
 */
export function ruleOutcome(input: { party: ContactParty; channel: StaffContactChannel; result: ContactResult }): 'effective' | 'unanswered' | 'attempted' {
  if (input.channel === 'sms' || input.channel === 'email' || input.channel === 'letter') return 'attempted';
  if (input.result === 'no_answer' || input.result === 'wrong_number') return 'unanswered';
  return input.party === 'borrower' ? 'effective' : 'attempted';
}
