import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { cases, loans, payments, type borrowers, type creditors } from '@/db/schema';
import type { CaseState } from '@/lib/domain/case-state';
import { computeArrears, overdueSince } from '@/lib/domain/arrears';
import type { ArrearsInput } from '@/lib/domain/arrears-model';
import type { IsoDate } from '@/lib/domain/dates';
import { withRepaidDischarge } from '@/lib/domain/discharge';
import type { NextStepFacts } from '@/lib/domain/next-step';
import type { CreditorPolicy } from '@/lib/domain/policy';
import { scheduleOf } from '@/lib/domain/stored-schedule';
import { creditorPolicy } from '../creditor-policy';
import { perRender } from '../per-render';
import { prepared } from '../prepared';

/**
 * A loan read with everything its arrears depend on, in one round trip: the
 * loan (with its schedule, in its own columns), its creditor, the borrower's
 * time zone, its payments and cases, as one relational query (drizzle builds the related rows as JSON in
 * PostgreSQL and decodes them by the schema's column types). The borrower's
 * home and loan pages are the most visited; three queries each cost them more
 * than the arithmetic.
 */
const history = {
  creditor: true,
  // A reversed payment (a correction) was never received: it is left out.
  payments: {
    columns: { receivedOn: true, amount: true, channel: true },
    where: (p: typeof payments._.columns) => sql`not exists (select 1 from payment_reversals r where r.payment_id = ${p.id})`,
    orderBy: () => [asc(payments.receivedOn), asc(payments.createdAt)],
  },
} as const;
const timezoneOnly = { columns: { timezone: true } } as const;
/**
 * With each case, what its next step depends on (lib/domain/next-step.ts): open offers to answer, the borrower's own
 * open proposal, the latest statement's and the current agreement's status, a pending review — in the same statement.
 */
const caseColumns = {
  columns: { id: true, caseNo: true, state: true, loanId: true, openedAt: true, mediationDeadline: true },
  // Written with the tables' own names: in a relational query drizzle would qualify another table's columns with the case's alias.
  extras: (c: typeof cases._.columns) => ({
    offersToAnswer: sql<number>`(select count(*)::int from offers o where o.case_id = ${c.id} and o.status = 'proposed' and o.author_type <> 'borrower')`.as('offers_to_answer'),
    // When the first of them ends (ms since the epoch), for "the first ends …" beside the count.
    firstOfferEnds: sql<number | null>`(select (extract(epoch from min(o.expires_at)) * 1000)::float8 from offers o where o.case_id = ${c.id} and o.status = 'proposed' and o.author_type <> 'borrower')`.as('first_offer_ends'),
    ownProposalOpen: sql<boolean>`exists (select 1 from offers o where o.case_id = ${c.id} and o.status = 'proposed' and o.author_type = 'borrower')`.as('own_proposal_open'),
    hardshipStatus: sql<string | null>`(select h.status from hardship_statements h where h.case_id = ${c.id} order by h.version desc limit 1)`.as('hardship_status'),
    agreementStatus: sql<string | null>`(select a.status from agreements a where a.case_id = ${c.id} and a.status not in ('superseded', 'void') order by a.created_at desc limit 1)`.as('agreement_status'),
    reviewPending: sql<boolean>`(${c.reviewReason} is not null and ${c.reviewedAt} is null)`.as('review_pending'),
    // The newest agreement lapsed unsigned on its first payment day (agreements/lapse-agreements.ts).
    agreementLapsed: sql<boolean>`coalesce((select a.lapsed_at is not null from agreements a where a.case_id = ${c.id} order by a.created_at desc limit 1), false)`.as('agreement_lapsed'),
  }),
} as const;

const borrowerId = sql.placeholder('borrowerId');
const loanId = sql.placeholder('loanId');
const ownerId = sql.placeholder('ownerId');

const ofBorrower = prepared((db) =>
  db.query.loans
    .findMany({ with: { ...history, borrower: timezoneOnly, cases: caseColumns }, where: eq(loans.borrowerId, borrowerId), orderBy: [asc(loans.contractNo)] })
    .prepare('borrower_loans_with_history'),
);
const oneFor = (scope: 'borrower' | 'creditor') =>
  prepared((db) =>
    db.query.loans
      .findFirst({ with: { ...history, borrower: timezoneOnly }, where: and(eq(loans.id, loanId), eq(scope === 'borrower' ? loans.borrowerId : loans.creditorId, ownerId)) })
      .prepare(`loan_with_history_for_${scope}`),
  );
const oneForBorrower = oneFor('borrower');
const oneForCreditor = oneFor('creditor');
const oneForCentre = prepared((db) => db.query.loans.findFirst({ with: { ...history, borrower: timezoneOnly }, where: eq(loans.id, loanId) }).prepare('loan_with_history_for_centre'));
const oneWithParties = prepared((db) => db.query.loans.findFirst({ with: { ...history, borrower: true }, where: eq(loans.id, loanId) }).prepare('loan_parties_with_history'));

type Loan = typeof loans.$inferSelect;
type Read = Loan & { creditor: typeof creditors.$inferSelect; borrower: { timezone: string }; payments: LoanHistory['payments'] };

export type LoanHistory = {
  loan: Loan;
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
  /** When the first of the offers to answer ends; null when there is none. */
  firstOfferEnds: Date | null;
};

