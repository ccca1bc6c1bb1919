import type { CaseState } from '@/lib/domain/case-state';
import type { OutcomeKind } from '@/lib/domain/outcomes';
import type { DashboardFilter } from '@/lib/validation/dashboard';

/** What a count on the dashboard stands for, to be shown in the queue. */
export type QueueTarget =
  | { reached?: 'engaged' | 'hardship' | 'offered' | 'signed' | 'resolved' | 'selfServed' | 'redefaulted' }
  | { outcome: OutcomeKind };

/** The state an outcome leaves a case in: the one parameter the queue understood before its filters were rebuilt. */
const outcomeState: Record<OutcomeKind, CaseState> = {
  agreement_signed: 'plan_active',
  paid_in_full: 'closed',
  partial_settlement: 'closed',
  no_agreement: 'closed',
  borrower_unreachable: 'closed',
  dispute: 'closed',
  escalated_to_litigation: 'escalated',
  withdrawn_by_creditor: 'closed',
};

/**
 * The queue's URL for a count: the dashboard's filters carried over, plus what
 * the count stands for. The one place that knows the queue's parameter names
 * (the queue at /staff reads them from its URL), so a change there is a change
 * here only.
 */
export function queueHref(filter: DashboardFilter, target: QueueTarget = {}): string {
  const params = new URLSearchParams();
  if (filter.from) params.set('openedFrom', filter.from);
  if (filter.to) params.set('openedTo', filter.to);
  if (filter.mediator) params.set('assignee', filter.mediator);
  if (filter.bucket) params.set('bucket', filter.bucket);
  if (filter.creditor) params.set('creditor', filter.creditor);
  if ('outcome' in target) {
    params.set('outcome', target.outcome);
    params.set('state', outcomeState[target.outcome]);
  } else if (target.reached) params.set('reached', target.reached);
  const query = params.toString();
  return query ? `/staff?${query}` : '/staff';
}
