import { isIsoDate, type DpdBucket, type IsoDate } from './dates';
import { assertFen, type Fen } from './money';
import type { CreditorPolicy } from './policy';
import type { AccrualPeriod } from './arrears-accrual';

/** Input and result types of the arrears engine (lib/domain/arrears.ts), and input validation. */

export type ArrearsComponent = 'fees' | 'penalty' | 'compound' | 'interest' | 'principal';
export const arrearsComponents: readonly ArrearsComponent[] = ['fees', 'penalty', 'compound', 'interest', 'principal'];

export type ArrearsInput = {
  loan: { principal: Fen; annualRatePpm: number; startDate: IsoDate };
  installments: ReadonlyArray<{ seq: number; dueDate: IsoDate; principalDue: Fen; interestDue: Fen; feesDue: Fen }>;
  payments: ReadonlyArray<{ receivedOn: IsoDate; amount: Fen }>;
  asOf: IsoDate;
  policy: Pick<CreditorPolicy, 'penaltyMarkupPct' | 'compoundOnOverdueInterest' | 'totalCostCapAnnualPct' | 'allocationOrder' | 'allocationScope'>;
};

/** due = charged so far; paid + outstanding = due. */
export type ComponentAmounts = { due: Fen; paid: Fen; outstanding: Fen };

export type InstallmentStatus = 'paid' | 'overdue' | 'partly_paid' | 'not_due';

export type InstallmentArrears = {
  seq: number;
  dueDate: IsoDate;
  /**
   * paid: due and nothing outstanding, or cancelled because the loan was paid off before it fell due;
   * overdue: past its due date, nothing paid; partly_paid: due, part paid, part outstanding;
   * not_due: due date after asOf (even if partly prepaid), or due today and nothing paid yet.
   */
  status: InstallmentStatus;
  /** asOf − dueDate while anything is outstanding and the due date has passed, else 0. */
  daysPastDue: number;
  principal: ComponentAmounts;
  interest: ComponentAmounts;
  penalty: ComponentAmounts;
  compound: ComponentAmounts;
  fees: ComponentAmounts;
  total: ComponentAmounts;
  penaltyRatePpm: number;
  /** Days on which penalty (on principal) and compound interest (on interest) actually accrued. */
  penaltyDays: number;
  compoundDays: number;
  accrualPeriods: AccrualPeriod[];
};

export type ArrearsTotals = {
  /** Outstanding on installments due on or before asOf. */
  overduePrincipal: Fen;
  overdueInterest: Fen;
  penalty: Fen;
  compound: Fen;
  fees: Fen;
  /** Sum of the five above: what must be paid today to clear arrears. */
  totalOverdue: Fen;
  /** Part of totalOverdue on installments falling due exactly on asOf (not yet overdue). */
  dueToday: Fen;
  /** Unpaid principal of installments due after asOf. */
  notYetDuePrincipal: Fen;
  /** totalOverdue + notYetDuePrincipal: pays the loan off today. */
  totalToSettle: Fen;
  /** totalOverdue less what is not enforceable and the principal credit on the overdue principal. */
  enforceableTotalOverdue: Fen;
  /** totalToSettle less what is not enforceable and the whole principal credit: what a court would enforce today. */
  enforceableTotalToSettle: Fen;
};

export type PaidBreakdown = Record<ArrearsComponent, Fen> & { total: Fen };

export type CostCap = {
  annualPct: number;
  /** The cap is counted in the months of the contract's schedule, like its interest (arrears-cap.ts; ADR 0013). */
  basis: 'contract_months';
  /** Days from loan.startDate to asOf. */
  days: number;
  cap: Fen;
  /** Interest and fees of the installments due by asOf, penalty and compound interest, charged up to asOf, paid or not. */
  charges: Fen;
  capExcess: Fen;
  /** min(capExcess, outstanding charges): charges still owed that a court would not enforce. */
  notEnforceable: Fen;
  /** capExcess − notEnforceable: charges already paid above the cap. */
  paidAboveCap: Fen;
  /** min(paidAboveCap, principal still owed): credited against the principal in the enforceable view (overdue principal first). */
  principalCredit: Fen;
  capApplies: boolean;
};

export type ArrearsResult = {
  asOf: IsoDate;
  penaltyRatePpm: number;
  installments: InstallmentArrears[];
  totals: ArrearsTotals;
  paidToDate: PaidBreakdown;
  /** Received but not applicable (everything, principal included, already paid). */
  unappliedCredit: Fen;
  daysPastDue: number;
  bucket: DpdBucket;
  cap: CostCap;
};

function assertDate(date: IsoDate, what: string): void {
  // Refuses dates that do not exist, such as 2026-02-30.
  if (!isIsoDate(date)) throw new RangeError(`${what} must be a YYYY-MM-DD date, got ${date}`);
}
function assertNonNegativeFen(value: number, what: string): void {
  assertFen(value, what);
  if (value < 0) throw new RangeError(`${what} must not be negative`);
}

export function validateArrearsInput(input: ArrearsInput): void {
  const { loan, installments, payments, asOf, policy } = input;
  assertNonNegativeFen(loan.principal, 'loan principal');
  assertDate(loan.startDate, 'loan start date');
  assertDate(asOf, 'asOf');
  const seqs = new Set<number>();
  for (const row of installments) {
    if (seqs.has(row.seq)) throw new RangeError(`installment seq ${row.seq} appears twice`);
    seqs.add(row.seq);
    assertDate(row.dueDate, `installment ${row.seq} due date`);
    assertNonNegativeFen(row.principalDue, `installment ${row.seq} principal`);
    assertNonNegativeFen(row.interestDue, `installment ${row.seq} interest`);
    assertNonNegativeFen(row.feesDue, `installment ${row.seq} fees`);
  }
  for (const payment of payments) {
    assertDate(payment.receivedOn, 'payment date');
    assertNonNegativeFen(payment.amount, 'payment amount');
  }
  if (policy.allocationScope !== 'whole_debt' && policy.allocationScope !== 'per_installment') throw new RangeError('allocationScope must be whole_debt or per_installment');
  const order = policy.allocationOrder;
  if (order.length !== arrearsComponents.length || arrearsComponents.some((c) => !order.includes(c))) {
    throw new RangeError('allocationOrder must list fees, penalty, compound, interest and principal once each');
  }
}

