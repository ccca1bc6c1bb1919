import type { CaseState } from './case-state';

/**
 * How a mediation ends. Each outcome says which amounts it carries and the
 * state the case moves to; the case state machine (case-state.ts) decides
 * whether that move is allowed from where the case stands.
 */
export const outcomeKinds = [
  'agreement_signed',
  'paid_in_full',
  'partial_settlement',
  'no_agreement',
  'borrower_unreachable',
  'dispute',
  'escalated_to_litigation',
  'withdrawn_by_creditor',
] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

export type OutcomeAmount = 'amountRecovered' | 'amountWaived' | 'amountClaimed';

/** The amounts each outcome must state (all in fen, whole and not negative). */
export const outcomeAmounts: Record<OutcomeKind, readonly OutcomeAmount[]> = {
  // Its amounts come from the executed agreement itself (recorded at countersigning).
  agreement_signed: [],
  paid_in_full: ['amountRecovered'],
  // Paid part, the creditor forgave the rest.
  partial_settlement: ['amountRecovered', 'amountWaived'],
  no_agreement: [],
  borrower_unreachable: [],
  dispute: [],
  escalated_to_litigation: ['amountClaimed'],
  withdrawn_by_creditor: [],
};

/** Outcomes a person records by closing a case; "agreement signed" is recorded by countersigning, never by hand. */
export const closingOutcomes = outcomeKinds.filter((k) => k !== 'agreement_signed');

/** The outcomes that count as a resolution (the dashboard's resolution rate). */
export const resolvingOutcomes: readonly OutcomeKind[] = ['agreement_signed', 'paid_in_full', 'partial_settlement'];

/**
 * Where an outcome takes the case: to litigation, escalated; a plan paid off,
 * completed; an agreement, its plan; anything else, closed.
 */
export function endStateFor(kind: OutcomeKind, from: CaseState): CaseState {
  if (kind === 'escalated_to_litigation') return 'escalated';
  if (kind === 'agreement_signed') return 'plan_active';
  if (kind === 'paid_in_full' && from === 'plan_active') return 'completed';
  return 'closed';
}

/** Ended cases that may be reopened (a breach, a new offer): they go back to negotiation. */
export const reopenableStates: readonly CaseState[] = ['closed', 'escalated', 'completed'];
export const reopenState: CaseState = 'negotiating';

/**
 * A new round of mediation (an ended case reopened, a broken plan renegotiated) runs for the policy's window from
 * `now`; a deadline already later than that is kept, never shortened.
 */
export function renewedMediationDeadline(current: Date, now: Date, windowDays: number): Date {
  const windowEnd = new Date(now.getTime() + windowDays * 86_400_000);
  return current > windowEnd ? current : windowEnd;
}

/**
 * A mediation window has ended with no agreement when the deadline has passed
 * and the case is still before any agreement: it then waits on the escalation
 * review list for a supervisor's decision.
 */
export const reviewableStates: readonly CaseState[] = ['invited', 'engaged', 'hardship_submitted', 'negotiating'];

/** A mediation deadline has gone by from its very moment (the review job's `lte`, and the borrower's "(passed)"). */
export function deadlineHasPassed(deadline: Date, now: Date): boolean {
  return deadline.getTime() <= now.getTime();
}

export function needsEscalationReview(kase: { state: CaseState; mediationDeadline: Date }, now: Date): boolean {
  return reviewableStates.includes(kase.state) && deadlineHasPassed(kase.mediationDeadline, now);
}
