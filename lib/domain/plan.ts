import { addDays, daysBetween, type IsoDate } from './dates';
import { assertFen, type Fen } from './money';

/**
 * Tracking a repayment plan (还款计划) after the agreement is executed: where
 * each payment goes, which installments are paid, due, missed, and whether the
 * plan is kept, broken or paid in full. Pure: the same installments, payments,
 * terms and day always give the same answer, so the state is recomputed from
 * the payments whenever one is recorded, reversed or back-dated, never patched.
 *
 * Rules (the agreement's terms, DESIGN.md "Domain rules"):
 *
 * - Components. A plan installment carries carried-over charges (the overdue
 *   interest, penalty, compound interest and fees of the loan, brought into
 *   the plan without interest), the plan's own interest, and principal. No
 *   penalty accrues inside the plan: the agreement's remedy for a missed
 *   installment is breach, not interest.
 * - Allocation (Civil Code art. 561: costs → interest → principal). A payment
 *   received on day D goes first to what is due on or before D. With scope
 *   'whole_debt' (the statute's default) each class — charges, then interest,
 *   then principal — is paid across all those installments, oldest first (due
 *   date, then number), before the next class; with 'per_installment' (when the
 *   contract stipulates it) each installment is cleared in that order before
 *   the next is touched. Same-day payments apply in the order given.
 * - Paying ahead. What is left either settles the plan, when it covers the
 *   charges and principal of every installment not yet due (the agreement,
 *   art. 6: settling early, no interest is charged for installments not yet
 *   due, so their unpaid interest is cancelled), or pays the next installments
 *   in full, in due-date order (charges, interest, principal), so that a
 *   borrower who pays a few days early has paid that installment.
 * - Interest for the time actually borrowed (Civil Code art. 677; the
 *   agreement, art. 6.2). An installment's interest is earned over its period,
 *   from the previous installment's (original) due date, or the plan's start,
 *   to its own, on the plan principal scheduled for that period: its own and
 *   every later installment's. Principal of that installment or a later one
 *   paid before the period ends bears no interest from the day it is paid: the
 *   interest is reduced by interest × Σ (principal × days of the period left
 *   after it was paid) ÷ (scheduled principal × days of the period), rounded up
 *   to the fen, and that part is never charged (interestCancelled). Principal
 *   paid on or after its due date changes nothing (no interest is added inside
 *   the plan either). Interest already paid ahead that becomes not owed this way
 *   comes back to the payment that caused it and pays on like the rest of it,
 *   until nothing more comes back; the payment's allocations show it as a
 *   negative amount of interest on the installment it came back from.
 * - Excess. Anything left once every installment is paid is excess: recorded,
 *   never lost, and shown for a refund decision.
 * - Missed. An installment is missed when it is not paid in full by the end of
 *   its grace period (due date + graceDays; the agreement, art. 7: paid in
 *   full within the grace period counts as paid on time) and that day has
 *   passed. Judged by the payments' dates, so a payment recorded late but
 *   dated in time means the installment was never missed. An installment that
 *   fell due before the agreement came into force (the creditor countersigned
 *   late) has its grace period from the day it came into force: the borrower
 *   cannot miss a payment of an agreement not yet binding.
 * - Breach. breachConsecutiveMisses missed installments in a row (in due-date
 *   order) are a breach, on the day after the grace period of the last of them.
 * - Paid in full. The plan is complete on the day its last installment is paid.
 */

export type PlanComponent = 'charges' | 'interest' | 'principal';
/** Costs and the older interest first, then the plan's interest, then principal. */
export const planComponents: readonly PlanComponent[] = ['charges', 'interest', 'principal'];

export type AllocationScope = 'whole_debt' | 'per_installment';

export type PlanRules = {
  graceDays: number;
  breachConsecutiveMisses: number;
  allocationScope: AllocationScope;
  /** The day the plan's interest starts: the start of the first installment's period (the day the offer was priced). */
  interestFrom: IsoDate;
  /** The day the agreement came into force (countersigned), in the borrower's time zone: no grace period ends before it plus the grace days. */
  inForceFrom?: IsoDate;
};

