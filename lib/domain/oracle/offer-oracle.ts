import { oracleAnchor, oracleCap, oracleMonths } from './arrears-oracle';
import { dayNo, isAnchored, monthOn, parse } from './calendar';
import { frac, type Fraction } from './fraction';
import { oracleAmortise, oracleSplit } from './schedule-oracle';

/**
 * The oracle for offer pricing (test-only, shares no code with lib/domain):
 * what an offer owes, sets aside, carries and costs, written again from the
 * conventions in DESIGN.md and offer-pricing.ts. It reads the case as the
 * engine does (the arrears as of the offer date, themselves checked against
 * the arrears oracle), builds each part of the plan with the schedule oracle,
 * and measures the cap over the plan's life day by day.
 */
type Comp = 'fees' | 'penalty' | 'compound' | 'interest' | 'principal';
type Parts = Record<Comp, number>;
type Amounts = { due: number; paid: number; outstanding: number };
export type OracleOfferCase = {
  asOf: string;
  loan: { annualRatePpm: number; maturityDate: string; installments: ReadonlyArray<{ seq: number; dueDate: string; principalDue: number; interestDue: number; feesDue: number }> };
  arrears: {
    totals: { overduePrincipal: number; notYetDuePrincipal: number; overdueInterest: number; penalty: number; compound: number; fees: number; enforceableTotalToSettle: number };
    cap: { cap: number; charges: number };
    installments: ReadonlyArray<{ seq: number; dueDate: string; status: string; principal: Amounts; interest: Amounts; fees: Amounts }>;
  };
  policy: {
    allocationOrder: readonly Comp[];
    totalCostCapAnnualPct: number;
    installments: { spreadBase: 'arrears' | 'outstanding' };
    extension: { rate: 'contract' | 'policy'; policyAnnualRatePpm?: number };
  };
};
export type OracleTerms = {
  extensionMonths?: number;
  installments?: { months: number; method: 'equal_installment' | 'equal_principal'; downPayment: number; firstDueDate: string };
  relief?: { penaltyWaivePct: number; compoundWaivePct: number; interestWaivePct: number; principalWaive: number; rateReduction?: { pct: number; months: number } };
  /**
   * A hardship pause before the installments: nothing due and no interest for `months` months from the offer date;
   * the installments then spread everything owed, their interest from the pause's end. 'reduced': the financed
   * principal × the contract rate × ratePct % × months / 12 (half-up) is charged once, shared evenly over the installments.
   */
  pause?: { months: number; interest: 'frozen' | 'reduced'; ratePct: number };
};
type Row = { dueDate: string; principal: number; interest: number; charges: number; amount: number; source: 'plan' | 'contract' };

