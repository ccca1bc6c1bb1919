/**
 * The legal source behind each policy setting, for the policy form (each is a
 * message key under policyForm.source). A setting with a source is a legal
 * limit the schema already holds as a ceiling (policy.ts); `null` marks the
 * creditor's own choice. A unit test checks every setting of the schema is
 * listed here, so a new setting cannot reach the form without its source.
 */
export type PolicySource =
  | 'pboc2003'
  | 'pbocDayCount'
  | 'spc2017'
  | 'civilCode561'
  | 'spcMediation2021'
  | 'cardRules70'
  | 'loanRules12'
  | 'gbt45251Hours'
  | 'gbt45251Calls'
  | 'regF7in7'
  | 'gbt45251Messages';

export const policySources: Record<string, PolicySource | null> = {
  penaltyMarkupPct: 'pboc2003',
  compoundOnOverdueInterest: 'pboc2003',
  dayCountBasis: 'pbocDayCount',
  totalCostCapAnnualPct: 'spc2017',
  allocationOrder: 'civilCode561',
  allocationScope: 'civilCode561',
  graceDays: null,
  selfServiceDelayMaxDays: null,
  breachConsecutiveMisses: null,
  mediationWindowDays: 'spcMediation2021',
  offerExpiryDays: null,
  longestPlanMonths: 'cardRules70',
  'installments.maxMonths': 'cardRules70',
  'installments.minDownPaymentPct': null,
  'installments.firstDueWindowDays': null,
  'installments.spreadBase': null,
  'extension.rate': 'loanRules12',
  'extension.policyAnnualRatePpm': 'spc2017',
  'authority.mediator.maxPenaltyWaivePct': null,
  'authority.mediator.maxCompoundWaivePct': null,
  'authority.mediator.maxInterestWaivePct': null,
  'authority.mediator.maxPrincipalWaivePct': null,
  'authority.mediator.maxRateReductionPct': null,
  'authority.mediator.maxPlanMonths': 'cardRules70',
  'authority.supervisor.maxPenaltyWaivePct': null,
  'authority.supervisor.maxCompoundWaivePct': null,
  'authority.supervisor.maxInterestWaivePct': null,
  'authority.supervisor.maxPrincipalWaivePct': null,
  'authority.supervisor.maxRateReductionPct': null,
  'authority.supervisor.maxPlanMonths': 'cardRules70',
  'borrowerProposal.maxMonths': 'cardRules70',
  'borrowerProposal.minDownPaymentPct': null,
  'contact.windowStart': 'gbt45251Hours',
  'contact.windowEnd': 'gbt45251Hours',
  'contact.maxEffectivePerDay': 'gbt45251Calls',
  'contact.maxUnansweredAttemptsPerDay': 'gbt45251Calls',
  'contact.maxAttemptsPer7Days': 'regF7in7',
  'contact.maxMessagesPerDay': 'gbt45251Messages',
  'contact.maxMessagesPer7Days': 'gbt45251Messages',
  waiverFallsAwayOnBreach: null,
  'hardshipPause.enabled': null,
  'hardshipPause.months': 'cardRules70',
  'hardshipPause.maxMonths': 'cardRules70',
  'hardshipPause.interest': null,
  'hardshipPause.reducedRatePct': null,
  borrowerProposalClosesSuggestions: null,
};

/** The form's sections, by the first part of a setting's path. */
export function policySection(path: string): string {
  if (path.startsWith('authority.mediator')) return 'mediatorAuthority';
  if (path.startsWith('authority.supervisor')) return 'supervisorAuthority';
  const head = path.split('.')[0]!;
  if (['installments', 'extension', 'borrowerProposal', 'contact', 'hardshipPause'].includes(head)) return head;
  if (head === 'borrowerProposalClosesSuggestions') return 'borrowerProposal';
  if (['penaltyMarkupPct', 'compoundOnOverdueInterest', 'dayCountBasis', 'totalCostCapAnnualPct', 'allocationOrder', 'allocationScope'].includes(head)) return 'charges';
  return 'process';
}
