import { dayNo, isAnchored, isoOf, monthOn, parse } from './calendar';
import { frac, roundHalfUp, roundUp, type Fraction } from './fraction';

/**
 * The oracle for the arrears engine (test-only). A deliberately simple second
 * implementation of DESIGN.md's rules, sharing no code with lib/domain: it
 * walks the calendar one day at a time, keeps each installment's overdue
 * balance-days as plain sums and turns them into money only when asked
 * (rate × Σ balance-days, half-up), and measures the cap day by day in the
 * months of the schedule. It is slow and obvious on purpose; the engine's
 * results are compared with it on random loans (oracle.test.ts).
 */

type Component = 'fees' | 'penalty' | 'compound' | 'interest' | 'principal';
export type OracleArrearsInput = {
  loan: { principal: number; annualRatePpm: number; startDate: string };
  installments: ReadonlyArray<{ seq: number; dueDate: string; principalDue: number; interestDue: number; feesDue: number }>;
  payments: ReadonlyArray<{ receivedOn: string; amount: number }>;
  asOf: string;
  policy: { penaltyMarkupPct: number; compoundOnOverdueInterest: boolean; totalCostCapAnnualPct: number; allocationOrder: readonly Component[]; allocationScope: 'whole_debt' | 'per_installment' };
};
type Amounts = { due: number; paid: number; outstanding: number };
export type OracleArrears = {
  installments: { seq: number; status: string; daysPastDue: number; principal: Amounts; interest: Amounts; penalty: Amounts; compound: Amounts; fees: Amounts }[];
  totals: {
    overduePrincipal: number;
    overdueInterest: number;
    penalty: number;
    compound: number;
    fees: number;
    totalOverdue: number;
    dueToday: number;
    notYetDuePrincipal: number;
    totalToSettle: number;
    enforceableTotalOverdue: number;
    enforceableTotalToSettle: number;
  };
  paid: Record<Component, number>;
  unappliedCredit: number;
  daysPastDue: number;
  cap: { cap: number; charges: number; capExcess: number; notEnforceable: number; paidAboveCap: number; principalCredit: number };
};

type Row = {
  seq: number;
  due: number;
  principalDue: number;
  interestDue: number;
  feesDue: number;
  paid: Record<Component, number>;
  penaltyBalanceDays: number;
  compoundBalanceDays: number;
};

