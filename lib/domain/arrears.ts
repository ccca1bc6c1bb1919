import {
  accrueTo,
  capDailyRate,
  crystallise,
  newAccrual,
  penaltyDailyRate,
  penaltyRatePpm,
  type AccrualState,
  type ExactDailyRate,
} from './arrears-accrual';
import {
  arrearsComponents,
  validateArrearsInput,
  type ArrearsComponent,
  type ArrearsInput,
  type ArrearsResult,
  type ComponentAmounts,
  type InstallmentArrears,
  type InstallmentStatus,
} from './arrears-model';
import { daysBetween, dpdBucket, type IsoDate } from './dates';
import type { Fen } from './money';

/**
 * The arrears engine: what a borrower owes on a given day and why.
 *
 * Conventions (DESIGN.md, "Domain rules"):
 *
 * - Day count. Daily rate = annual rate / 360; days are actual calendar days,
 *   counted like interest, "算头不算尾": a stretch from date a to date b is
 *   b − a days. An installment is overdue from the day after its due date;
 *   penalty (罚息) and compound interest (复利) accrue from the due date, so on
 *   day dueDate + n an unpaid installment has accrued n days (= its days past
 *   due). A payment received on day D is applied on D and stops accrual on
 *   what it paid from D on: the days up to D are charged on the old balance,
 *   the days from D on the new one. Reporting as of a date uses the same rule,
 *   so paying on asOf exactly what is reported as of asOf clears it.
 * - Penalty accrues on the installment's unpaid principal, compound interest
 *   on its unpaid contractual interest (only if compoundOnOverdueInterest),
 *   both at the penalty rate = contract rate × (1 + penaltyMarkupPct%).
 *   Neither accrues on fees, nor on penalty or compound interest.
 * - Charging. Principal is owed from the start (so a prepayment is simply a
 *   payment of principal); contractual interest and fees are charged on the
 *   due date. There is no broken-period interest: interest for the running
 *   period is not charged before its due date. Once the whole principal has
 *   been repaid, installments falling due later are not charged interest or
 *   fees (the loan is settled); a partial prepayment does not re-amortise the
 *   schedule — the scheduled interest stays as given.
 * - Rounding. Accrual is exact (BigInt numerators over a fixed denominator).
 *   The cumulative accrued amount of each installment is rounded half-up to the
 *   fen at exactly one kind of point: when it is crystallised, i.e. at each
 *   payment date (to allocate the payment) and at asOf (to report). Rounding
 *   the cumulative amount, never increments, keeps the error under half a fen
 *   however many payments there are. All totals are sums of the reported parts.
 * - Allocation (Civil Code art. 561 reading): payments are applied in date
 *   order, same-day payments in input order. Each payment goes to the
 *   installments due on or before its date, oldest first (due date, then
 *   seq); each installment is cleared in policy.allocationOrder (default fees →
 *   penalty → compound → interest → principal) before the next one is touched.
 *   A surplus prepays the principal of the earliest installments not yet due;
 *   anything left after all principal is repaid is reported as unappliedCredit.
 *   Payments dated after asOf are ignored.
 * - Due today. An installment whose due date is asOf is payable today but not
 *   overdue: its amounts are in totalOverdue ("what must be paid today to clear
 *   arrears", see dueToday), its status is 'not_due' until paid, its daysPastDue 0.
 * - Total-cost cap (SPC 2017 opinion on financial adjudication, art. 2).
 *   Charges = contractual interest + penalty + compound + fees charged up to
 *   asOf, paid or not. Cap = Σ over each day from loan.startDate up to asOf
 *   (asOf − startDate days) of the loan's outstanding principal that day
 *   (loan.principal − principal repaid so far) × totalCostCapAnnualPct / 100 / 360,
 *   exact and rounded half-up once at asOf. capExcess = max(0, charges − cap);
 *   notEnforceable = min(capExcess, outstanding charges); the enforceable totals
 *   are the contractual totals minus notEnforceable.
 */

export { penaltyRatePpm } from './arrears-accrual';
export type { AccrualPeriod } from './arrears-accrual';
export type {
  ArrearsComponent,
  ArrearsInput,
  ArrearsResult,
  ArrearsTotals,
  ComponentAmounts,
  CostCap,
  InstallmentArrears,
  InstallmentStatus,
  PaidBreakdown,
} from './arrears-model';

/** The order components are listed in a result (allocation follows policy.allocationOrder instead). */
const displayOrder: readonly ArrearsComponent[] = ['principal', 'interest', 'penalty', 'compound', 'fees'];

