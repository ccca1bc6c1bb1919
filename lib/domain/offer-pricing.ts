import { capOver, periodsBetween, type PrincipalLevel } from './arrears-cap';
import type { ArrearsComponent } from './arrears-model';
import { addMonths, anchorDayOf, dayOfMonth, type IsoDate } from './dates';
import type { Fen } from './money';
import {
  MAX_SCHEDULE_MONTHS,
  OfferTermsError,
  percentOf,
  reducedRatePpm,
  validateTermValues,
  type InstallmentMethod,
  type OfferContext,
  type OfferRow,
  type OfferStructure,
  type OfferTerms,
  type OwedComponents,
  type PricedOffer,
} from './offer-terms';
import { amortiseTrack, datesEndingOn, firstPeriod, forwardDates, planAnchorDay, type Row, type Track } from './offer-schedule';

/**
 * The offer engine's pricing: builds and prices restructuring offers —
 * extension (展期), installments (分期), relief (减免) and their combinations.
 * Pure and deterministic; every date comes in through the context.
 *
 * Input and output: priceOffer(ctx, terms) takes the case (OfferContext: the
 * arrears as of ctx.asOf, the loan, the policy, the disposable income) and the
 * terms (OfferTerms), and returns a PricedOffer: the schedule, what is owed,
 * waived, set aside above the cap and carried, the totals, the status quo and
 * the saving against it, and the cap over the plan's life. A new kind of offer
 * (a payment pause, say) can be priced beside it from the same context and
 * measured the same way: saving = owedBefore − totalPayable, owedBefore being
 * the enforceable status quo (statusQuoOf).
 *
 * Conventions:
 *
 * - What is owed today is arrears.totals as of ctx.asOf: overdue principal,
 *   overdue interest, penalty, compound interest, fees, and the principal not
 *   yet due. Relief waives percentages of penalty, compound and overdue
 *   interest (each half-up to the fen) and an amount of principal (overdue
 *   principal first).
 * - The cap today. What the charges to date, less the waivers, exceed the cap
 *   to date by is never carried into an offer: first the charges still owed
 *   (capReduction, from penalty, then compound, fees and interest), then, for
 *   charges already paid above the cap, as a credit against the principal
 *   (capReduction.principal, overdue principal first) — the enforceable view
 *   of the arrears engine. carried = owed − waived − capReduction, component
 *   by component.
 * - Structures. Installments alone spread the policy's spread base over
 *   `months` monthly installments from firstDueDate: 'outstanding' = all that
 *   is carried (the old schedule is replaced); 'arrears' = the carried overdue
 *   part only, while the installments not yet due continue unchanged (they
 *   appear in the schedule as source 'contract'). An extension alone
 *   re-amortises everything carried, in equal monthly installments on the
 *   loan's day of the month, ending on the new maturity = the current maturity
 *   (as already extended) + extensionMonths. Extension + installments: the
 *   overdue part goes into the installments, the principal not yet due is
 *   re-amortised (same method, same dates) up to the last date on or before
 *   the new maturity. Relief alone is a settlement: what is carried is paid in
 *   one payment on asOf.
 * - Dates keep their day of the month (dates.ts addMonths): the loan's for an
 *   extension, the first due date's for installments (or the offer date's,
 *   when the first due date is that day clamped to a shorter month).
 * - Down payment (installments only), due on asOf, is applied to the spread
 *   base in policy.allocationOrder (default: charges before principal), like
 *   any payment. Its minimum is a percentage of the spread base after relief.
 * - Interest on the plan: on the running financed principal, the first period
 *   from asOf to the first due date for its actual length (whole months and a
 *   share of a month: schedule.ts periodInterest), then one month per
 *   installment (balance × rate / 12, half-up). Carried charges (overdue
 *   interest, penalty, compound, fees) bear no interest — no interest on
 *   interest — and are spread evenly over the installments of their part
 *   (splitEvenly). Rate: the contract rate; on the extension's part
 *   (everything, for an extension alone; the principal not yet due, with
 *   installments) the installments due after the current maturity use the
 *   policy's rate when policy.extension.rate is 'policy'; a rate reduction
 *   multiplies the rate by (1 − pct/100) for the plan's first `months`
 *   installments. Where the rate changes, the remaining balance is
 *   re-amortised over the remaining months, so every schedule repays its
 *   financed balance exactly, the last installment absorbing the rounding
 *   (within a few fen: schedule.ts amortise). A level payment that would not
 *   cover its interest makes coversInterest false (refused).
 * - Status quo (owedBefore): the borrower pays everything enforceable owed
 *   today (arrears.totals.enforceableTotalToSettle) and the contractual
 *   interest and fees of the installments not yet due (zero once the loan is
 *   settled). Penalty that would keep accruing on unpaid arrears is not
 *   counted. saving = owedBefore − totalPayable, negative when the
 *   restructuring costs more.
 * - Total-cost cap over the loan's life: charges = arrears.cap.charges (every
 *   interest, penalty, compound and fee charged up to asOf, paid or not) − the
 *   waived penalty, compound and interest − the charges set aside + the plan's
 *   new interest + fees of continuing installments. Cap = arrears.cap.cap +
 *   the cap from asOf to the last due date on each part's principal, in that
 *   part's own months (the plan's periods for the plan, the contract's for
 *   continuing installments), each period rounded like its interest
 *   (arrears-cap.ts). paidAboveCap: what was already paid above the cap to
 *   date and could not be credited against principal (history the plan cannot
 *   undo). fitsCap: charges ≤ cap + paidAboveCap + the principal credit, i.e.
 *   the plan adds nothing above the cap; a plan whose rate is at or below the
 *   cap always fits. Terms that break it are refused ('cap.exceeded').
 * - Affordability: regularPayment ≤ disposableIncome (see PricedOffer); the
 *   down payment is a one-off and not compared with monthly income.
 */

