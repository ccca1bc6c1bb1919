import { accrueTo, crystallise, newAccrual, penaltyDailyRate, penaltyRatePpm, type AccrualState, type ExactDailyRate } from './arrears-accrual';
import { capOver, contractCapPeriods, type PrincipalLevel } from './arrears-cap';
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
import { addDays, daysBetween, dpdBucket, type IsoDate } from './dates';
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
 * - Charging. Principal is owed from the start; contractual interest and fees
 *   are charged on the due date. There is no broken-period interest: interest
 *   for the running period is not charged before its due date. Once the whole
 *   principal has been repaid, installments falling due later are not charged
 *   interest or fees (the loan is settled); a partial prepayment does not
 *   re-amortise the schedule — the scheduled interest stays as given.
 * - Rounding. Accrual is exact (BigInt numerators over a fixed denominator).
 *   The cumulative accrued amount of each installment is rounded half-up to the
 *   fen at exactly one kind of point: when it is crystallised, i.e. at each
 *   payment date (to allocate the payment) and at asOf (to report). Rounding
 *   the cumulative amount, never increments, keeps the error under half a fen
 *   however many payments there are. All totals are sums of the reported parts.
 * - Allocation (Civil Code art. 561). Payments are applied in date order,
 *   same-day payments in input order, to what is due on or before their date.
 *   By default (allocationScope 'whole_debt') each class in
 *   policy.allocationOrder (default fees → penalty → compound → interest →
 *   principal) is paid across the whole overdue debt, oldest installment first
 *   (due date, then seq), before the next class; with 'per_installment' (a
 *   contract that stipulates it) each installment is cleared in that order
 *   before the next one is touched. Payments dated after asOf are ignored.
 * - Paying ahead. What is left once everything due is paid either settles the
 *   loan, when it covers all the principal still owed (principal only: later
 *   installments are then cancelled, no interest), or else pays the next
 *   installments in full, in due-date order, interest and fees with their
 *   principal: the borrower who pays a few days early pays that installment,
 *   which is then not overdue when it falls due. Interest paid ahead is charged
 *   from its due date on (for the cap, and in `due`: before it, its due equals
 *   what was paid). Anything left after all principal is repaid is unappliedCredit.
 * - Due today. An installment whose due date is asOf is payable today but not
 *   overdue: its amounts are in totalOverdue ("what must be paid today to clear
 *   arrears", see dueToday), its status is 'not_due' until paid, its daysPastDue 0.
 * - Total-cost cap (SPC 2017 opinion on financial adjudication, art. 2), on
 *   the contract's own basis (arrears-cap.ts, ADR 0013): the cap accrues on the
 *   loan's outstanding principal in the months of the schedule. Principal
 *   paid ahead of its due date counts as repaid from that due date (its month's
 *   interest is charged in full), except in a settlement. Charges = interest
 *   and fees of the installments due by asOf (or cancelled after being paid
 *   ahead) + penalty + compound, paid or not. capExcess = max(0, charges −
 *   cap). What is still owed of the charges above the cap is notEnforceable
 *   (min(capExcess, outstanding charges)); what was already paid above it is
 *   credited against the principal (overdue principal first) in the
 *   enforceable view. enforceableTotalToSettle = totalToSettle − notEnforceable
 *   − that credit.
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
/** What the queue keeps on a case when the payments leave no installment unpaid: a day that never comes (0 days past due). */
export const NEVER_OVERDUE: IsoDate = '9999-12-31';

/**
 * The day from which a loan's days past due count, on any day from `today` until the next payment: the due date of the
 * oldest installment the payments so far leave unpaid, every installment taken as fallen due (so that one whose
 * principal was paid ahead still counts once the interest it is charged on its due date is not paid); NEVER_OVERDUE
 * when they leave none. On any day t from today on, computeArrears' days past due are max(0, t − this day): the
 * queue keeps it on the case (cases.overdue_since) and counts days past due from it, as the case file does.
 */
export function overdueSince(input: ArrearsInput, today: IsoDate): IsoDate {
  const lastDue = input.installments.reduce((last, row) => (row.dueDate > last ? row.dueDate : last), today);
  const everyInstallmentDue = computeArrears({ ...input, asOf: lastDue > today ? addDays(lastDue, 1) : today });
  const unpaid = everyInstallmentDue.installments.filter((row) => row.status !== 'paid').map((row) => row.dueDate);
  return unpaid.length ? unpaid.reduce((first, day) => (day < first ? day : first)) : NEVER_OVERDUE;
}

export function computeArrears(input: ArrearsInput): ArrearsResult {
  validateArrearsInput(input);
  const { loan, asOf, policy } = input;
  const rate: ExactDailyRate = penaltyDailyRate(loan.annualRatePpm, policy.penaltyMarkupPct);
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
  /** Principal repayments for the cap: the date each counts from. */
  const repayments: { on: IsoDate; amount: Fen }[] = [];

  const isCharged = (row: Working, on: IsoDate) => row.dueDate <= on && row.dueDate <= (settledOn ?? on);
  const chargedOn = (row: Working, component: ArrearsComponent, on: IsoDate): Fen => {
    switch (component) {
      case 'principal':
        return row.principalDue;
      case 'interest':
        return isCharged(row, on) ? row.interestDue : row.paid.interest; // paid ahead: charged as paid
      case 'fees':
        return isCharged(row, on) ? row.feesDue : row.paid.fees;
      case 'penalty':
        return crystallise(row.accrual.penaltyNumerator, rate);
      case 'compound':
        return crystallise(row.accrual.compoundNumerator, rate);
    }
  };
  /** Brings every overdue installment's penalty and compound interest up to `on` (days before `on`; accrueTo does nothing for an installment not yet past due). */
  const accrueAll = (on: IsoDate) => {
    for (const row of rows) {
      const overduePrincipal = row.principalDue - row.paid.principal;
      const overdueInterest = compounding ? chargedOn(row, 'interest', on) - row.paid.interest : 0;
      accrueTo(row.accrual, on, overduePrincipal, overdueInterest, rate);
    }
  };
  /** Pays up to `available` of a component of a row, up to `limit` (what is charged, or for paying ahead what is scheduled). */
  const pay = (row: Working, component: ArrearsComponent, available: Fen, limit: Fen, countsFrom: IsoDate): Fen => {
    const amount = Math.min(available, limit - row.paid[component]); // never negative: nothing is paid beyond its limit
    row.paid[component] += amount;
    if (component === 'principal') {
      principalRepaid += amount;
      repayments.push({ on: countsFrom, amount });
    }
    return amount;
  };
  const payDue = (row: Working, component: ArrearsComponent, available: Fen, on: IsoDate) => pay(row, component, available, chargedOn(row, component, on), on);
  const scheduled = (row: Working, component: ArrearsComponent) =>
    component === 'principal' ? row.principalDue : component === 'interest' ? row.interestDue : component === 'fees' ? row.feesDue : 0;

  const payments = input.payments
    .map((payment, index) => ({ ...payment, index }))
    .filter((payment) => payment.receivedOn <= asOf)
    .sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.index - b.index));
  for (const payment of payments) {
    const on = payment.receivedOn;
    accrueAll(on);
    let left = payment.amount;
    const due = rows.filter((row) => row.dueDate <= on);
    if (policy.allocationScope === 'per_installment') {
      for (const row of due) for (const component of policy.allocationOrder) left -= payDue(row, component, left, on);
    } else {
      for (const component of policy.allocationOrder) for (const row of due) left -= payDue(row, component, left, on);
    }
    // What is left once everything due is paid goes ahead. (If anything is left, the installments due are cleared,
    // so the principal still owed is all ahead.)
    const ahead = rows.filter((row) => row.dueDate > on);
    const principalLeft = rows.reduce((sum, row) => sum + row.principalDue - row.paid.principal, 0);
    if (left >= principalLeft) {
      // A settlement: all the principal still owed, today; the later installments are cancelled; the rest is credit.
      for (const row of ahead) left -= pay(row, 'principal', left, row.principalDue, on);
    } else {
      // Paying ahead: the next installments in full, in due-date order; principal counts from each due date.
      for (const row of ahead) for (const component of policy.allocationOrder) left -= pay(row, component, left, scheduled(row, component), row.dueDate);
    }
    unappliedCredit += left;
    if (settledOn === null && principalScheduled > 0 && principalRepaid === principalScheduled) settledOn = on;
  }
  accrueAll(asOf);

  // The cap, on the principal outstanding day by day (repayments in the order they count from).
  repayments.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const levels: PrincipalLevel[] = [];
  let outstanding = loan.principal;
  for (const r of repayments) {
    outstanding = Math.max(0, outstanding - r.amount);
    if (levels.at(-1)?.on === r.on) levels.at(-1)!.outstanding = outstanding;
    else levels.push({ on: r.on, outstanding });
  }
  const periods = contractCapPeriods(loan.startDate, rows.map((r) => r.dueDate), asOf);
  const cap = capOver(periods, loan.principal, levels, asOf, policy.totalCostCapAnnualPct);

  return report(rows, { asOf, loan, cap, unappliedCredit, settledOn, chargedOn, policy });
}