type Working = {
  seq: number;
  dueDate: IsoDate;
  principalDue: Fen;
  interestDue: Fen;
  feesDue: Fen;
  paid: Record<ArrearsComponent, Fen>;
  accrual: AccrualState;
};

function compareInstallments(a: { dueDate: IsoDate; seq: number }, b: { dueDate: IsoDate; seq: number }): number {
  return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.seq - b.seq;
}

/** Computes the arrears as of a date. Pure and deterministic: the same input always gives the same result. */
export function computeArrears(input: ArrearsInput): ArrearsResult {
  validateArrearsInput(input);
  const { loan, asOf, policy } = input;
  const rate: ExactDailyRate = penaltyDailyRate(loan.annualRatePpm, policy.penaltyMarkupPct);
  const capRate = capDailyRate(policy.totalCostCapAnnualPct);
  const compounding = policy.compoundOnOverdueInterest;

  const rows: Working[] = [...input.installments].sort(compareInstallments).map((row) => ({
    seq: row.seq,
    dueDate: row.dueDate,
    principalDue: row.principalDue,
    interestDue: row.interestDue,
    feesDue: row.feesDue,
    paid: { fees: 0, penalty: 0, compound: 0, interest: 0, principal: 0 },
    accrual: newAccrual(row.dueDate),
  }));
  const principalScheduled = rows.reduce((sum, r) => sum + r.principalDue, 0);
  let principalRepaid = 0;
  /** Date on which the whole principal was repaid: installments due after it are cancelled. */
  let settledOn: IsoDate | null = null;
  let unappliedCredit = 0;

  // Cap accrual on the loan's outstanding principal, day by day from the start date.
  let capNumerator = 0n;
  let capAccruedTo = loan.startDate;
  const advanceCap = (to: IsoDate) => {
    const days = daysBetween(capAccruedTo, to);
    if (days <= 0) return;
    capNumerator += BigInt(Math.max(0, loan.principal - principalRepaid)) * BigInt(days) * capRate.perFenDay;
    capAccruedTo = to;
  };

  const isCharged = (row: Working, on: IsoDate) => row.dueDate <= on && (settledOn === null || row.dueDate <= settledOn);
  const chargedOn = (row: Working, component: ArrearsComponent, on: IsoDate): Fen => {
    switch (component) {
      case 'principal':
        return row.principalDue;
      case 'interest':
        return isCharged(row, on) ? row.interestDue : 0;
      case 'fees':
        return isCharged(row, on) ? row.feesDue : 0;
      case 'penalty':
        return crystallise(row.accrual.penaltyNumerator, rate);
      case 'compound':
        return crystallise(row.accrual.compoundNumerator, rate);
    }
  };
  /** Brings every overdue installment's penalty and compound interest up to `on` (days before `on`). */
  const accrueAll = (on: IsoDate) => {
    for (const row of rows) {
      if (row.dueDate >= on) continue;
      const overduePrincipal = row.principalDue - row.paid.principal;
      const overdueInterest = compounding ? chargedOn(row, 'interest', on) - row.paid.interest : 0;
      accrueTo(row.accrual, on, overduePrincipal, overdueInterest, rate);
    }
  };
  const apply = (row: Working, component: ArrearsComponent, available: Fen, on: IsoDate): Fen => {
    const amount = Math.min(available, chargedOn(row, component, on) - row.paid[component]);
    if (amount <= 0) return 0;
    row.paid[component] += amount;
    if (component === 'principal') principalRepaid += amount;
    return amount;
  };

  const payments = input.payments
    .map((payment, index) => ({ ...payment, index }))
    .filter((payment) => payment.receivedOn <= asOf)
    .sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.index - b.index));
  for (const payment of payments) {
    const on = payment.receivedOn;
    accrueAll(on);
    advanceCap(on);
    let left = payment.amount;
    for (const row of rows) {
      if (left === 0 || row.dueDate > on) break;
      for (const component of policy.allocationOrder) left -= apply(row, component, left, on);
    }
    // Surplus: prepay principal of the earliest installments not yet due.
    for (const row of rows) {
      if (left === 0) break;
      if (row.dueDate > on) left -= apply(row, 'principal', left, on);
    }
    unappliedCredit += left;
    if (settledOn === null && principalScheduled > 0 && principalRepaid === principalScheduled) settledOn = on;
  }
  accrueAll(asOf);
  advanceCap(asOf);

  return report(rows, { asOf, loan, capRate, capNumerator, unappliedCredit, settledOn, chargedOn, policy });
}