type Part = Record<ArrearsComponent, Fen>;

const sumPart = (p: Part) => p.principal + p.interest + p.penalty + p.compound + p.fees;
const chargesOf = (p: Part) => p.interest + p.penalty + p.compound + p.fees;
const withTotal = (p: Part): OwedComponents => ({ principal: p.principal, interest: p.interest, penalty: p.penalty, compound: p.compound, fees: p.fees, total: sumPart(p) });

/** The order in which charges above the cap are set aside: the penal charges first, the contractual interest last. */
const capReductionOrder = ['penalty', 'compound', 'fees', 'interest'] as const;

function invalid(field: string, reason: string): never {
  throw new OfferTermsError([{ rule: 'values.invalid', params: { field, reason } }]);
}

function structureOf(terms: OfferTerms): OfferStructure {
  if (terms.extensionMonths !== undefined) return terms.installments ? 'extension_installments' : 'extension';
  return terms.installments ? 'installments' : 'settlement';
}

type Installments = OfferContext['loan']['installments'];
const contractCache = new WeakMap<Installments, { bySeq: Map<number, Installments[number]>; anchor: number | null }>();
/** The loan's installments by seq and the day of the month its schedule keeps. */
function contractOf(installments: Installments) {
  let found = contractCache.get(installments);
  if (!found) {
    found = { bySeq: new Map(installments.map((row) => [row.seq, row])), anchor: anchorDayOf(installments.map((row) => row.dueDate)) };
    contractCache.set(installments, found);
  }
  return found;
}

/**
 * The status quo an offer is measured against: what is enforceable today and the contractual interest and fees still
 * to come, as far as they are enforceable: no more than the total-cost cap accrues from today on the principal not
 * yet due, as the contract's schedule repays it, with the room the charges to date left under the cap (arrears-cap.ts
 * counts the cap; a loan above the cap was said to cost its whole contract interest, so an offer at the cap showed a
 * saving it did not give).
 */
export function statusQuoOf(ctx: OfferContext): Fen {
  const { bySeq, anchor } = contractOf(ctx.loan.installments);
  let future = 0;
  const coming: { dueDate: IsoDate; principal: Fen }[] = [];
  for (const row of ctx.arrears.installments) {
    if (row.dueDate <= ctx.asOf || row.status === 'paid') continue; // due, or cancelled because the loan was paid off
    const original = bySeq.get(row.seq);
    if (!original) throw new RangeError(`installment ${row.seq} is missing from the loan's schedule`);
    future += original.interestDue + original.feesDue - row.interest.paid - row.fees.paid;
    coming.push({ dueDate: row.dueDate, principal: original.principalDue });
  }
  // The cap is over the whole life: room left unused to date carries on.
  const principal = coming.reduce((sum, row) => sum + row.principal, 0);
  const room = capAhead(ctx.asOf, coming, principal, anchor, ctx.policy.totalCostCapAnnualPct) + Math.max(0, ctx.arrears.cap.cap - ctx.arrears.cap.charges);
  return ctx.arrears.totals.enforceableTotalToSettle + Math.min(future, room);
}

