/**
 * The states a mediation case moves through. The order follows the four steps of
 * pre-litigation mediation in DESIGN.md, then plan tracking and the two ends.
 */
export const caseStates = [
  'invited',
  'engaged',
  'hardship_submitted',
  'negotiating',
  'agreed',
  'signed_by_borrower',
  'plan_active',
  'breached',
  'completed',
  'escalated',
  'closed',
] as const;
export type CaseState = (typeof caseStates)[number];

const transitions: Record<CaseState, readonly CaseState[]> = {
  invited: ['engaged', 'hardship_submitted', 'negotiating', 'agreed', 'escalated', 'closed'],
  engaged: ['hardship_submitted', 'negotiating', 'agreed', 'escalated', 'closed'],
  hardship_submitted: ['hardship_submitted', 'negotiating', 'agreed', 'escalated', 'closed'],
  negotiating: ['hardship_submitted', 'agreed', 'escalated', 'closed'],
  agreed: ['signed_by_borrower', 'negotiating', 'escalated', 'closed'],
  signed_by_borrower: ['plan_active', 'negotiating', 'escalated', 'closed'],
  // A plan may also end early: settled in full at once, or withdrawn by the creditor.
  plan_active: ['completed', 'breached', 'closed', 'escalated'],
  // Back to plan tracking only when a back-dated payment shows the breach never happened (before any decision).
  breached: ['negotiating', 'escalated', 'closed', 'plan_active'],
  // Ended cases may be reopened (a breach, a new offer); the earlier outcome stays on record. A plan paid off by a
  // payment that is then reversed (it bounced) is tracked again.
  completed: ['negotiating', 'plan_active'],
  escalated: ['closed', 'negotiating'],
  closed: ['negotiating'],
};

export function canTransition(from: CaseState, to: CaseState): boolean {
  return transitions[from].includes(to);
}

/** States in which offers may be made, asked for or answered (a broken plan reopens negotiation). */
export const negotiableStates: readonly CaseState[] = ['invited', 'engaged', 'hardship_submitted', 'negotiating', 'breached'];

export function isNegotiable(state: CaseState): boolean {
  return negotiableStates.includes(state);
}

/** States in which the borrower is still working towards an agreement. */
export const openMediationStates: readonly CaseState[] = ['invited', 'engaged', 'hardship_submitted', 'negotiating', 'agreed', 'signed_by_borrower'];

/** States in which mediation has ended (one open case per loan counts the others). */
export const endedStates: readonly CaseState[] = ['completed', 'escalated', 'closed'];