function toHistory({ creditor, borrower, payments: paid, ...loan }: Read): LoanHistory {
  return { loan, creditor, timezone: borrower.timezone, schedule: scheduleOf(loan), payments: paid };
}

/** All of a borrower's loans with their history, by contract number, and their cases, newest first. */
export async function borrowerLoansWithHistory(db: Executor, borrower: string): Promise<{ loans: LoanHistory[]; cases: BorrowerCaseRow[] }> {
  const rows = await ofBorrower(db).execute({ borrowerId: borrower });
  const caseRows = rows
    .flatMap(({ cases: ofLoan }) => ofLoan)
    .map(({ offersToAnswer, firstOfferEnds, ownProposalOpen, hardshipStatus, agreementStatus, reviewPending, agreementLapsed, ...kase }): BorrowerCaseRow => ({
      ...kase,
      firstOfferEnds: firstOfferEnds === null ? null : new Date(Number(firstOfferEnds)),
      next: {
        hardship: hardshipStatus === null ? 'none' : hardshipStatus === 'draft' ? 'draft' : 'submitted',
        offersToAnswer: Number(offersToAnswer),
        ownProposalOpen: Boolean(ownProposalOpen),
        agreement: agreementStatus === 'awaiting_borrower' || agreementStatus === 'signed_by_borrower' || agreementStatus === 'executed' ? agreementStatus : null,
        reviewPending: Boolean(reviewPending),
        agreementLapsed: Boolean(agreementLapsed),
      },
    }))
    .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime());
  return { loans: rows.map(({ cases: _cases, ...row }) => toHistory(row)), cases: caseRows };
}

/**
 * One loan with its history, if it is the borrower's own, or one of the creditor's loans
 * (creditorId null: the mediation centre's staff, who serve every creditor).
 */
export async function loanWithHistory(db: Executor, scope: { borrowerId: string } | { creditorId: string | null }, id: string): Promise<LoanHistory | undefined> {
  const row =
    'borrowerId' in scope
      ? await oneForBorrower(db).execute({ loanId: id, ownerId: scope.borrowerId })
      : scope.creditorId === null
        ? await oneForCentre(db).execute({ loanId: id })
        : await oneForCreditor(db).execute({ loanId: id, ownerId: scope.creditorId });
  return row ? toHistory(row) : undefined;
}

/**
 * A loan with its history and its borrower (name, contact, locale), for a
 * service that has already established that the actor may see its case.
 * Read once per page render (the case file's overview and its offer engine
 * both need it): per-render.ts.
 */
export const loanPartiesWithHistory = perRender(async (db: Executor, id: string): Promise<LoanHistory & { borrower: typeof borrowers.$inferSelect }> => {
  const row = await oneWithParties(db).execute({ loanId: id });
  if (!row) throw new Error(`loan ${id} not found`);
  return { ...toHistory(row), borrower: row.borrower };
});

/** The loan's arrears on a day, under its creditor's policy (or the one given); a repaid loan's debt is discharged (discharge.ts). */
export function arrearsOf(history: LoanHistory, asOf: IsoDate, policy: CreditorPolicy = creditorPolicy(history.creditor.policy)) {
  return computeArrears(arrearsInput(history, asOf, policy));
}

function arrearsInput(history: LoanHistory, asOf: IsoDate, policy: CreditorPolicy): ArrearsInput {
  const { principal, annualRatePpm, startDate } = history.loan;
  const input = { loan: { principal, annualRatePpm, startDate }, installments: history.schedule, payments: history.payments, asOf, policy };
  return history.loan.status === 'repaid' ? withRepaidDischarge(input) : input;
}

/**
 * Keeps the day from which the loan's days past due count on its cases (cases.overdue_since: the queue shows, filters
 * and sorts by it) in step with its payments, so that the queue and the case file give one figure. Set when a case
 * opens; called in the caller's transaction wherever a loan's payments change after that (syncPlan: a payment recorded,
 * imported or reversed).
 */
export async function refreshOverdueSince(tx: Executor, loanId: string, today: IsoDate): Promise<void> {
  await refreshOverdueSinceOfLoans(tx, [loanId], () => today);
}

/**
 * refreshOverdueSince for many loans (a portfolio re-import that added payments to loans with open cases, or changed
 * their schedules), `today` each loan's own (its borrower's time zone): their histories read a chunk at a time, their
 * cases written in one statement a chunk.
 */
export async function refreshOverdueSinceOfLoans(tx: Executor, loanIds: readonly string[], today: (history: LoanHistory) => IsoDate, chunk = 500): Promise<number> {
  let changed = 0;
  for (let i = 0; i < loanIds.length; i += chunk) {
    const rows = await tx.query.loans.findMany({ with: { ...history, borrower: timezoneOnly }, where: inArray(loans.id, loanIds.slice(i, i + chunk)) });
    const ids: string[] = [];
    const since: IsoDate[] = [];
    for (const row of rows) {
      const h = toHistory(row);
      const day = today(h);
      ids.push(h.loan.id);
      since.push(overdueSince(arrearsInput(h, day, creditorPolicy(h.creditor.policy)), day));
    }
    if (!ids.length) continue;
    const result = await tx.execute(
      sql`update ${cases} set overdue_since = v.since from unnest(${sql.param(ids)}::uuid[], ${sql.param(since)}::date[]) as v(loan_id, since)
          where ${cases.loanId} = v.loan_id and ${cases.overdueSince} is distinct from v.since`,
    );
    changed += result.rowCount ?? 0;
  }
  return changed;
}
