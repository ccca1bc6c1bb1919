import { dayNo, isoOf } from './calendar';

/**
 * The oracle for a repayment plan's tracking (test-only). A second, plain
 * reading of the plan rules that lib/domain/plan.ts documents (the agreement's
 * art. 5 and 6; DESIGN.md "the plan after signing"), sharing no code with
 * lib/domain: each installment is three claims (charges, interest, principal)
 * in a ledger keyed by installment, dates are day numbers, and a payment walks
 * the claims in the order the rules name:
 *
 * - payments count from the day received, in the order received (the same day:
 *   in the order given), and only those received by the day asked about;
 * - a payment first pays what is due on its day (due date on or before it):
 *   "whole debt" takes each class across every due installment, oldest first
 *   (charges of all, then interest of all, then principal of all); "per
 *   installment" clears the oldest installment before the next;
 * - what is left pays the installments not yet due. If it covers all their
 *   charges and principal, less the interest already paid ahead on them, the
 *   plan is settled early: their interest is cancelled (never charged), the
 *   interest paid ahead included, which goes first to their charges and
 *   principal (each installment's charges, then its principal, in order), and
 *   anything over is excess, kept for a refund. Otherwise it pays them in
 *   order, each in full before the next;
 * - interest is owed only for the time borrowed: each installment's interest
 *   belongs to its period, from the previous installment's original due date
 *   (the first: from the plan's start) to its own, when the principal of it
 *   and every later installment (in that order) was outstanding. For each day
 *   of the period, the principal of those installments already paid on or
 *   before that day (and before the period's end) is summed; the interest not
 *   owed is interest × that sum ÷ (their principal × the days of the period),
 *   rounded up to the fen. After a payment, interest paid ahead beyond what is
 *   now owed comes back to it (a negative amount of interest in its
 *   allocations) and pays on as the rest of it did, again and again, until
 *   nothing comes back;
 * - an installment is paid on the day its last fen is, missed if not paid in
 *   full by the end of its grace period once that has passed, and N missed in
 *   a row (of those whose grace period is over) break the plan the day after
 *   the N-th grace period ends.
 */

type Cls = 'charges' | 'interest' | 'principal';
const CLASSES: readonly Cls[] = ['charges', 'interest', 'principal'];

export type OraclePlanInput = {
  installments: ReadonlyArray<{ seq: number; dueDate: string; originalDueDate?: string; charges: number; interest: number; principal: number }>;
  payments: ReadonlyArray<{ id: string; receivedOn: string; amount: number }>;
  rules: { graceDays: number; breachConsecutiveMisses: number; allocationScope: 'whole_debt' | 'per_installment'; interestFrom: string; inForceFrom?: string };
  asOf: string;
};

export type OraclePlan = {
  installments: {
    seq: number;
    dueDate: string;
    graceEnds: string;
    paid: Record<Cls, number>;
    interestCancelled: number;
    outstanding: number;
    paidOn: string | null;
    state: 'paid' | 'paid_late' | 'upcoming' | 'due' | 'missed';
    missed: boolean;
  }[];
  payments: { id: string; allocations: { seq: number; charges: number; interest: number; principal: number; total: number }[]; allocated: number; excess: number; settledEarly: boolean }[];
  totals: { scheduled: number; received: number; paid: number; excess: number; interestCancelled: number; remaining: number; dueNow: number; overdue: number; settleToday: number };
  next: { seq: number; dueDate: string; outstanding: number; graceEnds: string } | null;
  consecutiveMisses: number;
  breachedOn: string | null;
  completedOn: string | null;
};

