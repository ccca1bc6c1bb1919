import type { ArrearsInput, ArrearsResult } from './arrears-model';
import { isIsoDate, type IsoDate } from './dates';
import { divideHalfUp, type Fen } from './money';
import type { Authority, CreditorPolicy } from './policy';
import type { HardshipPause, PauseSummary } from './hardship-pause';

/**
 * Types of the offer engine — restructuring offers: extension (展期),
 * installments (分期), relief (减免) and their combinations, priced from the
 * arrears, the loan, the creditor's policy and the borrower's disposable
 * income — the rule codes it refuses terms with, and the checks on the raw
 * values of a set of terms. Pricing is in offer-pricing.ts (priceOffer), the
 * rules by role in offer-checks.ts (checkOffer, evaluateOffer,
 * authorityNeeded), the tailored suggestions in offer-suggestions.ts.
 */

export type InstallmentMethod = 'equal_installment' | 'equal_principal';

/**
 * What an offer proposes. At least one part is present:
 * - extensionMonths (展期): the maturity moves out by that many months;
 * - installments (分期): the spread base is paid in `months` monthly installments from firstDueDate, after an optional down payment;
 * - relief (减免): waivers of the amounts owed today and a reduced rate for the first months of the plan.
 * Relief alone is a settlement (一次性结清减免): what is left after the waivers is paid in one payment on the offer date.
 */
export type OfferTerms = {
  extensionMonths?: number;
  installments?: { months: number; method: InstallmentMethod; downPayment: Fen; firstDueDate: IsoDate };
  relief?: {
    /** Percentages of the amount owed today (0–100, at most two decimals). */
    penaltyWaivePct: number;
    compoundWaivePct: number;
    /** Of the overdue contractual interest. */
    interestWaivePct: number;
    /** Principal written off, in fen (supervisor only). */
    principalWaive: Fen;
    /** The plan's rate × (1 − pct/100) for its first `months` monthly installments. */
    rateReduction?: { pct: number; months: number };
  };
  /** A hardship pause before the installments (lib/domain/hardship-pause.ts prices and checks it). */
  pause?: HardshipPause;
};

export type OfferLoan = {
  principal: Fen;
  annualRatePpm: number;
  /** Original term, for the extension limit (General Rules on Loans art. 12). */
  termMonths: number;
  startDate: IsoDate;
  /** Current maturity (after any earlier extension): a new extension is measured from it; months after it are "the extended part". */
  maturityDate: IsoDate;
  /** Months of extension already granted (cumulative, for art. 12). */
  extendedMonths: number;
  /** The contractual schedule (as given to computeArrears): the status quo's future interest and fees. */
  installments: ArrearsInput['installments'];
};

export type OfferContext = {
  asOf: IsoDate;
  loan: OfferLoan;
  /** computeArrears(…) as of `asOf`. */
  arrears: ArrearsResult;
  policy: CreditorPolicy;
  /** Monthly disposable income from the hardship statement (computeAffordability); null when unknown. */
  disposableIncome: Fen | null;
};

export type OfferRole = 'borrower' | 'mediator' | 'supervisor' | 'system';

export type OfferRule =
  | 'values.invalid'
  | 'extension.limit'
  | 'extension.tooShort'
  | 'plan.longest'
  | 'installments.maxMonths'
  | 'installments.paymentBelowInterest'
  | 'installments.downPaymentMin'
  | 'installments.firstDueWindow'
  | 'authority.planMonths'
  | 'relief.penaltyAuthority'
  | 'relief.compoundAuthority'
  | 'relief.interestAuthority'
  | 'relief.principalSupervisorOnly'
  | 'relief.principalAuthority'
  | 'relief.rateAuthority'
  | 'borrower.maxMonths'
  | 'borrower.downPaymentMin'
  | 'cap.exceeded';

export type OfferViolation = { rule: OfferRule; params?: Record<string, number | string> };
export type OfferCheck = { ok: true } | { ok: false; violations: OfferViolation[] };

