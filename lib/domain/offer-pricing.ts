import { capDailyRate, crystallise } from './arrears-accrual';
import type { ArrearsComponent } from './arrears-model';
import { addMonths, type IsoDate } from './dates';
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
import { amortise, datesEndingOn, dayNumber, forwardDates, type Row, type Track } from './offer-schedule';

/**
 * The offer engine's pricing (public entry: lib/domain/offers.ts): builds and
 * prices restructuring offers — extension (展期), installments (分期), relief
 * (减免) and their combinations. Pure and deterministic; every
 * date comes in through the context.
 *
 * Conventions:
 *
 * - What is owed today is arrears.totals as of ctx.asOf: overdue principal,
 *   overdue interest, penalty, compound interest, fees, and the principal not
 *   yet due. Relief waives percentages of penalty, compound and overdue
 *   interest (each half-up to the fen) and an amount of principal (overdue
 *   principal first). Charges above the total-cost cap today are not
 *   enforceable (arrears.ts: notEnforceable) and are never carried into an
 *   offer: whatever the charges to date, less the waivers, still exceed the cap
 *   to date is set aside (capReduction) from penalty, then compound, fees and
 *   interest. carried = owed − waived − capReduction, component by component.
 * - Structures. Installments alone spread the policy's spread base over
 *   `months` monthly installments from firstDueDate: 'outstanding' = all that
 *   is carried (the old schedule is replaced); 'arrears' = the carried overdue
 *   part only, while the installments not yet due continue unchanged (they
 *   appear in the schedule as source 'contract'). An extension alone
 *   re-amortises everything carried, in equal monthly installments on the
 *   maturity's day of the month, ending on the new maturity = maturityDate +
 *   extensionMonths. Extension + installments: the overdue part goes into the
 *   installments, the principal not yet due is re-amortised (same method,
 *   same dates) up to the last date on or before the new maturity. Relief
 *   alone is a settlement: what is carried is paid in one payment on asOf.
 * - Down payment (installments only), due on asOf, is applied to the spread
 *   base in policy.allocationOrder (default: charges before principal), like
 *   any payment. Its minimum is a percentage of the spread base after relief.
 * - Interest on the plan: one month's interest per installment on the running
 *   financed principal (balance × rate / 12, half-up, as in schedule.ts;
 *   the first period is one month however far within the window the first due
 *   date is). Carried charges (overdue interest, penalty, compound, fees) bear
 *   no interest — no interest on interest — and are spread evenly over the
 *   installments of their part (splitEvenly: the last absorbs the remainder).
 *   Rate: the contract rate; on the extension's part (everything, for an
 *   extension alone; the principal not yet due, with installments) the
 *   installments due after the current maturity use the policy's rate when
 *   policy.extension.rate is 'policy'; a rate reduction multiplies the rate by (1 − pct/100) for the
 *   plan's first `months` installments. Where the rate changes, the remaining
 *   balance is re-amortised over the remaining months (as buildSchedule would
 *   from there), so every schedule repays its financed balance exactly, the last
 *   installment absorbing every rounding remainder.
 * - Status quo (owedBefore): the borrower pays everything enforceable owed
 *   today (arrears.totals.enforceableTotalToSettle, which is totalToSettle
 *   whenever the cap does not bind) and the contractual interest and fees of the
 *   installments not yet due (zero once the loan is settled). Penalty that would
 *   keep accruing on unpaid arrears is not counted. saving = owedBefore −
 *   totalPayable, negative when the restructuring costs more.
 * - Total-cost cap over the loan's life: charges = arrears.cap.charges (every
 *   interest, penalty, compound and fee charged up to asOf, paid or not) − the
 *   waived penalty, compound and interest + the plan's new interest + fees of
 *   continuing installments. Cap = arrears.cap.cap + the cap accrued from asOf
 *   to the last due date on the principal still outstanding each day (after the
 *   down payment, reduced on each due date), at totalCostCapAnnualPct / 360 —
 *   computeArrears' cap extended to the new end date. fitsCap: charges ≤
 *   cap + paidAboveCap, where paidAboveCap is what was already paid above the
 *   cap to date (history the plan cannot undo; the arrears engine does not
 *   reclaim it either) — i.e. the plan adds nothing above the cap. The charges
 *   carried in never break it (see capReduction); the plan's interest can, and
 *   such terms are refused ('cap.exceeded').
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

const contractCache = new WeakMap<OfferContext['loan']['installments'], Map<number, OfferContext['loan']['installments'][number]>>();
function contractBySeq(installments: OfferContext['loan']['installments']) {
  let bySeq = contractCache.get(installments);
  if (!bySeq) {
    bySeq = new Map(installments.map((row) => [row.seq, row]));
    contractCache.set(installments, bySeq);
  }
  return bySeq;
}

type Plan = {
  structure: OfferStructure;
  owed: Part;
  waived: PricedOffer['waived'];
  capReduction: PricedOffer['capReduction'];
  carried: Part;
  downPayment: Fen;
  downPaymentPrincipal: Fen;
  installmentBase: Fen;
  tracks: Track[];
  contractRows: Row[];
  newMaturityDate: IsoDate | null;
  futureContractCharges: Fen;
};

function plan(ctx: OfferContext, terms: OfferTerms): Plan {
  const violations = validateTermValues(terms);
  if (violations.length > 0) throw new OfferTermsError(violations);
  const { asOf, loan, arrears, policy } = ctx;
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
  // What the charges to date still exceed the cap to date by, after the waivers, is not enforceable: never carried.
  const capReduction = { penalty: 0, compound: 0, fees: 0, interest: 0, total: 0 };
  let excess = Math.max(0, arrears.cap.charges - waived.penalty - waived.compound - waived.interest - arrears.cap.cap);
  for (const component of capReductionOrder) {
    const take = Math.min(excess, carried[component]);
    capReduction[component] = take;
    carried[component] -= take;
    capReduction.total += take;
    excess -= take;
  }

  const structure = structureOf(terms);
  const arrearsBase = structure === 'installments' && policy.installments.spreadBase === 'arrears';
  // Principal relief goes to the overdue principal first.
  const waivedOverdue = Math.min(waived.principal, t.overduePrincipal);
  if (arrearsBase && waived.principal > waivedOverdue) invalid('relief.principalWaive', 'exceedsOverduePrincipal');
  const later = t.notYetDuePrincipal - (waived.principal - waivedOverdue);
  const overduePart: Part = { ...carried, principal: t.overduePrincipal - waivedOverdue };
  const separateLater = structure === 'extension_installments' || arrearsBase;
  const spread: Part = separateLater ? overduePart : { ...carried };

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
  const downPaymentPrincipal = (separateLater ? overduePart.principal : carried.principal) - spread.principal;

  const contractRate = loan.annualRatePpm;
  const extensionRate = policy.extension.rate === 'policy' ? (policy.extension.policyAnnualRatePpm ?? contractRate) : contractRate;
  const reduction = relief?.rateReduction;
  const rates = (dates: IsoDate[], extended: boolean) =>
    dates.map((date, i) => {
      const base = extended && date > loan.maturityDate ? extensionRate : contractRate;
      return reduction && i < reduction.months ? reducedRatePpm(base, reduction.pct) : base;
    });
  const track = (part: { principal: Fen; charges: Fen }, dates: IsoDate[], extended: boolean, method: InstallmentMethod): Track => ({
    ...part,
    dates,
    rates: rates(dates, extended),
    method,
  });

  const newMaturityDate = terms.extensionMonths !== undefined ? addMonths(loan.maturityDate, terms.extensionMonths) : null;
  const tracks: Track[] = [];
  const inst = terms.installments;
  if (structure === 'settlement') {
    // Paid on the offer date: no new interest.
    tracks.push({ principal: carried.principal, charges: chargesOf(carried), dates: [asOf], rates: [0], method: 'equal_installment' });
  } else if (structure === 'extension') {
    const dates = datesEndingOn(newMaturityDate!, asOf);
    if (dates.length === 0 && sumPart(carried) > 0) throw new OfferTermsError([{ rule: 'extension.tooShort', params: { newMaturity: newMaturityDate!, asOf } }]);
    tracks.push(track({ principal: carried.principal, charges: chargesOf(carried) }, dates, true, 'equal_installment'));
  } else {
    tracks.push(track({ principal: spread.principal, charges: chargesOf(spread) }, forwardDates(inst!.firstDueDate, inst!.months), false, inst!.method));
    if (structure === 'extension_installments') {
      const dates = forwardDates(inst!.firstDueDate, MAX_SCHEDULE_MONTHS, newMaturityDate!);
      if (dates.length === 0 && later > 0) {
        throw new OfferTermsError([{ rule: 'extension.tooShort', params: { newMaturity: newMaturityDate!, firstDueDate: inst!.firstDueDate } }]);
      }
      tracks.push(track({ principal: later, charges: 0 }, dates, true, inst!.method));
    }
  }

  // The contractual installments not yet due: the status quo's future charges, and the rows that continue on an 'arrears' spread.
  const interestBySeq = contractBySeq(loan.installments);
  const contractRows: Row[] = [];
  let futureContractCharges = 0;
  for (const row of arrears.installments) {
    if (row.dueDate <= asOf || row.status === 'paid') continue; // due, or cancelled because the loan was paid off
    const original = interestBySeq.get(row.seq);
    if (!original) throw new RangeError(`installment ${row.seq} is missing from the loan's schedule`);
    futureContractCharges += original.interestDue + original.feesDue;
    if (arrearsBase) {
      const amount = row.principal.outstanding + original.interestDue + original.feesDue;
      contractRows.push({ dueDate: row.dueDate, principal: row.principal.outstanding, interest: original.interestDue, charges: original.feesDue, amount, source: 'contract', regular: amount });
    }
  }
  return { structure, owed, waived, capReduction, carried, downPayment, downPaymentPrincipal, installmentBase, tracks, contractRows, newMaturityDate, futureContractCharges };
}

/** Prices a set of terms (whether or not they are within policy); throws OfferTermsError when the values cannot be priced. */
export function priceOffer(ctx: OfferContext, terms: OfferTerms): PricedOffer {
  const p = plan(ctx, terms);
  const { asOf, arrears, policy } = ctx;

  // Plan rows on the same date (the two parts of an extension + installments) are one installment.
  const byDate = new Map<IsoDate, Row>();
  for (const row of p.tracks.flatMap(amortise)) {
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

  // Cap over the loan's life, extended from asOf to the last due date.
  const capRate = capDailyRate(policy.totalCostCapAnnualPct);
  let principalLeft = p.carried.principal - p.downPaymentPrincipal;
  let numerator = 0n;
  let from = asOf;
  for (const row of rows) {
    numerator += BigInt(Math.max(0, principalLeft)) * BigInt(Math.max(0, dayNumber(row.dueDate) - dayNumber(from))) * capRate.perFenDay;
    from = row.dueDate;
    principalLeft -= row.principal;
  }
  const cap = arrears.cap.cap + crystallise(numerator, capRate);
  const lifeCharges = arrears.cap.charges - p.waived.penalty - p.waived.compound - p.waived.interest - p.capReduction.total + newInterest + newFees;
  // Charges already paid above the cap to date cannot be set aside here (the arrears engine does not reclaim them either):
  // the plan must not add to them.
  const paidAboveCap = Math.max(0, arrears.cap.charges - p.waived.penalty - p.waived.compound - p.waived.interest - p.capReduction.total - arrears.cap.cap);
  const capExcess = Math.max(0, lifeCharges - cap - paidAboveCap);
  const owedBefore = arrears.totals.enforceableTotalToSettle + p.futureContractCharges;

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
    cap: { cap, charges: lifeCharges, paidAboveCap, excess: capExcess },
    fitsCap: capExcess === 0,
  };
}