/** dueDate is the current one (a delay moves it); originalDueDate, when it differs, the one the interest was priced to. */
export type PlanInstallmentInput = { seq: number; dueDate: IsoDate; originalDueDate?: IsoDate; charges: Fen; interest: Fen; principal: Fen };
export type PlanPaymentInput = { id: string; receivedOn: IsoDate; amount: Fen };

export type ComponentSplit = Record<PlanComponent, Fen>;
export type PlanAllocation = ComponentSplit & { seq: number; total: Fen };

export type PlanInstallmentState =
  /** Paid in full by the end of its grace period (or ahead, or cancelled by an early settlement). */
  | 'paid'
  /** Paid in full, but only after its grace period ended: it counted as missed. */
  | 'paid_late'
  /** Not yet due. */
  | 'upcoming'
  /** Due, and still within its grace period. */
  | 'due'
  /** Not paid in full by the end of its grace period. */
  | 'missed';

export type PlanInstallmentResult = {
  seq: number;
  dueDate: IsoDate;
  /** The last day a payment counts as on time. */
  graceEnds: IsoDate;
  /** As scheduled, by component. */
  scheduled: ComponentSplit;
  /** As scheduled (charges + interest + principal). */
  amount: Fen;
  paid: ComponentSplit;
  paidTotal: Fen;
  /** Interest never charged: for periods cut short by principal paid early, or cancelled by an early settlement. */
  interestCancelled: Fen;
  /** amount − interestCancelled − paidTotal. */
  outstanding: Fen;
  /** The day the installment was paid in full, if it has been. */
  paidOn: IsoDate | null;
  state: PlanInstallmentState;
  /** Not paid in full by the end of its grace period, which has passed (also when it was paid later). */
  missed: boolean;
};

export type PlanPaymentResult = { id: string; receivedOn: IsoDate; amount: Fen; allocations: PlanAllocation[]; allocated: Fen; excess: Fen; settledEarly: boolean };

export type PlanResult = {
  asOf: IsoDate;
  installments: PlanInstallmentResult[];
  payments: PlanPaymentResult[];
  totals: {
    /** Σ scheduled amounts. */
    scheduled: Fen;
    /** Σ payments received. */
    received: Fen;
    /** Σ allocated to installments (received − excess). */
    paid: Fen;
    excess: Fen;
    interestCancelled: Fen;
    /** Still to pay on the plan. */
    remaining: Fen;
    /** Outstanding on installments due on or before asOf (within their grace period or not). */
    dueNow: Fen;
    /** Outstanding on missed installments. */
    overdue: Fen;
    /** What pays off the whole plan today: everything due, and the charges and principal of what is not yet due. */
    settleToday: Fen;
  };
  /** The first installment with something left to pay. */
  next: { seq: number; dueDate: IsoDate; outstanding: Fen; graceEnds: IsoDate } | null;
  /** The longest run of missed installments in a row, as of asOf, ending at the latest one. */
  consecutiveMisses: number;
  /** The day the plan was broken, if it was by asOf. */
  breachedOn: IsoDate | null;
  /** The day the last installment was paid, if every one is. */
  completedOn: IsoDate | null;
};

type Row = PlanInstallmentInput & {
  paid: ComponentSplit;
  cancelled: Fen;
  paidOn: IsoDate | null;
  /** Its interest period [fromDay, toDay) as day numbers (days since 1970-01-01), and the plan principal scheduled over it (its own and every later installment's). */
  fromDay: number;
  toDay: number;
  balance: Fen;
  /** Where it stands in the order of the interest periods. */
  order: number;
  /** Σ principal scheduled over the period repaid before its end × the days of the period left after it was repaid. */
  repaidDays: number;
  /** repaidDays when the interest not owed was last worked out from it. */
  cutFor: number;
};

const total = (split: ComponentSplit) => split.charges + split.interest + split.principal;
const scheduledOf = (row: PlanInstallmentInput) => row.charges + row.interest + row.principal;
const owedOf = (row: Row, c: PlanComponent) => (c === 'interest' ? row.interest - row.cancelled : row[c]) - row.paid[c];
const outstandingOf = (row: Row) => planComponents.reduce((sum, c) => sum + owedOf(row, c), 0);

