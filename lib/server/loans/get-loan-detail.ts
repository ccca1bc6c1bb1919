import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, creditors, loans } from '@/db/schema';
import type { ArrearsResult } from '@/lib/domain/arrears';
import { todayIn } from '@/lib/domain/dates';
import { parsePolicy } from '@/lib/domain/policy';
import type { Actor } from '../actor';
import { isUuid } from '../cases/case-access';
import { AppError } from '../errors';
import { prepared } from '../prepared';
import { arrearsAndPaymentsForLoans } from './loan-arrears';
import { toLoanTerms, type LoanTermsDto } from './loan-terms';

export type LoanDetailDto = LoanTermsDto & {
  penaltyMarkupPct: number;
  capAnnualPct: number;
  arrears: ArrearsResult;
  payments: { receivedOn: string; amount: number; channel: string }[];
};

const loanIdParam = sql.placeholder('loanId');
const ownerIdParam = sql.placeholder('ownerId');
const loanFor = (scope: 'borrower' | 'creditor') =>
  prepared((db) =>
    db
      .select({ loan: loans, creditor: creditors, timezone: borrowers.timezone })
      .from(loans)
      .innerJoin(creditors, eq(creditors.id, loans.creditorId))
      .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
      .where(and(eq(loans.id, loanIdParam), eq(scope === 'borrower' ? loans.borrowerId : loans.creditorId, ownerIdParam)))
      .prepare(`loan_detail_for_${scope}`),
  );
const loanForBorrower = loanFor('borrower');
const loanForCreditor = loanFor('creditor');

/** A loan with its full arrears breakdown: the borrower's own, or the creditor's staff. */
export async function getLoanDetail(actor: Actor, loanId: unknown): Promise<LoanDetailDto> {
  if (!isUuid(loanId)) throw new AppError('NOT_FOUND');
  const db = getDb();
  const query = actor.type === 'borrower' ? loanForBorrower(db).execute({ loanId, ownerId: actor.id }) : actor.type === 'staff' ? loanForCreditor(db).execute({ loanId, ownerId: actor.creditorId }) : null;
  if (!query) throw new AppError('NOT_FOUND');
  const [row] = await query;
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