type PlanTrack = Track & { anchor: number };
type Plan = {
  structure: OfferStructure;
  owed: Part;
  waived: PricedOffer['waived'];
  capReduction: Required<PricedOffer['capReduction']>;
  paidAboveCap: Fen;
  carried: Part;
  downPayment: Fen;
  installmentBase: Fen;
  tracks: PlanTrack[];
  contractRows: Row[];
  contractAnchor: number;
  newMaturityDate: IsoDate | null;
};

/**
 * How a plan is priced beyond its terms. `interestFrom`: the day the plan's interest starts (default the offer date);
 * the first period runs from it to the first due date. A hardship pause starts it when the pause ends (hardship-pause.ts).
 */
export type PricingOptions = { interestFrom?: IsoDate };

function plan(ctx: OfferContext, terms: OfferTerms, options: PricingOptions): Plan {
  const violations = validateTermValues(terms);
  if (violations.length > 0) throw new OfferTermsError(violations);
  const { asOf, loan, arrears, policy } = ctx;
  const interestFrom = options.interestFrom ?? asOf;
  if (interestFrom < asOf) throw new RangeError(`interest cannot start (${interestFrom}) before the offer date (${asOf})`);
  if (arrears.asOf !== asOf) throw new RangeError(`arrears are as of ${arrears.asOf}, the offer as of ${asOf}`);
  const t = arrears.totals;
  const owed: Part = { principal: t.overduePrincipal + t.notYetDuePrincipal, interest: t.overdueInterest, penalty: t.penalty, compound: t.compound, fees: t.fees };
  const relief = terms.relief;
  const waived = {
    penalty: relief ? percentOf(owed.penalty, relief.penaltyWaivePct) : 0,
    compound: relief ? percentOf(owed.compound, relief.compoundWaivePct) : 0,
    interest: relief ? percentOf(owed.interest, relief.interestWaivePct) : 0,
    principal: relief?.principalWaive ?? 0,
    total: 0,
  };
  waived.total = waived.penalty + waived.compound + waived.interest + waived.principal;
  if (waived.principal > owed.principal) invalid('relief.principalWaive', 'exceedsPrincipal');
  const carried: Part = {
    principal: owed.principal - waived.principal,
    interest: owed.interest - waived.interest,
    penalty: owed.penalty - waived.penalty,
    compound: owed.compound - waived.compound,
    fees: owed.fees,
  };
  // What the charges to date, after the waivers, exceed the cap to date by: first set aside from the charges still owed,
  // then (charges already paid above it) credited against the principal.
  const capReduction = { penalty: 0, compound: 0, fees: 0, interest: 0, principal: 0, total: 0 };
  let excess = Math.max(0, arrears.cap.charges - waived.penalty - waived.compound - waived.interest - arrears.cap.cap);
  for (const component of [...capReductionOrder, 'principal'] as const) {
    const take = Math.min(excess, carried[component]);
    capReduction[component] = take;
    carried[component] -= take;
    capReduction.total += take;
    excess -= take;
  }

  const structure = structureOf(terms);
  const arrearsBase = structure === 'installments' && policy.installments.spreadBase === 'arrears';
  // Principal relief and the principal credit go to the overdue principal first.
  const offOverdue = Math.min(waived.principal + capReduction.principal, t.overduePrincipal);
  if (arrearsBase && waived.principal > Math.min(waived.principal, t.overduePrincipal)) invalid('relief.principalWaive', 'exceedsOverduePrincipal');
  const later = t.notYetDuePrincipal - (waived.principal + capReduction.principal - offOverdue);
  const separateLater = structure === 'extension_installments' || arrearsBase;
  // The spread base: its own object (the down payment below must not change what is carried).
  const spread: Part = separateLater ? { ...carried, principal: t.overduePrincipal - offOverdue } : { ...carried };

  // Down payment, applied in the policy's allocation order.
  const downPayment = terms.installments?.downPayment ?? 0;
  const installmentBase = terms.installments ? sumPart(spread) : 0;
  if (downPayment > installmentBase) invalid('installments.downPayment', 'exceedsBalance');
  let left = downPayment;
  for (const component of policy.allocationOrder) {
    const take = Math.min(left, spread[component]);
    spread[component] -= take;
    left -= take;
  }

  const contractRate = loan.annualRatePpm;
  const extensionRate = policy.extension.rate === 'policy' ? (policy.extension.policyAnnualRatePpm ?? contractRate) : contractRate;
  const reduction = relief?.rateReduction;
  const rates = (dates: IsoDate[], extended: boolean) =>
    dates.map((date, i) => {
      const base = extended && date > loan.maturityDate ? extensionRate : contractRate;
      return reduction && i < reduction.months ? reducedRatePpm(base, reduction.pct) : base;
    });
  const track = (part: { principal: Fen; charges: Fen }, dates: IsoDate[], anchor: number, extended: boolean, method: InstallmentMethod): PlanTrack => ({
    ...part,
    dates,
    rates: rates(dates, extended),
    method,
    // (A first due date on or before the day interest starts has no first period: a pause that is refused anyway.)
    first: firstPeriod(dates[0] !== undefined && dates[0] < interestFrom ? dates[0] : interestFrom, dates, anchor),
    anchor,
  });

  const contractAnchor = contractOf(loan.installments).anchor ?? dayOfMonth(loan.maturityDate);
  const newMaturityDate = terms.extensionMonths !== undefined ? addMonths(loan.maturityDate, terms.extensionMonths, contractAnchor) : null;
  const tracks: PlanTrack[] = [];
  const inst = terms.installments;
  if (structure === 'settlement') {
    // Paid on the offer date: no new interest.
    tracks.push({ principal: carried.principal, charges: chargesOf(carried), dates: [asOf], rates: [0], method: 'equal_installment', first: { months: 0, days: 0, monthDays: 1 }, anchor: dayOfMonth(asOf) });
  } else if (structure === 'extension') {
    const dates = datesEndingOn(newMaturityDate!, asOf, contractAnchor);
    if (dates.length === 0 && sumPart(carried) > 0) throw new OfferTermsError([{ rule: 'extension.tooShort', params: { newMaturity: newMaturityDate!, asOf } }]);
    tracks.push(track({ principal: carried.principal, charges: chargesOf(carried) }, dates, contractAnchor, true, 'equal_installment'));
  } else {
    const anchor = planAnchorDay(asOf, inst!.firstDueDate);
    tracks.push(track({ principal: spread.principal, charges: chargesOf(spread) }, forwardDates(inst!.firstDueDate, inst!.months, anchor), anchor, false, inst!.method));
    if (structure === 'extension_installments') {
      const dates = forwardDates(inst!.firstDueDate, MAX_SCHEDULE_MONTHS, anchor, newMaturityDate!);
      if (dates.length === 0 && later > 0) {
        throw new OfferTermsError([{ rule: 'extension.tooShort', params: { newMaturity: newMaturityDate!, firstDueDate: inst!.firstDueDate } }]);
      }
      tracks.push(track({ principal: later, charges: 0 }, dates, anchor, true, inst!.method));
    }
  }

  // The contractual installments not yet due that continue unchanged on an 'arrears' spread.
  const { bySeq } = contractOf(loan.installments);
  const contractRows: Row[] = [];
  if (arrearsBase) {
    // A principal credit beyond the overdue principal comes off the continuing installments' principal, earliest first.
    let credit = t.notYetDuePrincipal - later;
    for (const row of arrears.installments) {
      if (row.dueDate <= asOf || row.status === 'paid') continue; // due, or cancelled because the loan was paid off
      const original = bySeq.get(row.seq);
      if (!original) throw new RangeError(`installment ${row.seq} is missing from the loan's schedule`);
      const off = Math.min(credit, row.principal.outstanding);
      credit -= off;
      const principal = row.principal.outstanding - off;
      const interest = original.interestDue - row.interest.paid;
      const fees = original.feesDue - row.fees.paid;
      const amount = principal + interest + fees;
      if (amount > 0) contractRows.push({ dueDate: row.dueDate, principal, interest, charges: fees, amount, source: 'contract', regular: amount });
    }
  }
  return { structure, owed, waived, capReduction, paidAboveCap: excess, carried, downPayment, installmentBase, tracks, contractRows, contractAnchor, newMaturityDate };
}

