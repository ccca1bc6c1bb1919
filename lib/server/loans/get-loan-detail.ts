import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, creditors, loans } from '@/db/schema';
import type { ArrearsResult } from '@/lib/domain/arrears';
import { todayIn } from '@/lib/domain/dates';
import { parsePolicy } from '@/lib/domain/policy';
import type { Actor } from '../actor';
import { isUuid } from '../cases/case-access';
import { AppError } from '../errors';
import { arrearsAndPaymentsForLoans } from './loan-arrears';
import { toLoanTerms, type LoanTermsDto } from './loan-terms';

export type LoanDetailDto = LoanTermsDto & {
  penaltyMarkupPct: number;
  capAnnualPct: number;
  arrears: ArrearsResult;
  payments: { receivedOn: string; amount: number; channel: string }[];
};

/** A loan with its full arrears breakdown: the borrower's own, or the creditor's staff. */
export async function getLoanDetail(actor: Actor, loanId: unknown): Promise<LoanDetailDto> {
  if (!isUuid(loanId)) throw new AppError('NOT_FOUND');
  const scope = actor.type === 'borrower' ? eq(loans.borrowerId, actor.id) : actor.type === 'staff' ? eq(loans.creditorId, actor.creditorId) : undefined;
  if (!scope) throw new AppError('NOT_FOUND');
  const db = getDb();
  const [row] = await db
    .select({ loan: loans, creditor: creditors, timezone: borrowers.timezone })
    .from(loans)
    .innerJoin(creditors, eq(creditors.id, loans.creditorId))
    .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
    .where(and(eq(loans.id, loanId), scope));
  if (!row) throw new AppError('NOT_FOUND');
  const policy = parsePolicy(row.creditor.policy);
  const { arrears, payments } = await arrearsAndPaymentsForLoans(db, [row.loan], todayIn(row.timezone), policy);
  return {
    ...toLoanTerms(row.loan, row.creditor),
    penaltyMarkupPct: policy.penaltyMarkupPct,
    capAnnualPct: policy.totalCostCapAnnualPct,
    arrears: arrears.get(row.loan.id)!,
    payments: payments.map((p) => ({ receivedOn: p.receivedOn, amount: p.amount, channel: p.channel })),
  };
}