function compareRows(a: { dueDate: IsoDate; seq: number }, b: { dueDate: IsoDate; seq: number }) {
  return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.seq - b.seq;
}

function validate(installments: readonly PlanInstallmentInput[], payments: readonly PlanPaymentInput[], rules: PlanRules) {
  const seqs = new Set<number>();
  for (const row of installments) {
    if (seqs.has(row.seq)) throw new RangeError(`installment ${row.seq} appears twice`);
    seqs.add(row.seq);
    for (const c of planComponents) {
      assertFen(row[c], `installment ${row.seq} ${c}`);
      if (row[c] < 0) throw new RangeError(`installment ${row.seq} ${c} is negative`);
    }
  }
  for (const payment of payments) {
    assertFen(payment.amount, `payment ${payment.id}`);
    if (payment.amount <= 0) throw new RangeError(`payment ${payment.id} is not positive`);
  }
  if (!Number.isInteger(rules.graceDays) || rules.graceDays < 0) throw new RangeError('graceDays must be a whole number ≥ 0');
  if (!Number.isInteger(rules.breachConsecutiveMisses) || rules.breachConsecutiveMisses < 1) throw new RangeError('breachConsecutiveMisses must be ≥ 1');
}

/** The state of a plan on a day, from its installments (with their current due dates) and the payments not reversed. */
export function trackPlan(installments: readonly PlanInstallmentInput[], payments: readonly PlanPaymentInput[], rules: PlanRules, asOf: IsoDate): PlanResult {
  validate(installments, payments, rules);
  const periods = interestPeriods(installments, rules.interestFrom);
  const rows = [...periods].sort(compareRows);
  const ordered = payments
    .map((payment, index) => ({ payment, index }))
    .filter(({ payment }) => payment.receivedOn <= asOf)
    .sort((a, b) => (a.payment.receivedOn < b.payment.receivedOn ? -1 : a.payment.receivedOn > b.payment.receivedOn ? 1 : a.index - b.index));

  const paymentResults: PlanPaymentResult[] = [];
  for (const { payment } of ordered) {
    const on = payment.receivedOn;
    const given = new Map<number, PlanAllocation>();
    const record = (row: Row, c: PlanComponent, amount: Fen) => {
      const entry = given.get(row.seq) ?? { seq: row.seq, charges: 0, interest: 0, principal: 0, total: 0 };
      entry[c] += amount;
      entry.total += amount;
      given.set(row.seq, entry);
    };
    // Principal repaid before the end of a period whose principal it was part of (its own installment's and every
    // earlier one's) bears no interest for the rest of that period.
    const onDay = dayNumber(on);
    const paidPrincipal = (row: Row, amount: Fen) => {
      for (let i = row.order; i >= 0; i--) {
        const period = periods[i]!;
        if (period.toDay <= onDay) break;
        // Stryker disable next-line EqualityOperator: equivalent: on the period's first day both are that day.
        period.repaidDays += amount * (period.toDay - Math.max(onDay, period.fromDay));
      }
    };
    let left = payment.amount;
    const pay = (row: Row, c: PlanComponent) => {
      const amount = Math.min(left, owedOf(row, c));
      if (amount <= 0) return;
      row.paid[c] += amount;
      left -= amount;
      record(row, c, amount);
      if (c === 'principal') paidPrincipal(row, amount);
      if (outstandingOf(row) === 0) row.paidOn = on;
    };
    const due = rows.filter((row) => row.dueDate <= on);
    if (rules.allocationScope === 'whole_debt') {
      for (const c of planComponents) for (const row of due) pay(row, c);
    } else {
      for (const row of due) for (const c of planComponents) pay(row, c);
    }
    let settledEarly = false;
    const payAhead = () => {
      const ahead = rows.filter((row) => row.dueDate > on && outstandingOf(row) > 0);
      if (left <= 0 || !ahead.length) return;
      const owedAhead = ahead.reduce((sum, row) => sum + owedOf(row, 'charges') + owedOf(row, 'principal'), 0);
      // Interest already paid ahead, on installments not yet due: settling ends their periods, so it is not owed
      // (Civil Code art. 677; the agreement's art. 6.2) and counts toward what is left to settle.
      const notYetDue = rows.filter((row) => row.dueDate > on);
      const credit = Math.min(owedAhead, notYetDue.reduce((sum, row) => sum + row.paid.interest, 0));
      if (left >= owedAhead - credit) {
        settledEarly = settledEarly || credit > 0 || ahead.some((row) => owedOf(row, 'interest') > 0);
        let moving = credit;
        for (const row of notYetDue) {
          const back = Math.min(moving, row.paid.interest);
          row.paid.interest -= back;
          row.cancelled += back;
          moving -= back;
        }
        let credited = credit;
        for (const row of ahead) {
          row.cancelled += owedOf(row, 'interest');
          for (const c of ['charges', 'principal'] as const) {
            const fromCredit = Math.min(credited, owedOf(row, c));
            row.paid[c] += fromCredit;
            credited -= fromCredit;
            if (c === 'principal') paidPrincipal(row, fromCredit);
            pay(row, c);
          }
          row.paidOn ??= on;
        }
      } else {
        for (const row of ahead) for (const c of planComponents) pay(row, c);
      }
    };
    payAhead();
    // Principal paid early shortens the periods its interest was priced for; interest paid ahead that is no longer
    // owed comes back to this payment and pays on (each round returns a small fraction of the one before).
    // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent: the rounds end when nothing comes back; the bound only guards.
    for (let round = 0; round < 64; round++) {
      let back = 0;
      for (const row of rows) {
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a period that has ended is not cut by a payment on or after its end.
        if (row.toDay <= onDay) continue;
        // Stryker disable next-line ConditionalExpression: equivalent: the same sum gives the same cut.
        if (row.repaidDays !== row.cutFor) {
          row.cutFor = row.repaidDays;
          row.cancelled = Math.max(row.cancelled, reductionOf(row));
        }
        const over = row.paid.interest - (row.interest - row.cancelled);
        // Stryker disable next-line EqualityOperator: equivalent: nothing comes back.
        if (over > 0) {
          row.paid.interest -= over;
          record(row, 'interest', -over);
          back += over;
        }
        if (row.paidOn === null && outstandingOf(row) === 0) row.paidOn = on;
      }
      // Stryker disable next-line ConditionalExpression: equivalent: another round changes nothing.
      if (back === 0) break;
      left += back;
      payAhead();
    }
    const allocations = [...given.values()].filter((entry) => entry.charges || entry.interest || entry.principal).sort((a, b) => a.seq - b.seq);
    paymentResults.push({ id: payment.id, receivedOn: on, amount: payment.amount, allocations, allocated: payment.amount - left, excess: left, settledEarly });
  }

  const results = rows.map((row): PlanInstallmentResult => {
    const graceEnds = addDays(rules.inForceFrom && rules.inForceFrom > row.dueDate ? rules.inForceFrom : row.dueDate, rules.graceDays);
    const outstanding = outstandingOf(row);
    const onTime = row.paidOn !== null && row.paidOn <= graceEnds;
    const missed = graceEnds < asOf && !onTime;
    let state: PlanInstallmentState;
    if (outstanding === 0) state = missed ? 'paid_late' : 'paid';
    else if (missed) state = 'missed';
    else if (row.dueDate <= asOf) state = 'due';
    else state = 'upcoming';
    const paidTotal = total(row.paid);
    return { seq: row.seq, dueDate: row.dueDate, graceEnds, scheduled: { charges: row.charges, interest: row.interest, principal: row.principal }, amount: scheduledOf(row), paid: { ...row.paid }, paidTotal, interestCancelled: row.cancelled, outstanding, paidOn: outstanding === 0 ? row.paidOn : null, state, missed };
  });

  // Installments are judged once their grace period is over; in due-date order those are the first ones.
  let run = 0;
  let breachedOn: IsoDate | null = null;
  for (const row of results) {
    if (row.graceEnds >= asOf) continue;
    run = row.missed ? run + 1 : 0;
    if (breachedOn === null && run >= rules.breachConsecutiveMisses) breachedOn = addDays(row.graceEnds, 1);
  }
  const consecutiveMisses = run;

  const received = paymentResults.reduce((sum, p) => sum + p.amount, 0);
  const excess = paymentResults.reduce((sum, p) => sum + p.excess, 0);
  const sum = (pick: (row: PlanInstallmentResult) => Fen, where: (row: PlanInstallmentResult) => boolean = () => true) => results.filter(where).reduce((s, row) => s + pick(row), 0);
  const next = results.find((row) => row.outstanding > 0);
  const complete = results.length > 0 && results.every((row) => row.outstanding === 0);
  return {
    asOf,
    installments: results,
    payments: paymentResults,
    totals: {
      scheduled: sum((row) => row.amount),
      received,
      paid: received - excess,
      excess,
      interestCancelled: sum((row) => row.interestCancelled),
      remaining: sum((row) => row.outstanding),
      dueNow: sum((row) => row.outstanding, (row) => row.dueDate <= asOf),
      overdue: sum((row) => row.outstanding, (row) => row.state === 'missed'),
      settleToday: sum((row) => row.outstanding, (row) => row.dueDate <= asOf) + settleAheadOf(results.filter((row) => row.dueDate > asOf)),
    },
    next: next ? { seq: next.seq, dueDate: next.dueDate, outstanding: next.outstanding, graceEnds: next.graceEnds } : null,
    consecutiveMisses,
    breachedOn,
    completedOn: complete ? results.reduce<IsoDate | null>((latest, row) => (row.paidOn && (!latest || row.paidOn > latest) ? row.paidOn : latest), null) : null,
  };
}

