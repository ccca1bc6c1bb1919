import 'server-only';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, cases, creditors, loans } from '@/db/schema';
import type { CaseState } from '@/lib/domain/case-state';
import { todayIn, type DpdBucket } from '@/lib/domain/dates';
import { parsePolicy } from '@/lib/domain/policy';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { arrearsForLoans } from '../loans/loan-arrears';
import { prepared } from '../prepared';
import { toLoanTerms, type LoanTermsDto } from '../loans/loan-terms';

export type MyCaseDto = {
  id: string;
  caseNo: string;
  state: CaseState;
  creditorName: string;
  creditorNameEn: string;
  loanId: string;
  contractNo: string;
  /** What clears the arrears today, and what pays the loan off today (contractual and enforceable). */
  totalOverdue: number;
  totalToSettle: number;
  enforceableTotalToSettle: number;
  daysPastDue: number;
  bucket: DpdBucket;
  mediationDeadline: string;
};

export type MyLoanDto = LoanTermsDto & { totalOverdue: number; daysPastDue: number };

const borrowerId = sql.placeholder('borrowerId');
const loansOfBorrower = prepared((db) =>
  db
    .select({ loan: loans, creditor: creditors, timezone: borrowers.timezone })
    .from(loans)
    .innerJoin(creditors, eq(creditors.id, loans.creditorId))
    .innerJoin(borrowers, eq(borrowers.id, loans.borrowerId))
    .where(eq(loans.borrowerId, borrowerId))
    .orderBy(asc(loans.contractNo))
    .prepare('borrower_loans'),
);
const casesOfBorrower = prepared((db) => db.select().from(cases).where(eq(cases.borrowerId, borrowerId)).orderBy(desc(cases.openedAt)).prepare('borrower_cases'));

/**
 * The signed-in borrower's cases and loans, with what they owe today from the
 * arrears engine. Scoped to the acting borrower; nobody else may call it.
 */
export async function listMyCasesAndLoans(actor: Actor): Promise<{ cases: MyCaseDto[]; loans: MyLoanDto[] }> {
  if (actor.type !== 'borrower') throw new AppError('FORBIDDEN');
  const db = getDb();
  const loanRows = await loansOfBorrower(db).execute({ borrowerId: actor.id });
  const today = todayIn(loanRows[0]?.timezone ?? 'Asia/Shanghai');
  const caseRows = loanRows.length ? await casesOfBorrower(db).execute({ borrowerId: actor.id }) : [];
  // Each creditor's own policy decides penalty and cap: parsed once per creditor, all loans in one pass.
  const policies = new Map(loanRows.map(({ creditor }) => [creditor.id, creditor.policy] as const));
  const parsed = new Map([...policies].map(([creditorId, raw]) => [creditorId, parsePolicy(raw)]));
  const arrears = await arrearsForLoans(db, loanRows.map((r) => r.loan), today, (loan) => parsed.get(loan.creditorId)!);
  const byLoan = new Map(loanRows.map((r) => [r.loan.id, r]));
  return {
    cases: caseRows
      .filter((c) => byLoan.has(c.loanId))
      .map((c) => {
        const { loan, creditor } = byLoan.get(c.loanId)!;
        const a = arrears.get(loan.id)!;
        return {
          id: c.id,
          caseNo: c.caseNo,
          state: c.state,
          creditorName: creditor.name,
          creditorNameEn: creditor.nameEn,
          loanId: loan.id,
          contractNo: loan.contractNo,
          totalOverdue: a.totals.totalOverdue,
          totalToSettle: a.totals.totalToSettle,
          enforceableTotalToSettle: a.totals.enforceableTotalToSettle,
          daysPastDue: a.daysPastDue,
          bucket: a.bucket,
          mediationDeadline: c.mediationDeadline.toISOString(),
        };
      }),
    loans: loanRows.map(({ loan, creditor }) => ({
      ...toLoanTerms(loan, creditor),
      totalOverdue: arrears.get(loan.id)!.totals.totalOverdue,
      daysPastDue: arrears.get(loan.id)!.daysPastDue,
    })),
  };
}
