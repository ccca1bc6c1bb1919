import 'server-only';
import { getDb } from '@/db/client';
import type { ArrearsResult } from '@/lib/domain/arrears';
import { todayIn } from '@/lib/domain/dates';
import type { Actor } from '../actor';
import { isUuid } from '../cases/case-access';
import { creditorPolicy } from '../creditor-policy';
import { AppError } from '../errors';
import { arrearsOf, loanWithHistory } from './loan-history';
import { toLoanTerms, type LoanTermsDto } from './loan-terms';

export type LoanDetailDto = LoanTermsDto & {
  penaltyMarkupPct: number;
  capAnnualPct: number;
  arrears: ArrearsResult;
  payments: { receivedOn: string; amount: number; channel: string }[];
  /** The contractual schedule: what each installment is, principal and interest, whether due yet or not. */
  schedule: { seq: number; dueDate: string; principalDue: number; interestDue: number; feesDue: number }[];
};

/** A loan with its full arrears breakdown: the borrower's own, or the creditor's staff. */
export async function getLoanDetail(actor: Actor, loanId: unknown): Promise<LoanDetailDto> {
  if (!isUuid(loanId)) throw new AppError('NOT_FOUND');
  const scope = actor.type === 'borrower' ? { borrowerId: actor.id } : actor.type === 'staff' ? { creditorId: actor.creditorId } : null;
  const history = scope && (await loanWithHistory(getDb(), scope, loanId));
  if (!history) throw new AppError('NOT_FOUND');
  const policy = creditorPolicy(history.creditor.policy);
  return {
    ...toLoanTerms(history.loan, history.creditor),
    penaltyMarkupPct: policy.penaltyMarkupPct,
    capAnnualPct: policy.totalCostCapAnnualPct,
    arrears: arrearsOf(history, todayIn(history.timezone), policy),
    payments: history.payments,
    schedule: history.schedule.map((r) => ({ ...r })),
  };
}