/**
 * The installments as rows to track, each with its interest period: in the order of their original due dates, from
 * the previous one's (the first: from the plan's start) to its own, and the plan principal scheduled over it.
 */
function interestPeriods(installments: readonly PlanInstallmentInput[], interestFrom: IsoDate): Row[] {
  const periodEnd = (row: PlanInstallmentInput) => row.originalDueDate ?? row.dueDate;
  const inOrder = [...installments].sort((a, b) => compareRows({ dueDate: periodEnd(a), seq: a.seq }, { dueDate: periodEnd(b), seq: b.seq }));
  let balance = inOrder.reduce((sum, row) => sum + row.principal, 0);
  let from = interestFrom;
  return inOrder.map((row, order) => {
    const to = periodEnd(row);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a period that would start after it ends (a plan whose interest starts after its first due date) cuts nothing either way.
    const start = from < to ? from : to;
    const tracked: Row = { ...row, paid: { charges: 0, interest: 0, principal: 0 }, cancelled: 0, paidOn: null, fromDay: dayNumber(start), toDay: dayNumber(to), balance, order, repaidDays: 0, cutFor: 0 };
    balance -= row.principal;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: the periods are in order of their ends.
    if (to > from) from = to;
    return tracked;
  });
}

const dayNumber = (date: IsoDate) => daysBetween('1970-01-01', date);

