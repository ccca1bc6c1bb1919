import 'server-only';
import { asc, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { loans } from '@/db/schema';
import { installments, payments } from '@/db/schema';
import { computeArrears, type ArrearsResult } from '@/lib/domain/arrears';
import { prepared } from '../prepared';
import type { IsoDate } from '@/lib/domain/dates';
import type { CreditorPolicy } from '@/lib/domain/policy';

type LoanRow = typeof loans.$inferSelect;
type PaymentRow = typeof payments.$inferSelect;

const loanIds = sql.placeholder('loanIds');
const scheduleOf = prepared((db) =>
  db.select().from(installments).where(sql`${installments.loanId} = any(${loanIds}::uuid[])`).orderBy(asc(installments.loanId), asc(installments.seq)).prepare('arrears_schedule'),
);
const paymentsOf = prepared((db) =>
  db.select().from(payments).where(sql`${payments.loanId} = any(${loanIds}::uuid[])`).orderBy(asc(payments.receivedOn), asc(payments.createdAt)).prepare('arrears_payments'),
);

/**
 * Arrears for several loans at once (two queries, whatever the count): the
 * schedule and payments from the database, the arithmetic from the domain,
 * each loan under its creditor's policy (one policy, or one per loan). The
 * payments come back too, for pages that list them.
 */
export async function arrearsAndPaymentsForLoans(db: Executor, loanRows: LoanRow[], asOf: IsoDate, policy: CreditorPolicy | ((loan: LoanRow) => CreditorPolicy)) {
  const ids = loanRows.map((l) => l.id);
  const arrears = new Map<string, ArrearsResult>();
  if (!ids.length) return { arrears, payments: [] as PaymentRow[] };
  // One after the other: `db` may be a transaction, whose single connection runs one query at a time.
  const scheduleRows = await scheduleOf(db).execute({ loanIds: ids });
  const paymentRows = await paymentsOf(db).execute({ loanIds: ids });
  for (const loan of loanRows) {
    arrears.set(
      loan.id,
      computeArrears({
        loan: { principal: loan.principal, annualRatePpm: loan.annualRatePpm, startDate: loan.startDate },
        installments: scheduleRows.filter((r) => r.loanId === loan.id).map((r) => ({ seq: r.seq, dueDate: r.dueDate, principalDue: r.principalDue, interestDue: r.interestDue, feesDue: r.feesDue })),
        payments: paymentRows.filter((p) => p.loanId === loan.id).map((p) => ({ receivedOn: p.receivedOn, amount: p.amount })),
        asOf,
        policy: typeof policy === 'function' ? policy(loan) : policy,
      }),
    );
  }
  return { arrears, payments: paymentRows };
}

export async function arrearsForLoans(db: Executor, loanRows: LoanRow[], asOf: IsoDate, policy: CreditorPolicy | ((loan: LoanRow) => CreditorPolicy)): Promise<Map<string, ArrearsResult>> {
  return (await arrearsAndPaymentsForLoans(db, loanRows, asOf, policy)).arrears;
}
