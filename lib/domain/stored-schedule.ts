import type { ArrearsInput } from './arrears-model';
import type { IsoDate } from './dates';
import type { Fen } from './money';

/**
 * A loan's contractual schedule as the loan stores it (db/schema/loans.ts): four arrays, element n of each being
 * installment n's due date, principal, interest and fees. The one place that turns them into installment rows
 * (what the arrears engine reads) and back.
 */
export type ScheduleColumns = { scheduleDueDates: IsoDate[]; schedulePrincipal: Fen[]; scheduleInterest: Fen[]; scheduleFees: Fen[] };

export type StoredInstallment = ArrearsInput['installments'][number];

/** The installments, numbered from 1 in order. */
export function scheduleOf(loan: ScheduleColumns): StoredInstallment[] {
  return loan.scheduleDueDates.map((dueDate, i) => ({ seq: i + 1, dueDate, principalDue: loan.schedulePrincipal[i]!, interestDue: loan.scheduleInterest[i]!, feesDue: loan.scheduleFees[i]! }));
}

/** The columns for a schedule (the builder's rows: lib/domain/schedule.ts), in the order of seq; no fees unless given. */
export function scheduleColumns(rows: readonly { seq: number; dueDate: IsoDate; principal: Fen; interest: Fen; fees?: Fen }[]): ScheduleColumns {
  const ordered = [...rows].sort((a, b) => a.seq - b.seq);
  ordered.forEach((row, i) => {
    if (row.seq !== i + 1) throw new Error(`scheduleColumns: installment ${i + 1} is numbered ${row.seq}`);
  });
  return {
    scheduleDueDates: ordered.map((r) => r.dueDate),
    schedulePrincipal: ordered.map((r) => r.principal),
    scheduleInterest: ordered.map((r) => r.interest),
    scheduleFees: ordered.map((r) => r.fees ?? 0),
  };
}
