import 'server-only';
import { mayContact, type ContactHistoryEntry, type ContactRequest } from '@/lib/domain/contact-rules';

/**
 * The contact rules as the dispatcher asks them: may this message go now, and if not, when is the next allowed
 * moment (null: never, e.g. the borrower opted out of the channel). The rules and the next moment are the
 * domain's (lib/domain/contact-rules.ts).
 */
export type GateRequest = Omit<ContactRequest, 'history'> & { history: (ContactHistoryEntry & { channel: string; direction?: 'outbound' | 'inbound' })[] };
export type GateDecision = { allowed: true } | { allowed: false; rule: string; next: Date | null };

const quarter = 15 * 60_000;

export function gateContact(request: GateRequest): GateDecision {
  const decision = mayContact(request);
  if (decision.allowed) return decision;
  // TEMPORARY until issue 10's nextContactMoment is on main: the first quarter hour in nine days the rules allow.
  const start = Math.ceil((request.now.getTime() + 1) / quarter) * quarter;
  for (let t = start; t <= request.now.getTime() + 9 * 86_400_000; t += quarter) {
    if (mayContact({ ...request, now: new Date(t) }).allowed) return { allowed: false, rule: decision.rule, next: new Date(t) };
  }
  return { allowed: false, rule: decision.rule, next: null };
}