export function oracleArrears(input: OracleArrearsInput): OracleArrears {
  const { loan, policy } = input;
  const asOf = dayNo(input.asOf);
  const markup = Math.round(policy.penaltyMarkupPct * 100); // hundredths of a percent
  // Penalty and compound per fen-day: rate ppm × (1 + markup) / 360 days.
  const perFenDay = frac(BigInt(loan.annualRatePpm) * BigInt(10_000 + markup), 360n * 1_000_000n * 10_000n);
  const money = (balanceDays: number) => roundHalfUp({ n: BigInt(balanceDays) * perFenDay.n, d: perFenDay.d });

  const rows: Row[] = input.installments
    .map((i) => ({ seq: i.seq, due: dayNo(i.dueDate), principalDue: i.principalDue, interestDue: i.interestDue, feesDue: i.feesDue, paid: { fees: 0, penalty: 0, compound: 0, interest: 0, principal: 0 }, penaltyBalanceDays: 0, compoundBalanceDays: 0 }))
    .sort((a, b) => a.due - b.due || a.seq - b.seq);
  const scheduledPrincipal = rows.reduce((s, r) => s + r.principalDue, 0);
  let repaid = 0;
  let settled: number | null = null;
  let unapplied = 0;
  const capRepayments: { day: number; amount: number }[] = [];

  const chargedAt = (row: Row, c: Component, day: number): number => {
    const live = row.due <= day && (settled === null || row.due <= settled);
    if (c === 'principal') return row.principalDue;
    if (c === 'interest') return live ? row.interestDue : row.paid.interest;
    if (c === 'fees') return live ? row.feesDue : row.paid.fees;
    if (c === 'penalty') return money(row.penaltyBalanceDays);
    return money(row.compoundBalanceDays);
  };
  const give = (row: Row, c: Component, left: number, limit: number, capDay: number) => {
    const amount = Math.max(0, Math.min(left, limit - row.paid[c]));
    row.paid[c] += amount;
    if (c === 'principal' && amount > 0) {
      repaid += amount;
      capRepayments.push({ day: capDay, amount });
    }
    return amount;
  };

  const payments = input.payments.map((p, i) => ({ day: dayNo(p.receivedOn), amount: p.amount, i })).filter((p) => p.day <= asOf);
  const firstDay = Math.min(asOf, ...rows.map((r) => r.due), ...payments.map((p) => p.day));
  for (let day = firstDay; day <= asOf; day++) {
    for (const p of payments.filter((q) => q.day === day).sort((a, b) => a.i - b.i)) {
      let left = p.amount;
      const due = rows.filter((r) => r.due <= day);
      if (policy.allocationScope === 'whole_debt') {
        for (const c of policy.allocationOrder) for (const r of due) left -= give(r, c, left, chargedAt(r, c, day), day);
      } else {
        for (const r of due) for (const c of policy.allocationOrder) left -= give(r, c, left, chargedAt(r, c, day), day);
      }
      // What is left covers all the principal still owed (if any): a settlement; else it pays the next installments.
      const ahead = settled === null ? rows.filter((r) => r.due > day) : [];
      const stillOwed = rows.reduce((s, r) => s + r.principalDue - r.paid.principal, 0);
      if (left > 0 && left >= stillOwed) {
        for (const r of ahead) left -= give(r, 'principal', left, r.principalDue, day);
      } else if (left > 0) {
        const full: Record<Component, (r: Row) => number> = { fees: (r) => r.feesDue, penalty: () => 0, compound: () => 0, interest: (r) => r.interestDue, principal: (r) => r.principalDue };
        for (const r of ahead) for (const c of policy.allocationOrder) left -= give(r, c, left, full[c](r), r.due);
      }
      unapplied += left;
      if (settled === null && scheduledPrincipal > 0 && repaid === scheduledPrincipal) settled = day;
    }
    if (day === asOf) break;
    for (const r of rows) {
      if (r.due > day) continue;
      r.penaltyBalanceDays += r.principalDue - r.paid.principal;
      if (policy.compoundOnOverdueInterest) r.compoundBalanceDays += chargedAt(r, 'interest', day) - r.paid.interest;
    }
  }

  const comps: Component[] = ['principal', 'interest', 'penalty', 'compound', 'fees'];
  const paid = { fees: 0, penalty: 0, compound: 0, interest: 0, principal: 0 };
  const t = { overduePrincipal: 0, overdueInterest: 0, penalty: 0, compound: 0, fees: 0, dueToday: 0, notYetDuePrincipal: 0 };
  let charges = 0;
  let dpd = 0;
  const installments = rows.map((r) => {
    const a = {} as Record<Component, Amounts>;
    let owing = 0;
    let paidAll = 0;
    const isDue = r.due <= asOf;
    const cancelled = settled !== null && r.due > settled;
    for (const c of comps) {
      const due = chargedAt(r, c, asOf);
      a[c] = { due, paid: r.paid[c], outstanding: due - r.paid[c] };
      owing += due - r.paid[c];
      paidAll += r.paid[c];
      paid[c] += r.paid[c];
    }
    if (isDue) t.overduePrincipal += a.principal.outstanding;
    else t.notYetDuePrincipal += a.principal.outstanding;
    t.overdueInterest += a.interest.outstanding;
    t.penalty += a.penalty.outstanding;
    t.compound += a.compound.outstanding;
    t.fees += a.fees.outstanding;
    if (r.due === asOf) t.dueToday += owing;
    charges += a.penalty.due + a.compound.due + (isDue || cancelled ? a.interest.due + a.fees.due : 0);
    const daysPastDue = r.due < asOf && owing > 0 ? asOf - r.due : 0;
    dpd = Math.max(dpd, daysPastDue);
    const status = cancelled || (isDue && owing === 0) ? 'paid' : !isDue ? 'not_due' : paidAll > 0 ? 'partly_paid' : r.due < asOf ? 'overdue' : 'not_due';
    return { seq: r.seq, status, daysPastDue, ...a };
  });
  const totalOverdue = t.overduePrincipal + t.overdueInterest + t.penalty + t.compound + t.fees;
  const totalToSettle = totalOverdue + t.notYetDuePrincipal;

  const cap = oracleCap(loan.startDate, rows.map((r) => isoOf(r.due)), input.asOf, loan.principal, capRepayments, policy.totalCostCapAnnualPct);
  const capExcess = Math.max(0, charges - cap);
  const notEnforceable = Math.min(capExcess, t.overdueInterest + t.penalty + t.compound + t.fees);
  const paidAboveCap = capExcess - notEnforceable;
  const principalCredit = Math.min(paidAboveCap, t.overduePrincipal + t.notYetDuePrincipal);
  return {
    installments,
    totals: {
      ...t,
      totalOverdue,
      totalToSettle,
      enforceableTotalOverdue: totalOverdue - notEnforceable - Math.min(principalCredit, t.overduePrincipal),
      enforceableTotalToSettle: totalToSettle - notEnforceable - principalCredit,
    },
    paid,
    unappliedCredit: unapplied,
    daysPastDue: dpd,
    cap: { cap, charges, capExcess, notEnforceable, paidAboveCap, principalCredit },
  };
}