/**
 * The interest of an installment's period not owed because principal scheduled over it was paid before the period
 * ended: interest × Σ (principal × days left in the period after the day it was paid) ÷ (principal scheduled over the
 * period × its days), rounded up to the fen (never charging a part of a fen for time not borrowed).
 */
function reductionOf(row: Row): Fen {
  // Nothing repaid early (also: no principal scheduled over the period, or a period of no days).
  if (row.repaidDays === 0) return 0;
  // Exact: fen × days stay far below 2^53 (¥10 billion over a year), their product with the interest need not.
  const numerator = BigInt(row.interest) * BigInt(row.repaidDays);
  const denominator = BigInt(row.balance) * BigInt(row.toDay - row.fromDay);
  const reduction = Number((numerator + denominator - 1n) / denominator);
  return Math.min(row.interest, reduction);
}

/**
 * What settles the installments not yet due today: their charges and principal still owed, less the interest already
 * paid ahead on them (settling cancels their interest, the part still unpaid and the part paid ahead alike), as the
 * payment that settles them is allocated.
 */
function settleAheadOf(rows: readonly PlanInstallmentResult[]): Fen {
  const owed = rows.reduce((sum, row) => sum + row.outstanding - unpaidInterestOf(row), 0);
  return owed - Math.min(owed, rows.reduce((sum, row) => sum + row.paid.interest, 0));
}

