import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { agreements, borrowers, cases, creditors, hardshipStatements, installments, loans, offers, payments } from '@/db/schema';
import type { CaseState } from '@/lib/domain/case-state';
import { computeArrears } from '@/lib/domain/arrears';
import type { ArrearsInput } from '@/lib/domain/arrears-model';
import type { IsoDate } from '@/lib/domain/dates';
import type { NextStepFacts } from '@/lib/domain/next-step';
import type { CreditorPolicy } from '@/lib/domain/policy';
import { prepared } from '../prepared';

/**
 * A loan read with everything its arrears depend on, in one round trip: the
 * loan, its creditor, the borrower's time zone, and the schedule, payments and
 * cases as JSON arrays built by PostgreSQL. The borrower's home and loan pages
 * are the most visited; three queries each cost them more than the arithmetic.
 */
const schedule = sql<[number, string, number, number, number][]>`(
  select coalesce(json_agg(json_build_array(${installments.seq}, ${installments.dueDate}, ${installments.principalDue}, ${installments.interestDue}, ${installments.feesDue}) order by ${installments.seq}), '[]'::json)
  from ${installments} where ${installments.loanId} = ${loans.id})`;
const paid = sql<[string, number, string][]>`(
  select coalesce(json_agg(json_build_array(${payments.receivedOn}, ${payments.amount}, ${payments.channel}) order by ${payments.receivedOn}, ${payments.createdAt}), '[]'::json)
  from ${payments} where ${payments.loanId} = ${loans.id})`;
// Times as whole epoch milliseconds (a JSON timestamp's text depends on the session's time zone),
// truncated as a JavaScript Date truncates the microseconds PostgreSQL keeps.
// With each case, what its next step depends on (lib/domain/next-step.ts): open offers to answer, the borrower's own
// open proposal, the latest statement's and the current agreement's status, and a pending review.
const casesOfLoan = sql<[string, string, CaseState, number, number, number, boolean, string | null, string | null, boolean][]>`(
  select coalesce(json_agg(json_build_array(
    ${cases.id}, ${cases.caseNo}, ${cases.state},
    floor(extract(epoch from ${cases.openedAt}) * 1000)::bigint, floor(extract(epoch from ${cases.mediationDeadline}) * 1000)::bigint,
    (select count(*) from ${offers} where ${offers.caseId} = ${cases.id} and ${offers.status} = 'proposed' and ${offers.authorType} <> 'borrower'),
    exists (select 1 from ${offers} where ${offers.caseId} = ${cases.id} and ${offers.status} = 'proposed' and ${offers.authorType} = 'borrower'),
    (select ${hardshipStatements.status} from ${hardshipStatements} where ${hardshipStatements.caseId} = ${cases.id} order by ${hardshipStatements.version} desc limit 1),
    (select ${agreements.status} from ${agreements} where ${agreements.caseId} = ${cases.id} and ${agreements.status} not in ('superseded', 'void') order by ${agreements.createdAt} desc limit 1),
    (${cases.reviewReason} is not null and ${cases.reviewedAt} is null)
  )), '[]'::json)
  from ${cases} where ${cases.loanId} = ${loans.id} and ${cases.borrowerId} = ${loans.borrowerId})`;

const columns = { loan: loans, creditor: creditors, timezone: borrowers.timezone, schedule, payments: paid };
const borrowerId = sql.placeholder('borrowerId');
const loanId = sql.placeholder('loanId');
const ownerId = sql.placeholder('ownerId');

const creditorOfLoan = eq(creditors.id, loans.creditorId);
const borrowerOfLoan = eq(borrowers.id, loans.borrowerId);

const ofBorrower = prepared((db) =>
  db.select({ ...columns, cases: casesOfLoan }).from(loans).innerJoin(creditors, creditorOfLoan).innerJoin(borrowers, borrowerOfLoan).where(eq(loans.borrowerId, borrowerId)).orderBy(asc(loans.contractNo)).prepare('borrower_loans_with_history'),
);
const oneFor = (scope: 'borrower' | 'creditor') =>
  prepared((db) =>
    db
      .select(columns)
      .from(loans)
      .innerJoin(creditors, creditorOfLoan)
      .innerJoin(borrowers, borrowerOfLoan)
      .where(and(eq(loans.id, loanId), eq(scope === 'borrower' ? loans.borrowerId : loans.creditorId, ownerId)))
      .prepare(`loan_with_history_for_${scope}`),
  );
