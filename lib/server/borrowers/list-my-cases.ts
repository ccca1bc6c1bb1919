import 'server-only';
import { getDb } from '@/db/client';
import type { CaseState } from '@/lib/domain/case-state';
import { todayIn, type DpdBucket } from '@/lib/domain/dates';
import { nextStep, type NextStep } from '@/lib/domain/next-step';
import { deadlineHasPassed } from '@/lib/domain/outcomes';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { arrearsOf, borrowerLoansWithHistory } from '../loans/loan-history';
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
  /** The mediation deadline has gone by (the page says so instead of giving a past day as still to come). */
  deadlinePassed: boolean;
  /** The next step from the case's real state (as on the case page). */
  next: NextStep;
  /** When the first offer waiting for the borrower's answer ends (ISO), for the next step's "the first ends …". */
  firstOfferEnds: string | null;
};

export type MyLoanDto = LoanTermsDto & { totalOverdue: number; daysPastDue: number };

/**
 * The signed-in borrower's cases and loans, with what they owe today from the
 * arrears engine, read in one round trip. Scoped to the acting borrower; nobody else may call it.
 */
export async function listMyCasesAndLoans(actor: Actor): Promise<{ cases: MyCaseDto[]; loans: MyLoanDto[]; timeZone: string }> {
  if (actor.type !== 'borrower') throw new AppError('FORBIDDEN');
  const { loans: loanRows, cases: caseRows } = await borrowerLoansWithHistory(getDb(), actor.id);
  const timeZone = loanRows[0]?.timezone ?? 'Asia/Shanghai';
  const now = new Date();
  const today = todayIn(timeZone, now);
  // Each loan under its own creditor's policy, which decides penalty and cap.
  const arrears = new Map(loanRows.map((r) => [r.loan.id, arrearsOf(r, today)]));
  const byLoan = new Map(loanRows.map((r) => [r.loan.id, r]));
  return {
    timeZone,
    cases: caseRows.map((c) => {
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
        deadlinePassed: deadlineHasPassed(c.mediationDeadline, now),
        next: nextStep({ state: c.state, ...c.next }),
        firstOfferEnds: c.firstOfferEnds?.toISOString() ?? null,
      };
    }),
    loans: loanRows.map(({ loan, creditor }) => ({
      ...toLoanTerms(loan, creditor),
      totalOverdue: arrears.get(loan.id)!.totals.totalOverdue,
      daysPastDue: arrears.get(loan.id)!.daysPastDue,
    })),
  };
}
