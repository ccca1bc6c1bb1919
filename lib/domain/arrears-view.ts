import type { InstallmentArrears } from './arrears-model';

/** An installment that is past due with something still owed on it. */
export const isOwed = (i: Pick<InstallmentArrears, 'status'>) => i.status === 'overdue' || i.status === 'partly_paid';

/**
 * What a borrower is shown of the schedule first: every installment still
 * owed, then the next one to fall due — the whole schedule only when asked, so
 * a cheap phone is not sent every line of a long loan that is mostly settled
 * or far off.
 */
export function installmentsToShowFirst<T extends Pick<InstallmentArrears, 'status'>>(installments: readonly T[]): T[] {
  const nextDue = installments.find((i) => i.status === 'not_due');
  return installments.filter((i) => isOwed(i) || i === nextDue);
}