/** Thrown by priceOffer for terms whose values cannot be priced at all (checkOffer reports them as 'values.invalid'). */
export class OfferTermsError extends RangeError {
  constructor(readonly violations: OfferViolation[]) {
    super(`invalid offer terms: ${violations.map((v) => `${v.params?.field ?? ''} ${v.params?.reason ?? ''}`.trim()).join('; ')}`);
    this.name = 'OfferTermsError';
  }
}

/** The longest schedule the engine builds (a 30-year loan extended by 3 years fits). */
export const MAX_SCHEDULE_MONTHS = 600;

/**
 * Cumulative extension limit, General Rules on Loans art. 12: a short-term loan
 * (term ≤ 1 year) by at most its original term, a medium-term loan (1–5 years)
 * by at most half of it (rounded down to whole months), a long-term loan by at most 3 years.
 */
export function extensionLimitMonths(termMonths: number): number {
  if (termMonths <= 12) return termMonths;
  if (termMonths <= 60) return Math.floor(termMonths / 2);
  return 36;
}

/** A percentage 0–100 with at most two decimals as whole hundredths of a percent, or null. */
export function pctHundredths(pct: unknown): number | null {
  if (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100) return null;
  const hundredths = Math.round(pct * 100);
  return Math.abs(pct * 100 - hundredths) > 1e-6 ? null : hundredths;
}

/** pct % of an amount, half-up to the fen, in BigInt. */
export function percentOf(amount: Fen, pct: number): Fen {
  const h = pctHundredths(pct);
  if (h === null) throw new RangeError(`not a percentage: ${pct}`);
  return divideHalfUp(BigInt(amount) * BigInt(h), 10_000n);
}

/** The annual rate (ppm) reduced by pct %, half-up to a whole ppm. */
export function reducedRatePpm(annualRatePpm: number, pct: number): number {
  return divideHalfUp(BigInt(annualRatePpm) * BigInt(10_000 - (pctHundredths(pct) ?? 0)), 10_000n);
}

export function authorityOf(policy: CreditorPolicy, role: 'mediator' | 'supervisor' | 'system'): Authority {
  return role === 'supervisor' ? policy.authority.supervisor : policy.authority.mediator;
}

const isMonths = (value: unknown, max = MAX_SCHEDULE_MONTHS) => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;
const isFen = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Checks that every value is well-formed (types, ranges, dates); does not apply any policy. */
export function validateTermValues(terms: OfferTerms): OfferViolation[] {
  const out: OfferViolation[] = [];
  const bad = (field: string, reason: string) => out.push({ rule: 'values.invalid', params: { field, reason } });
  const { extensionMonths, installments, relief } = terms;
  if (extensionMonths === undefined && !installments && !relief) bad('terms', 'empty');
  if (extensionMonths !== undefined && !isMonths(extensionMonths)) bad('extensionMonths', 'notMonths');
  if (installments) {
    if (!isMonths(installments.months)) bad('installments.months', 'notMonths');
    if (installments.method !== 'equal_installment' && installments.method !== 'equal_principal') bad('installments.method', 'unknown');
    if (!isFen(installments.downPayment)) bad('installments.downPayment', 'notAmount');
    if (!isIsoDate(installments.firstDueDate)) bad('installments.firstDueDate', 'notDate');
  }
  if (relief) {
    for (const key of ['penaltyWaivePct', 'compoundWaivePct', 'interestWaivePct'] as const) {
      if (pctHundredths(relief[key]) === null) bad(`relief.${key}`, 'notPercent');
    }
    if (!isFen(relief.principalWaive)) bad('relief.principalWaive', 'notAmount');
    if (relief.rateReduction) {
      if (pctHundredths(relief.rateReduction.pct) === null) bad('relief.rateReduction.pct', 'notPercent');
      if (!isMonths(relief.rateReduction.months)) bad('relief.rateReduction.months', 'notMonths');
      if (extensionMonths === undefined && !installments) bad('relief.rateReduction', 'noPlan');
    }
  }
  return out;
}