function report(
  rows: Working[],
  ctx: {
    asOf: IsoDate;
    loan: ArrearsInput['loan'];
    cap: Fen;
    unappliedCredit: Fen;
    settledOn: IsoDate | null;
    chargedOn: (row: Working, component: ArrearsComponent, on: IsoDate) => Fen;
    policy: ArrearsInput['policy'];
  },
): ArrearsResult {
  const { asOf, loan, policy, cap } = ctx;
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
    const isDue = row.dueDate <= asOf;
    const cancelled = row.dueDate > (ctx.settledOn ?? row.dueDate);
    for (const c of displayOrder) {
      const due = ctx.chargedOn(row, c, asOf);
      const paid = row.paid[c];
      amounts[c] = { due, paid, outstanding: due - paid };
      total.due += due;
      total.paid += paid;
      total.outstanding += due - paid;
      paidToDate[c] += paid;
      // Interest and fees paid ahead are charged when they fall due (or when the loan is settled without them).
      if (c !== 'principal' && (isDue || cancelled)) charges += due;
      // Of an installment not yet due only principal can be outstanding (what was paid ahead is charged as paid).
      if (isDue) outstandingDue[c] += due - paid;
      else notYetDuePrincipal += due - paid;
    }
    const pastDue = row.dueDate < asOf && total.outstanding > 0;
    const rowDpd = pastDue ? daysBetween(row.dueDate, asOf) : 0;
    daysPastDue = Math.max(daysPastDue, rowDpd);
    if (row.dueDate === asOf) dueToday += total.outstanding;
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
  const capExcess = Math.max(0, charges - cap);
  const outstandingCharges = outstandingDue.fees + outstandingDue.penalty + outstandingDue.compound + outstandingDue.interest;
  const notEnforceable = Math.min(capExcess, outstandingCharges);
  const paidAboveCap = capExcess - notEnforceable;
  const principalCredit = Math.min(paidAboveCap, outstandingDue.principal + notYetDuePrincipal);
  const creditOnOverdue = Math.min(principalCredit, outstandingDue.principal);

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
      enforceableTotalOverdue: totalOverdue - notEnforceable - creditOnOverdue,
      enforceableTotalToSettle: totalToSettle - notEnforceable - principalCredit,
    },
    paidToDate: { ...paidToDate, total: arrearsComponents.reduce((sum, c) => sum + paidToDate[c], 0) },
    unappliedCredit: ctx.unappliedCredit,
    daysPastDue,
    bucket: dpdBucket(daysPastDue),
    cap: {
      annualPct: policy.totalCostCapAnnualPct,
      basis: 'contract_months',
      days: capDays,
      cap,
      charges,
      capExcess,
      notEnforceable,
      paidAboveCap,
      principalCredit,
      capApplies: capExcess > 0,
    },
  };
}