/** The largest day 1–31 on which every date falls (or its month's last day when shorter); null if none. */
export function oracleAnchor(dates: readonly string[]): number | null {
  for (let a = 31; a >= 1; a--) if (dates.length > 0 && dates.every((d) => isAnchored(d, a))) return a;
  return null;
}

/** A period's length in months, counted back from its end on the anchor: whole months and the days left over over that month's days. */
export function oracleMonths(from: string, to: string, anchor: number | null): Fraction {
  const a = anchor !== null && isAnchored(to, anchor) ? anchor : parse(to).d;
  let whole = 0;
  let end = to;
  for (;;) {
    const before = monthOn(to, -(whole + 1), a);
    if (dayNo(before) < dayNo(from)) {
      const extra = dayNo(end) - dayNo(from);
      const len = dayNo(end) - dayNo(before);
      return frac(BigInt(whole * len + extra), BigInt(len));
    }
    whole++;
    end = before;
  }
}

/**
 * The cap to `asOf`, day by day: on each day from the start, the principal
 * outstanding that day (repayments count from their cap day) × cap % × the
 * day's share of its period's months / 12; each period summed exactly and
 * rounded half-up when it has ended by asOf, up when it is still running.
 */
export function oracleCap(
  startDate: string,
  dueDates: readonly string[],
  asOf: string,
  principal: number,
  repayments: readonly { day: number; amount: number }[],
  capPct: number,
  grid?: { boundaries: readonly string[]; anchor: number | null },
): number {
  const pct = BigInt(Math.round(capPct * 100));
  let bounds: string[];
  let anchor: number | null;
  if (grid) {
    bounds = [...grid.boundaries];
    anchor = grid.anchor;
  } else {
    const dues = [...new Set(dueDates)].filter((d) => dayNo(d) > dayNo(startDate)).sort();
    anchor = oracleAnchor(dues) ?? oracleAnchor([startDate]);
    bounds = [startDate, ...dues];
    const last = bounds.at(-1)!;
    for (let k = 1; dayNo(bounds.at(-1)!) <= dayNo(asOf); k++) bounds.push(monthOn(last, k, anchor!));
  }
  const end = dayNo(asOf);
  const sorted = [...repayments].sort((a, b) => a.day - b.day);
  let next = 0;
  let out = principal;
  let total = 0;
  for (let i = 1; i < bounds.length; i++) {
    const from = dayNo(bounds[i - 1]!);
    const to = dayNo(bounds[i]!);
    if (from >= end) break;
    if (to <= from) continue;
    const months = oracleMonths(bounds[i - 1]!, bounds[i]!, anchor);
    let principalDays = 0n;
    for (let day = from; day < Math.min(to, end); day++) {
      while (next < sorted.length && sorted[next]!.day <= day) out -= sorted[next++]!.amount;
      principalDays += BigInt(Math.max(0, out));
    }
    const exact = { n: principalDays * pct * months.n, d: 120_000n * BigInt(to - from) * months.d };
    total += to <= end ? roundHalfUp(exact) : roundUp(exact);
  }
  return total;
}