const pctOf = (amount: number, pct: number) => {
  const h = BigInt(Math.round(pct * 100));
  return Number((BigInt(amount) * h * 2n + 10_000n) / 20_000n);
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function oracleOffer(ctx: OracleOfferCase, terms: OracleTerms) {
  const { asOf, loan, arrears, policy } = ctx;
  const t = arrears.totals;
  const owed: Parts = { principal: t.overduePrincipal + t.notYetDuePrincipal, interest: t.overdueInterest, penalty: t.penalty, compound: t.compound, fees: t.fees };
  const r = terms.relief;
  const waived = { penalty: r ? pctOf(owed.penalty, r.penaltyWaivePct) : 0, compound: r ? pctOf(owed.compound, r.compoundWaivePct) : 0, interest: r ? pctOf(owed.interest, r.interestWaivePct) : 0, principal: r?.principalWaive ?? 0 };
  const carried: Parts = { principal: owed.principal - waived.principal, interest: owed.interest - waived.interest, penalty: owed.penalty - waived.penalty, compound: owed.compound - waived.compound, fees: owed.fees };
  // Above the cap today: owed charges set aside (penalty, compound, fees, interest), then a credit on principal.
  let above = Math.max(0, arrears.cap.charges - waived.penalty - waived.compound - waived.interest - arrears.cap.cap);
  const capReduction = { penalty: 0, compound: 0, fees: 0, interest: 0, principal: 0 };
  for (const c of ['penalty', 'compound', 'fees', 'interest', 'principal'] as const) {
    capReduction[c] = Math.min(above, carried[c]);
    carried[c] -= capReduction[c];
    above -= capReduction[c];
  }
  const paidAboveCap = above;

  const structure = terms.extensionMonths !== undefined ? (terms.installments ? 'extension_installments' : 'extension') : terms.installments ? 'installments' : 'settlement';
  const pause = terms.pause;
  const arrearsBase = structure === 'installments' && policy.installments.spreadBase === 'arrears' && !pause;
  // Interest runs from the offer date, or from the end of a pause.
  const interestFrom = pause ? monthOn(asOf, pause.months, parse(asOf).d) : asOf;
  const separate = arrearsBase || structure === 'extension_installments';
  // Principal off (waiver + credit), overdue principal first.
  const principalOff = waived.principal + capReduction.principal;
  const offOverdue = Math.min(principalOff, t.overduePrincipal);
  const laterPrincipal = t.notYetDuePrincipal - (principalOff - offOverdue);
  const base: Parts = separate ? { ...carried, principal: t.overduePrincipal - offOverdue } : { ...carried };
  const installmentBase = terms.installments ? sum(Object.values(base)) : 0;
  const downPayment = terms.installments?.downPayment ?? 0;
  const spread = { ...base };
  let dp = downPayment;
  for (const c of policy.allocationOrder) {
    const take = Math.min(dp, spread[c]);
    spread[c] -= take;
    dp -= take;
  }

  const dues = loan.installments.map((i) => i.dueDate);
  const loanAnchor = oracleAnchor(dues) ?? parse(loan.maturityDate).d;
  const newMaturity = terms.extensionMonths !== undefined ? monthOn(loan.maturityDate, terms.extensionMonths, loanAnchor) : null;
  const extRate = policy.extension.rate === 'policy' ? (policy.extension.policyAnnualRatePpm ?? loan.annualRatePpm) : loan.annualRatePpm;
  const rateAt = (date: string, i: number, extended: boolean) => {
    const b = extended && date > loan.maturityDate ? extRate : loan.annualRatePpm;
    return r?.rateReduction && i < r.rateReduction.months ? Number((BigInt(b) * BigInt(10_000 - Math.round(r.rateReduction.pct * 100)) * 2n + 10_000n) / 20_000n) : b;
  };
  type Part = { principal: number; charges: number; dates: string[]; extended: boolean; method: 'equal_installment' | 'equal_principal'; anchor: number; first: Fraction };
  const parts: Part[] = [];
  const chargesOf = (p: Parts) => p.interest + p.penalty + p.compound + p.fees;
  const firstOf = (dates: string[], anchor: number) => (dates.length === 0 ? frac(1) : oracleMonths(interestFrom, dates[0]!, anchor));
  if (structure === 'settlement') {
    parts.push({ principal: carried.principal, charges: chargesOf(carried), dates: [asOf], extended: false, method: 'equal_installment', anchor: parse(asOf).d, first: frac(0) });
  } else if (structure === 'extension') {
    const dates: string[] = [];
    for (let k = 0; ; k++) {
      const d = monthOn(newMaturity!, -k, loanAnchor);
      if (d <= asOf) break;
      dates.unshift(d);
    }
    parts.push({ principal: carried.principal, charges: chargesOf(carried), dates, extended: true, method: 'equal_installment', anchor: loanAnchor, first: firstOf(dates, loanAnchor) });
  } else {
    const inst = terms.installments!;
    const offerDay = parse(asOf).d;
    const anchor = offerDay > parse(inst.firstDueDate).d && isAnchored(inst.firstDueDate, offerDay) ? offerDay : parse(inst.firstDueDate).d;
    const dates = Array.from({ length: inst.months }, (_, k) => monthOn(inst.firstDueDate, k, anchor));
    parts.push({ principal: spread.principal, charges: chargesOf(spread), dates, extended: false, method: inst.method, anchor, first: firstOf(dates, anchor) });
    if (structure === 'extension_installments') {
      const laterDates: string[] = [];
      for (let k = 0; k < 600; k++) {
        const d = monthOn(inst.firstDueDate, k, anchor);
        if (d > newMaturity!) break;
        laterDates.push(d);
      }
      parts.push({ principal: laterPrincipal, charges: 0, dates: laterDates, extended: true, method: inst.method, anchor, first: firstOf(laterDates, anchor) });
    }
  }

  // A reduced pause: the financed principal (after the down payment) at ratePct % of the contract rate for its months.
  const pauseCharged =
    pause && pause.interest === 'reduced' && spread.principal > 0
      ? Number((BigInt(spread.principal) * BigInt(loan.annualRatePpm) * BigInt(Math.round(pause.ratePct * 100)) * BigInt(pause.months) * 2n + 12n * 1_000_000n * 10_000n) / (2n * 12n * 1_000_000n * 10_000n))
      : 0;
  let covers = true;
  let capAhead = 0;
  const planRows: Row[] = [];
  const lastRegular: { date: string; regular: number }[] = [];
  for (const part of parts) {
    const n = part.dates.length;
    if (n === 0 || part.principal + part.charges === 0) continue;
    const rates = part.dates.map((d, i) => (structure === 'settlement' ? 0 : rateAt(d, i, part.extended)));
    const a = oracleAmortise(part.principal, rates, part.method, part.first);
    covers &&= a.covers;
    const ch = oracleSplit(part.charges, n);
    const extra = oracleSplit(pauseCharged, n); // (a pause comes only with installments alone: one part)
    const rows = part.dates.map((dueDate, i): Row => {
      const interest = a.interest[i]! + extra[i]!;
      return { dueDate, principal: a.principal[i]!, interest, charges: ch[i]!, amount: a.principal[i]! + interest + ch[i]!, source: 'plan' };
    });
    rows.forEach((row, i) => lastRegular.push({ date: row.dueDate, regular: i === n - 1 && n >= 2 ? Math.min(row.amount, rows[n - 2]!.amount) : row.amount }));
    planRows.push(...rows);
    if (structure !== 'settlement' && part.principal > 0) {
      const repayments = rows.map((row) => ({ day: dayNo(row.dueDate), amount: row.principal }));
      capAhead += oracleCap(asOf, [], part.dates.at(-1)!, part.principal, repayments, policy.totalCostCapAnnualPct, { boundaries: [asOf, ...part.dates], anchor: part.anchor });
    }
  }
  const contractRows: Row[] = [];
  if (arrearsBase) {
    let credit = t.notYetDuePrincipal - laterPrincipal;
    for (const row of [...arrears.installments].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.seq - b.seq))) {
      if (row.dueDate <= asOf || row.status === 'paid') continue;
      const original = loan.installments.find((i) => i.seq === row.seq)!;
      const off = Math.min(credit, row.principal.outstanding);
      credit -= off;
      const principal = row.principal.outstanding - off;
      const interest = original.interestDue - row.interest.paid;
      const fees = original.feesDue - row.fees.paid;
      if (principal + interest + fees > 0) contractRows.push({ dueDate: row.dueDate, principal, interest, charges: fees, amount: principal + interest + fees, source: 'contract' });
    }
    const contractPrincipal = sum(contractRows.map((x) => x.principal));
    if (contractRows.length > 0 && contractPrincipal > 0) {
      const repayments = contractRows.map((row) => ({ day: dayNo(row.dueDate), amount: row.principal }));
      capAhead += oracleCap(asOf, [], contractRows.at(-1)!.dueDate, contractPrincipal, repayments, policy.totalCostCapAnnualPct, { boundaries: [asOf, ...contractRows.map((x) => x.dueDate)], anchor: loanAnchor });
    }
  }
  // Rows of the same date and source are one installment.
  const merged: Row[] = [];
  for (const row of planRows) {
    const same = merged.find((m) => m.dueDate === row.dueDate);
    if (same) {
      same.principal += row.principal;
      same.interest += row.interest;
      same.charges += row.charges;
      same.amount += row.amount;
    } else merged.push({ ...row });
  }
  const schedule = [...merged, ...contractRows].sort((a, b) => (a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.source === b.source ? 0 : a.source === 'plan' ? -1 : 1));

  const months = new Map<string, { regular: number; amount: number }>();
  for (const row of schedule) {
    const key = row.dueDate.slice(0, 7);
    const m = months.get(key) ?? { regular: 0, amount: 0 };
    m.amount += row.amount;
    months.set(key, m);
  }
  for (const x of lastRegular) months.get(x.date.slice(0, 7))!.regular += x.regular;
  for (const row of contractRows) months.get(row.dueDate.slice(0, 7))!.regular += row.amount;

  const newInterest = sum(schedule.map((x) => x.interest));
  const newFees = sum(contractRows.map((x) => x.charges));
  const totalPayable = downPayment + sum(schedule.map((x) => x.amount));
  // The status quo: the contract's interest and fees still to come, no more than the cap allows them: the cap from
  // today on the principal not yet due as the contract repays it, and the room the charges to date left under it.
  let future = 0;
  const coming: { dueDate: string; principal: number }[] = [];
  for (const row of arrears.installments) {
    if (row.dueDate <= asOf || row.status === 'paid') continue;
    const original = loan.installments.find((i) => i.seq === row.seq)!;
    future += original.interestDue + original.feesDue - row.interest.paid - row.fees.paid;
    coming.push({ dueDate: row.dueDate, principal: original.principalDue });
  }
  coming.sort((a, b) => dayNo(a.dueDate) - dayNo(b.dueDate));
  const comingPrincipal = sum(coming.map((x) => x.principal));
  const futureCap =
    coming.length > 0 && comingPrincipal > 0
      ? oracleCap(asOf, [], coming.at(-1)!.dueDate, comingPrincipal, coming.map((x) => ({ day: dayNo(x.dueDate), amount: x.principal })), policy.totalCostCapAnnualPct, { boundaries: [asOf, ...coming.map((x) => x.dueDate)], anchor: loanAnchor })
      : 0;
  const owedBefore = t.enforceableTotalToSettle + Math.min(future, futureCap + Math.max(0, arrears.cap.cap - arrears.cap.charges));
  const setAside = capReduction.penalty + capReduction.compound + capReduction.fees + capReduction.interest;
  const cap = arrears.cap.cap + capAhead;
  const lifeCharges = arrears.cap.charges - waived.penalty - waived.compound - waived.interest - setAside + newInterest + newFees;
  const excess = Math.max(0, lifeCharges - cap - paidAboveCap - capReduction.principal);
  const financedPrincipal = sum(planRows.map((x) => x.principal));
  const financedCharges = sum(planRows.map((x) => x.charges));
  return {
    structure,
    schedule: schedule.map((x) => ({ dueDate: x.dueDate, principal: x.principal, interest: x.interest, charges: x.charges, amount: x.amount, source: x.source })),
    downPayment,
    totalPayable,
    newInterest,
    newFees,
    endDate: schedule.at(-1)?.dueDate ?? asOf,
    newMaturityDate: newMaturity,
    regularPayment: Math.max(0, ...[...months.values()].map((m) => m.regular)),
    peakPayment: Math.max(0, ...[...months.values()].map((m) => m.amount)),
    waived: { ...waived, total: sum(Object.values(waived)) },
    capReduction: { ...capReduction, total: setAside + capReduction.principal },
    carried: { ...carried, total: sum(Object.values(carried)) },
    financed: { principal: financedPrincipal, charges: financedCharges, total: financedPrincipal + financedCharges },
    installmentBase,
    owedBefore,
    saving: owedBefore - totalPayable,
    cap: { cap, charges: lifeCharges, paidAboveCap, excess },
    fitsCap: excess === 0,
    coversInterest: covers,
    ...(pause ? { pause: { ...pause, from: asOf, until: interestFrom, interestCharged: pauseCharged } } : {}),
  };
}