const oneForBorrower = oneFor('borrower');
const oneForCreditor = oneFor('creditor');
const oneWithParties = prepared((db) =>
  db.select({ ...columns, borrower: borrowers }).from(loans).innerJoin(creditors, creditorOfLoan).innerJoin(borrowers, borrowerOfLoan).where(eq(loans.id, loanId)).prepare('loan_parties_with_history'),
);

type Row = { loan: typeof loans.$inferSelect; creditor: typeof creditors.$inferSelect; timezone: string; schedule: [number, string, number, number, number][]; payments: [string, number, string][] };

export type LoanHistory = {
  loan: typeof loans.$inferSelect;
  creditor: typeof creditors.$inferSelect;
  timezone: string;
  schedule: ArrearsInput['installments'];
  payments: { receivedOn: string; amount: number; channel: string }[];
};
export type BorrowerCaseRow = {
  id: string;
  caseNo: string;
  state: CaseState;
  loanId: string;
  openedAt: Date;
  mediationDeadline: Date;
  next: Omit<NextStepFacts, 'state'>;
};

function toHistory(row: Row): LoanHistory {
  return {
    loan: row.loan,
    creditor: row.creditor,
    timezone: row.timezone,
    schedule: row.schedule.map(([seq, dueDate, principalDue, interestDue, feesDue]) => ({ seq, dueDate, principalDue, interestDue, feesDue })),
    payments: row.payments.map(([receivedOn, amount, channel]) => ({ receivedOn, amount, channel })),
  };
}

/** All of a borrower's loans with their history, by contract number, and their cases, newest first. */
export async function borrowerLoansWithHistory(db: Executor, borrower: string): Promise<{ loans: LoanHistory[]; cases: BorrowerCaseRow[] }> {
  const rows = await ofBorrower(db).execute({ borrowerId: borrower });
  const caseRows = rows.flatMap((row): BorrowerCaseRow[] =>
    row.cases.map(([id, caseNo, state, openedAt, deadline, toAnswer, ownProposal, hardship, agreement, reviewPending]) => ({
      id,
      caseNo,
      state,
      loanId: row.loan.id,
      openedAt: new Date(openedAt),
      mediationDeadline: new Date(deadline),
      next: {
        hardship: hardship === null ? 'none' : hardship === 'draft' ? 'draft' : 'submitted',
        offersToAnswer: Number(toAnswer),
        ownProposalOpen: ownProposal,
        agreement: agreement === 'awaiting_borrower' || agreement === 'signed_by_borrower' || agreement === 'executed' ? agreement : null,
        reviewPending,
      },
    })),
  );
  return { loans: rows.map(toHistory), cases: caseRows.sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime()) };
}

/** One loan with its history, if it is the borrower's own, or one of the creditor's loans. */
export async function loanWithHistory(db: Executor, scope: { borrowerId: string } | { creditorId: string }, id: string): Promise<LoanHistory | undefined> {
  const [row] = 'borrowerId' in scope ? await oneForBorrower(db).execute({ loanId: id, ownerId: scope.borrowerId }) : await oneForCreditor(db).execute({ loanId: id, ownerId: scope.creditorId });
  return row ? toHistory(row) : undefined;
}

/**
 * A loan with its history and its borrower (name, contact, locale), for a
 * service that has already established that the actor may see its case.
 */
export async function loanPartiesWithHistory(db: Executor, id: string): Promise<LoanHistory & { borrower: typeof borrowers.$inferSelect }> {
  const [row] = await oneWithParties(db).execute({ loanId: id });
  if (!row) throw new Error(`loan ${id} not found`);
  return { ...toHistory(row), borrower: row.borrower };
}

/** The loan's arrears on a day, under the given policy (its creditor's). */
export function arrearsOf(history: LoanHistory, asOf: IsoDate, policy: CreditorPolicy) {
  const { principal, annualRatePpm, startDate } = history.loan;
  return computeArrears({ loan: { principal, annualRatePpm, startDate }, installments: history.schedule, payments: history.payments, asOf, policy });
}