export type OfferRow = {
  seq: number;
  dueDate: IsoDate;
  /** Repays principal (of the financed balance, or a continuing contractual installment's). */
  principal: Fen;
  /** New interest: the plan's, or a continuing contractual installment's. */
  interest: Fen;
  /** Carried-over charges (unwaived overdue interest, penalty, compound, fees; no interest on them), or a continuing installment's fees. */
  charges: Fen;
  amount: Fen;
  /** 'plan': a new installment; 'contract': an original installment that continues unchanged (spreadBase 'arrears'). */
  source: 'plan' | 'contract';
  /** Principal and carried charges still to pay after this row. */
  balanceAfter: Fen;
};

export type OfferStructure = 'settlement' | 'installments' | 'extension' | 'extension_installments';

export type OwedComponents = { principal: Fen; interest: Fen; penalty: Fen; compound: Fen; fees: Fen; total: Fen };

export type PricedOffer = {
  structure: OfferStructure;
  asOf: IsoDate;
  schedule: OfferRow[];
  /** Due on the offer date (asOf), before the schedule. */
  downPayment: Fen;
  /**
   * The highest total due in any calendar month, each plan's last installment
   * counted at no more than the one before it (it only absorbs rounding).
   */
  regularPayment: Fen;
  /** The highest total due in any calendar month, last installments included. */
  peakPayment: Fen;
  numberOfPayments: number;
  firstDueDate: IsoDate | null;
  endDate: IsoDate;
  /** The maturity after the extension, when there is one. */
  newMaturityDate: IsoDate | null;
  /** Down payment + every row's amount. */
  totalPayable: Fen;
  /** Interest the plan adds (new plan interest + continuing contractual interest). */
  newInterest: Fen;
  /** Fees of continuing contractual installments. */
  newFees: Fen;
  /** What is owed today (arrears.totals) by component. */
  owedToday: OwedComponents;
  waived: { penalty: Fen; compound: Fen; interest: Fen; principal: Fen; total: Fen };
  /**
   * Above the total-cost cap today (after the waivers): charges still owed above it are not enforceable, so never
   * carried into the offer; charges already paid above it are credited against the principal (`principal`; absent in
   * offers priced before it existed). total = all five.
   */
  capReduction: { penalty: Fen; compound: Fen; fees: Fen; interest: Fen; principal?: Fen; total: Fen };
  /** owedToday − waived − capReduction: paid by the down payment and the rows' principal and charges. */
  carried: OwedComponents;
  /** Carried balance spread over the new plan (after the down payment), excluding continuing contractual installments. */
  financed: { principal: Fen; charges: Fen; total: Fen };
  balanceFinanced: Fen;
  /** The base the minimum down payment is a percentage of (0 without installments). */
  installmentBase: Fen;
  /** Status quo: arrears.totals.enforceableTotalToSettle + interest and fees of the contractual installments not yet due. */
  owedBefore: Fen;
  /** owedBefore − totalPayable (negative when the plan costs more than the status quo). */
  saving: Fen;
  /** regularPayment ≤ disposable income; null when the income is unknown. */
  affordable: boolean | null;
  /**
   * Total cost over the loan's life (charges: interest, penalty, compound and fees, paid or to pay) against the cap
   * extended to the end date, on the contract's basis (arrears-cap.ts); paidAboveCap: charges already paid above the
   * cap to date (credited against principal as far as it goes); excess = max(0, charges − cap − paidAboveCap), what the
   * plan would add above the cap.
   */
  cap: { cap: Fen; charges: Fen; paidAboveCap: Fen; excess: Fen };
  fitsCap: boolean;
  /** False when a level payment of the plan does not cover its interest (refused: 'installments.paymentBelowInterest'). Absent in older offers. */
  coversInterest?: boolean;
  /** The payment pause before the plan, when there is one (lib/domain/hardship-pause.ts). */
  pause?: PauseSummary;
};

/** The day an offer's first payment after any down payment falls due, if it has one. */
export function firstPaymentDay(priced: Pick<PricedOffer, 'schedule'>): IsoDate | null {
  return priced.schedule[0]?.dueDate ?? null;
}

export type Suggestion = {
  kind: 'shortest_affordable' | 'balanced' | 'lowest_payment' | 'alternative' | 'hardship' | 'standard' | 'extension' | 'hardship_pause';
  terms: OfferTerms;
  priced: PricedOffer;
};