/** The cap from asOf over a part of the plan: its principal on its own periods (asOf → its due dates), reduced on each due date. */
function capAhead(asOf: IsoDate, rows: readonly { dueDate: IsoDate; principal: Fen }[], principal: Fen, anchor: number | null, capPct: number): Fen {
  if (rows.length === 0 || principal <= 0) return 0;
  const levels: PrincipalLevel[] = [];
  let outstanding = principal;
  for (const row of rows) {
    outstanding -= row.principal;
    levels.push({ on: row.dueDate, outstanding });
  }
  const periods = periodsBetween([asOf, ...rows.map((row) => row.dueDate)], anchor);
  return capOver(periods, principal, levels, rows.at(-1)!.dueDate, capPct);
}

/** Prices a set of terms (whether or not they are within policy); throws OfferTermsError when the values cannot be priced. */
export function priceOffer(ctx: OfferContext, terms: OfferTerms, options: PricingOptions = {}): PricedOffer {
  const p = plan(ctx, terms, options);
  const { asOf, arrears, policy } = ctx;
  const capPct = policy.totalCostCapAnnualPct;

  // Plan rows on the same date (the two parts of an extension + installments) are one installment.
  const byDate = new Map<IsoDate, Row>();
  let coversInterest = true;
  let capFromToday = 0;
  for (const t of p.tracks) {
    const { rows, coversInterest: covers } = amortiseTrack(t);
    coversInterest &&= covers;
    if (p.structure !== 'settlement') capFromToday += capAhead(asOf, rows, t.principal, t.anchor, capPct);
    for (const row of rows) {
      const same = byDate.get(row.dueDate);
      if (!same) byDate.set(row.dueDate, { ...row });
      else {
        same.principal += row.principal;
        same.interest += row.interest;
        same.charges += row.charges;
        same.amount += row.amount;
        same.regular += row.regular;
      }
    }
  }
  capFromToday += capAhead(asOf, p.contractRows, p.contractRows.reduce((sum, row) => sum + row.principal, 0), p.contractAnchor, capPct);
  const rows = [...byDate.values(), ...p.contractRows].sort((a, b) =>
    a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.source === b.source ? 0 : a.source === 'plan' ? -1 : 1,
  );

  let balance = sumPart(p.carried) - p.downPayment;
  const schedule: OfferRow[] = rows.map((row, i) => {
    balance -= row.principal + (row.source === 'plan' ? row.charges : 0);
    return { seq: i + 1, dueDate: row.dueDate, principal: row.principal, interest: row.interest, charges: row.charges, amount: row.amount, source: row.source, balanceAfter: balance };
  });

  const monthly = (pick: (row: Row) => Fen) => {
    const totals = new Map<string, Fen>();
    for (const row of rows) totals.set(row.dueDate.slice(0, 7), (totals.get(row.dueDate.slice(0, 7)) ?? 0) + pick(row));
    return Math.max(0, ...totals.values());
  };
  const regularPayment = monthly((row) => row.regular);
  const newInterest = rows.reduce((sum, row) => sum + row.interest, 0);
  const newFees = p.contractRows.reduce((sum, row) => sum + row.charges, 0);
  const totalPayable = p.downPayment + rows.reduce((sum, row) => sum + row.amount, 0);
  const financedPrincipal = rows.reduce((sum, row) => sum + (row.source === 'plan' ? row.principal : 0), 0);
  const financedCharges = rows.reduce((sum, row) => sum + (row.source === 'plan' ? row.charges : 0), 0);

  // Cap over the loan's life: to date, then each part of the plan on its own periods.
  const cap = arrears.cap.cap + capFromToday;
  const setAside = p.capReduction.total - p.capReduction.principal;
  const lifeCharges = arrears.cap.charges - p.waived.penalty - p.waived.compound - p.waived.interest - setAside + newInterest + newFees;
  const capExcess = Math.max(0, lifeCharges - cap - p.paidAboveCap - p.capReduction.principal);
  const owedBefore = statusQuoOf(ctx);

  return {
    structure: p.structure,
    asOf,
    schedule,
    downPayment: p.downPayment,
    regularPayment,
    peakPayment: monthly((row) => row.amount),
    numberOfPayments: schedule.length,
    firstDueDate: schedule[0]?.dueDate ?? null,
    endDate: schedule.at(-1)?.dueDate ?? asOf,
    newMaturityDate: p.newMaturityDate,
    totalPayable,
    newInterest,
    newFees,
    owedToday: withTotal(p.owed),
    waived: p.waived,
    capReduction: p.capReduction,
    carried: withTotal(p.carried),
    financed: { principal: financedPrincipal, charges: financedCharges, total: financedPrincipal + financedCharges },
    balanceFinanced: financedPrincipal + financedCharges,
    installmentBase: p.installmentBase,
    owedBefore,
    saving: owedBefore - totalPayable,
    affordable: ctx.disposableIncome === null ? null : regularPayment <= ctx.disposableIncome,
    cap: { cap, charges: lifeCharges, paidAboveCap: p.paidAboveCap, excess: capExcess },
    fitsCap: capExcess === 0,
    coversInterest,
  };
}