function report(
  rows: Working[],
  ctx: {
    asOf: IsoDate;
    loan: ArrearsInput['loan'];
    capRate: ExactDailyRate;
    capNumerator: bigint;
    unappliedCredit: Fen;
    settledOn: IsoDate | null;
    chargedOn: (row: Working, component: ArrearsComponent, on: IsoDate) => Fen;
    policy: ArrearsInput['policy'];
  },
): ArrearsResult {
  const { asOf, loan, policy } = ctx;
  const ratePpm = penaltyRatePpm(loan.annualRatePpm, policy.penaltyMarkupPct);
  const zero = (): Record<ArrearsComponent, Fen> => ({ fees: 0, penalty: 0, compound: 0, interest: 0, principal: 0 });
  const paidToDate = zero();
  const outstandingDue = zero(); // on installments due on or before asOf
  let notYetDuePrincipal = 0;
  let dueToday = 0;
  let charges = 0;
  let daysPastDue = 0;

  const installments = rows.map((row): InstallmentArrears => {
    const amounts = {} as Record<ArrearsComponent, ComponentAmounts>;
    const total: ComponentAmounts = { due: 0, paid: 0, outstanding: 0 };
    for (const c of displayOrder) {
      const due = ctx.chargedOn(row, c, asOf);
      const paid = row.paid[c];
      amounts[c] = { due, paid, outstanding: due - paid };
      total.due += due;
      total.paid += paid;
      total.outstanding += due - paid;
      paidToDate[c] += paid;
      if (c !== 'principal') charges += due;
      if (row.dueDate <= asOf || c !== 'principal') outstandingDue[c] += due - paid;
      else notYetDuePrincipal += due - paid;
    }
    const isDue = row.dueDate <= asOf;
    const pastDue = row.dueDate < asOf && total.outstanding > 0;
    const rowDpd = pastDue ? daysBetween(row.dueDate, asOf) : 0;
    daysPastDue = Math.max(daysPastDue, rowDpd);
    if (row.dueDate === asOf) dueToday += total.outstanding;
    const cancelled = ctx.settledOn !== null && row.dueDate > ctx.settledOn;
    let status: InstallmentStatus;
    if (cancelled || (isDue && total.outstanding === 0)) status = 'paid';
    else if (!isDue) status = 'not_due';
    else if (total.paid > 0) status = 'partly_paid';
    else status = pastDue ? 'overdue' : 'not_due';
    const periods = row.accrual.periods.map((p) => ({ ...p }));
    return {
      seq: row.seq,
      dueDate: row.dueDate,
      status,
      daysPastDue: rowDpd,
      ...amounts,
      total,
      penaltyRatePpm: ratePpm,
      penaltyDays: periods.reduce((sum, p) => sum + (p.overduePrincipal > 0 ? p.days : 0), 0),
      compoundDays: periods.reduce((sum, p) => sum + (p.overdueInterest > 0 ? p.days : 0), 0),
      accrualPeriods: periods,
    };
  });

  const totalOverdue = arrearsComponents.reduce((sum, c) => sum + outstandingDue[c], 0);
  const totalToSettle = totalOverdue + notYetDuePrincipal;
  const capDays = Math.max(0, daysBetween(loan.startDate, asOf));
  const cap = crystallise(ctx.capNumerator, ctx.capRate);
  const capExcess = Math.max(0, charges - cap);
  const outstandingCharges = outstandingDue.fees + outstandingDue.penalty + outstandingDue.compound + outstandingDue.interest;
  const notEnforceable = Math.min(capExcess, outstandingCharges);

  return {
    asOf,
    penaltyRatePpm: ratePpm,
    installments,
    totals: {
      overduePrincipal: outstandingDue.principal,
      overdueInterest: outstandingDue.interest,
      penalty: outstandingDue.penalty,
      compound: outstandingDue.compound,
      fees: outstandingDue.fees,
      totalOverdue,
      dueToday,
      notYetDuePrincipal,
      totalToSettle,
      enforceableTotalOverdue: totalOverdue - notEnforceable,
      enforceableTotalToSettle: totalToSettle - notEnforceable,
    },
    paidToDate: { ...paidToDate, total: arrearsComponents.reduce((sum, c) => sum + paidToDate[c], 0) },
    unappliedCredit: ctx.unappliedCredit,
    daysPastDue,
    bucket: dpdBucket(daysPastDue),
    cap: { annualPct: policy.totalCostCapAnnualPct, basis: 'daily_outstanding_principal', days: capDays, cap, charges, capExcess, notEnforceable, capApplies: capExcess > 0 },
  };
}