/** The interest of an installment still unpaid (settling early cancels it for installments not yet due). */
function unpaidInterestOf(row: PlanInstallmentResult): Fen {
  return row.scheduled.interest - row.interestCancelled - row.paid.interest;
}

/**
 * What the borrower is asked to pay now: what is left of the next installment, or, with more than one installment due,
 * everything due (`several`): one installment's amount alone would go to the interest of each before any principal
 * (Civil Code art. 561) and leave the first unpaid.
 */
export function askedNow(plan: { next: { outstanding: Fen } | null; totals: { dueNow: Fen } }): { amount: Fen; several: boolean } | null {
  if (!plan.next) return null;
  const several = plan.totals.dueNow > plan.next.outstanding;
  return { amount: several ? plan.totals.dueNow : plan.next.outstanding, several };
}

/**
 * The one-time delay (the agreement, art. 6): once per plan, the borrower may
 * move the next installment still to pay back by 1 to maxDays days, without a
 * new agreement, as long as it has not been missed (its grace period is not
 * over). The new date is never before today, and nothing else changes: the
 * amount is the same, no interest or fee is added, the grace period runs from
 * the new date, the other installments keep their dates.
 */
export type DelayRefusal = 'delay.notOffered' | 'delay.used' | 'delay.planClosed' | 'delay.nothingToDelay' | 'delay.missed' | 'delay.days';

export type DelayRequest = {
  plan: PlanResult;
  today: IsoDate;
  /** The agreement's selfServiceDelayMaxDays (0: no delay offered). */
  maxDays: number;
  /** Whether this plan's delay has been taken already. */
  used: boolean;
  /** Whether the plan is still running (not broken, not paid in full). */
  open: boolean;
};

export type DelayWindow = { seq: number; from: IsoDate; outstanding: Fen; minDays: number; maxDays: number };

export type DelayEffect = {
  seq: number;
  days: number;
  from: IsoDate;
  to: IsoDate;
  /** The last day a payment counts as on time, from the new date. */
  graceEnds: IsoDate;
  /** Still to pay on that installment: unchanged by the delay. */
  outstanding: Fen;
  /** The installment after it, which keeps its date. */
  following: { seq: number; dueDate: IsoDate } | null;
  /** Whether it is the plan's last installment (the plan then ends later). */
  last: boolean;
};

/** Which installment may be delayed today and by how many days, or why none may. */
export function delayWindow(request: DelayRequest): { ok: true; window: DelayWindow } | { ok: false; reason: DelayRefusal } {
  const { plan, today, maxDays } = request;
  if (maxDays < 1) return { ok: false, reason: 'delay.notOffered' };
  if (request.used) return { ok: false, reason: 'delay.used' };
  if (!request.open) return { ok: false, reason: 'delay.planClosed' };
  const target = plan.installments.find((row) => row.outstanding > 0);
  if (!target) return { ok: false, reason: 'delay.nothingToDelay' };
  if (target.graceEnds < today) return { ok: false, reason: 'delay.missed' };
  const minDays = Math.max(1, daysBetween(target.dueDate, today));
  if (minDays > maxDays) return { ok: false, reason: 'delay.missed' };
  return { ok: true, window: { seq: target.seq, from: target.dueDate, outstanding: target.outstanding, minDays, maxDays } };
}

/** The effect of delaying by `days`, checked against the window; shown to the borrower before they confirm. */
export function delayEffect(request: DelayRequest, days: number, graceDays: number): { ok: true; effect: DelayEffect } | { ok: false; reason: DelayRefusal } {
  const window = delayWindow(request);
  if (!window.ok) return window;
  const { seq, from, outstanding, minDays, maxDays } = window.window;
  if (!Number.isInteger(days) || days < minDays || days > maxDays) return { ok: false, reason: 'delay.days' };
  const to = addDays(from, days);
  const rows = request.plan.installments;
  const index = rows.findIndex((row) => row.seq === seq);
  const after = rows.slice(index + 1).find((row) => row.outstanding > 0) ?? rows[index + 1];
  return {
    ok: true,
    effect: { seq, days, from, to, graceEnds: addDays(to, graceDays), outstanding, following: after ? { seq: after.seq, dueDate: after.dueDate } : null, last: index === rows.length - 1 },
  };
}