export function oraclePlan(input: OraclePlanInput): OraclePlan {
  const asOf = dayNo(input.asOf);
  const order = [...input.installments].sort((a, b) => dayNo(a.dueDate) - dayNo(b.dueDate) || a.seq - b.seq);
  // The ledger: what each installment still owes of each class, and what happened to it.
  const owes = new Map<number, Record<Cls, number>>();
  const paid = new Map<number, Record<Cls, number>>();
  const cancelled = new Map<number, number>();
  const paidOnDay = new Map<number, number>();
  for (const row of order) {
    owes.set(row.seq, { charges: row.charges, interest: row.interest, principal: row.principal });
    paid.set(row.seq, { charges: 0, interest: 0, principal: 0 });
    cancelled.set(row.seq, 0);
  }
  const left = (seq: number) => CLASSES.reduce((s, c) => s + owes.get(seq)![c], 0);

  // The interest periods, in the order of the original due dates.
  const endDay = (row: (typeof order)[number]) => dayNo(row.originalDueDate ?? row.dueDate);
  const byPeriod = [...input.installments].sort((a, b) => endDay(a) - endDay(b) || a.seq - b.seq);
  const period = new Map<number, { start: number; end: number; rank: number; scheduled: number; interest: number }>();
  let start = dayNo(input.rules.interestFrom);
  byPeriod.forEach((row, rank) => {
    const end = endDay(row);
    const scheduled = byPeriod.slice(rank).reduce((s, r) => s + r.principal, 0);
    period.set(row.seq, { start: Math.min(start, end), end, rank, scheduled, interest: row.interest });
    start = Math.max(start, end);
  });
  // Every fen of principal paid, with its day: the interest periods read it.
  const principalPaid: { seq: number; day: number; amount: number }[] = [];
  const notOwed = (seq: number) => {
    const { start: from, end, rank, scheduled, interest } = period.get(seq)!;
    if (interest === 0 || scheduled === 0 || end <= from) return 0;
    let outstandingDays = 0n;
    for (let t = from; t < end; t++) {
      let repaid = 0;
      for (const x of principalPaid) if (x.day <= t && period.get(x.seq)!.rank >= rank) repaid += x.amount;
      outstandingDays += BigInt(repaid);
    }
    const num = BigInt(interest) * outstandingDays;
    const den = BigInt(scheduled) * BigInt(end - from);
    const ceil = num / den + (num % den === 0n ? 0n : 1n);
    return Math.min(interest, Number(ceil));
  };

  const counted = input.payments
    .map((p, given) => ({ p, given, day: dayNo(p.receivedOn) }))
    .filter((x) => x.day <= asOf)
    .sort((a, b) => a.day - b.day || a.given - b.given);

  const payments: OraclePlan['payments'] = [];
  for (const { p, day } of counted) {
    let money = p.amount;
    const taken = new Map<number, Record<Cls, number>>();
    const note = (seq: number, cls: Cls, n: number) => {
      const t = taken.get(seq) ?? { charges: 0, interest: 0, principal: 0 };
      t[cls] += n;
      taken.set(seq, t);
    };
    const take = (seq: number, cls: Cls) => {
      const n = Math.min(money, owes.get(seq)![cls]);
      if (n <= 0) return;
      money -= n;
      owes.get(seq)![cls] -= n;
      paid.get(seq)![cls] += n;
      note(seq, cls, n);
      if (cls === 'principal') principalPaid.push({ seq, day, amount: n });
      if (left(seq) === 0) paidOnDay.set(seq, day);
    };
    const dueRows = order.filter((row) => dayNo(row.dueDate) <= day);
    if (input.rules.allocationScope === 'whole_debt') {
      for (const cls of CLASSES) for (const row of dueRows) take(row.seq, cls);
    } else {
      for (const row of dueRows) for (const cls of CLASSES) take(row.seq, cls);
    }
    let settledEarly = false;
    const ahead = () => {
      const notDue = order.filter((row) => dayNo(row.dueDate) > day && left(row.seq) > 0);
      if (money <= 0 || notDue.length === 0) return;
      const withoutInterest = notDue.reduce((s, row) => s + owes.get(row.seq)!.charges + owes.get(row.seq)!.principal, 0);
      const aheadPaid = order.filter((row) => dayNo(row.dueDate) > day);
      const paidAhead = aheadPaid.reduce((s, row) => s + paid.get(row.seq)!.interest, 0);
      let credit = Math.min(withoutInterest, paidAhead);
      if (money >= withoutInterest - credit) {
        if (credit > 0) settledEarly = true;
        // The interest paid ahead is taken back (cancelled), oldest installment first.
        let back = credit;
        for (const row of aheadPaid) {
          const n = Math.min(back, paid.get(row.seq)!.interest);
          paid.get(row.seq)!.interest -= n;
          cancelled.set(row.seq, cancelled.get(row.seq)! + n);
          back -= n;
        }
        for (const row of notDue) {
          const o = owes.get(row.seq)!;
          if (o.interest > 0) settledEarly = true;
          cancelled.set(row.seq, cancelled.get(row.seq)! + o.interest);
          o.interest = 0;
          for (const cls of ['charges', 'principal'] as const) {
            const n = Math.min(credit, o[cls]);
            o[cls] -= n;
            paid.get(row.seq)![cls] += n;
            credit -= n;
            if (cls === 'principal' && n > 0) principalPaid.push({ seq: row.seq, day, amount: n });
            take(row.seq, cls);
          }
          if (!paidOnDay.has(row.seq)) paidOnDay.set(row.seq, day);
        }
      } else {
        for (const row of notDue) for (const cls of CLASSES) take(row.seq, cls);
      }
    };
    ahead();
    // Interest no longer owed for periods still running: never charged; what was paid of it comes back.
    for (;;) {
      let returned = 0;
      for (const row of order) {
        if (period.get(row.seq)!.end <= day) continue;
        const more = notOwed(row.seq) - cancelled.get(row.seq)!;
        if (more > 0) {
          cancelled.set(row.seq, cancelled.get(row.seq)! + more);
          const o = owes.get(row.seq)!;
          o.interest -= more;
          if (o.interest < 0) {
            const back = -o.interest;
            o.interest = 0;
            paid.get(row.seq)!.interest -= back;
            note(row.seq, 'interest', -back);
            returned += back;
          }
        }
        if (left(row.seq) === 0 && !paidOnDay.has(row.seq)) paidOnDay.set(row.seq, day);
      }
      if (returned === 0) break;
      money += returned;
      ahead();
    }
    const allocations = [...taken.entries()]
      .filter(([, t]) => t.charges !== 0 || t.interest !== 0 || t.principal !== 0)
      .sort(([a], [b]) => a - b)
      .map(([seq, t]) => ({ seq, ...t, total: t.charges + t.interest + t.principal }));
    payments.push({ id: p.id, allocations, allocated: p.amount - money, excess: money, settledEarly });
  }

  const installments = order.map((row) => {
    // Not before the agreement was in force: the grace period of an installment due earlier starts that day.
    const graceEndsDay = Math.max(dayNo(row.dueDate), input.rules.inForceFrom ? dayNo(input.rules.inForceFrom) : -Infinity) + input.rules.graceDays;
    const outstanding = left(row.seq);
    const paidDay = outstanding === 0 ? (paidOnDay.get(row.seq) ?? null) : null;
    const missed = graceEndsDay < asOf && !(paidDay !== null && paidDay <= graceEndsDay);
    const state: OraclePlan['installments'][number]['state'] =
      outstanding === 0 ? (missed ? 'paid_late' : 'paid') : missed ? 'missed' : dayNo(row.dueDate) <= asOf ? 'due' : 'upcoming';
    return {
      seq: row.seq,
      dueDate: row.dueDate,
      graceEnds: isoOf(graceEndsDay),
      paid: { ...paid.get(row.seq)! },
      interestCancelled: cancelled.get(row.seq)!,
      outstanding,
      paidOn: paidDay === null ? null : isoOf(paidDay),
      state,
      missed,
      unpaidInterest: owes.get(row.seq)!.interest,
    };
  });

  // Judged: the installments whose grace period is over, which in due-date order come first.
  let run = 0;
  let breachedOn: string | null = null;
  for (const row of installments.filter((r) => dayNo(r.graceEnds) < asOf)) {
    run = row.missed ? run + 1 : 0;
    if (breachedOn === null && run >= input.rules.breachConsecutiveMisses) breachedOn = isoOf(dayNo(row.graceEnds) + 1);
  }

  const received = counted.reduce((s, x) => s + x.p.amount, 0);
  const excess = payments.reduce((s, p) => s + p.excess, 0);
  let scheduled = 0;
  let interestCancelled = 0;
  let remaining = 0;
  let dueNow = 0;
  let overdue = 0;
  let settleToday = 0;
  let notDueOwed = 0;
  let notDuePaidInterest = 0;
  for (const [i, row] of installments.entries()) {
    const source = order[i]!;
    scheduled += source.charges + source.interest + source.principal;
    interestCancelled += row.interestCancelled;
    remaining += row.outstanding;
    if (dayNo(row.dueDate) <= asOf) {
      dueNow += row.outstanding;
      settleToday += row.outstanding;
    } else {
      notDueOwed += row.outstanding - row.unpaidInterest;
      notDuePaidInterest += row.paid.interest;
    }
    if (row.state === 'missed') overdue += row.outstanding;
  }
  // Settling today cancels the interest of the installments not yet due, what is paid ahead of it too.
  settleToday += notDueOwed - Math.min(notDueOwed, notDuePaidInterest);
  const first = installments.find((r) => r.outstanding > 0);
  const allPaid = installments.length > 0 && !first;
  const lastPaidDay = allPaid ? Math.max(...installments.map((r) => dayNo(r.paidOn!))) : null;
  return {
    installments: installments.map(({ unpaidInterest: _u, ...row }) => row),
    payments,
    totals: { scheduled, received, paid: received - excess, excess, interestCancelled, remaining, dueNow, overdue, settleToday },
    next: first ? { seq: first.seq, dueDate: first.dueDate, outstanding: first.outstanding, graceEnds: first.graceEnds } : null,
    consecutiveMisses: run,
    breachedOn,
    completedOn: lastPaidDay === null ? null : isoOf(lastPaidDay),
  };
}
