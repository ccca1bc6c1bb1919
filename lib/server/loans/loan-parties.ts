import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { borrowers, creditors, loans } from '@/db/schema';

/**
 * A loan with its creditor and borrower. Callers have already established
 * that the actor may see the case the loan belongs to.
 */
export async function loadLoanParties(db: Executor, loanId: string) {
  const [row] = await db
    .select({ loan: loans, creditor: creditors, borrower: borrowers })
    .from(loans)
    .innerJoin(creditors, eq(creditors.id, loans.creditorId))
    .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
    .where(eq(loans.id, loanId));
  if (!row) throw new Error(`loan ${loanId} has no creditor or borrower`);
  return row;
}
