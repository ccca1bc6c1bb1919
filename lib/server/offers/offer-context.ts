import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { cases } from '@/db/schema';
import { hardshipStatements } from '@/db/schema';
import { todayIn } from '@/lib/domain/dates';
import type { OfferContext } from '@/lib/domain/offer-terms';
import { arrearsOf, loanPartiesWithHistory } from '../loans/loan-history';
import { creditorPolicy } from '../creditor-policy';

type CaseRow = typeof cases.$inferSelect;

/** Everything the offer engine needs for a case, as of today in the borrower's time zone. */
export async function loadOfferContext(db: Executor, kase: CaseRow): Promise<OfferContext & { timeZone: string; borrowerLocale: string; borrowerPhone: string }> {
  // Sequential: `db` is often a transaction (one connection, one query at a time).
  const history = await loanPartiesWithHistory(db, kase.loanId);
  const { loan, creditor, borrower } = history;
  const policy = creditorPolicy(creditor.policy);
  const asOf = todayIn(borrower.timezone);
  const [statement] = await db
    .select({ disposableIncome: hardshipStatements.disposableIncome })
    .from(hardshipStatements)
    .where(and(eq(hardshipStatements.caseId, kase.id), eq(hardshipStatements.status, 'submitted')))
    .orderBy(desc(hardshipStatements.version))
    .limit(1);
  return {
    asOf,
    loan: {
      principal: loan.principal,
      annualRatePpm: loan.annualRatePpm,
      termMonths: loan.termMonths,
      startDate: loan.startDate,
      maturityDate: loan.maturityDate,
      extendedMonths: loan.extendedMonths,
      installments: history.schedule,
    },
    arrears: arrearsOf(history, asOf, policy),
    policy,
    disposableIncome: statement?.disposableIncome ?? null,
    timeZone: borrower.timezone,
    borrowerLocale: borrower.locale,
    borrowerPhone: borrower.phone,
  };
}

/**
 * The context as the browser gets it for the live preview: the day-by-day
 * accrual periods (the loan page's explanation) are not needed to price an
 * offer, and would only weigh on a cheap phone.
 */
export function contextForClient(context: OfferContext): OfferContext {
  return { ...context, arrears: { ...context.arrears, installments: context.arrears.installments.map((row) => ({ ...row, accrualPeriods: [] })) } };
}
