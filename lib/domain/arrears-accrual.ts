import { daysBetween, type IsoDate } from './dates';
import { divideHalfUp, type Fen } from './money';

/**
 * Exact day-by-day accrual for the arrears engine (lib/domain/arrears.ts).
 *
 * An amount accrued on a balance is kept as a BigInt numerator over a fixed
 * denominator, so no fraction of a fen is ever lost between days or periods;
 * it is rounded half-up to the fen only when the cumulative amount is
 * crystallised (see arrears.ts for where that happens).
 */

/** Day-count basis: daily rate = annual rate / 360 (PBoC convention); days are actual calendar days. */
export const DAY_COUNT_BASIS = 360;

/** A daily rate as an exact fraction: accrual = balance (fen) × days × perFenDay / denominator. */
export type ExactDailyRate = { perFenDay: bigint; denominator: bigint };

/** A percentage (e.g. 50, 37.5, 24) as whole hundredths of a percent; more than two decimals is refused rather than rounded silently. */
export function percentHundredths(pct: number, what: string): number {
  const hundredths = Math.round(pct * 100);
  if (!Number.isFinite(pct) || pct < 0 || Math.abs(pct * 100 - hundredths) > 1e-6) {
    throw new RangeError(`${what} must be a non-negative percentage with at most two decimals, got ${pct}`);
  }
  return hundredths;
}

function assertRatePpm(annualRatePpm: number): void {
  if (!Number.isSafeInteger(annualRatePpm) || annualRatePpm < 0) throw new RangeError(`annual rate must be a non-negative integer ppm, got ${annualRatePpm}`);
}

/**
 * The penalty rate (罚息利率) = contract rate × (1 + markup%), in ppm per year,
 * rounded half-up to a whole ppm for display (7.2% + 50% → 108000 = 10.8%).
 * The engine itself accrues with the exact fraction (`penaltyDailyRate`), which
 * equals this value whenever annualRatePpm × (100 + markup) is a multiple of 100
 * — true for every rate quoted to 0.01%.
 */
export function penaltyRatePpm(annualRatePpm: number, markupPct: number): number {
  assertRatePpm(annualRatePpm);
  return divideHalfUp(BigInt(annualRatePpm) * BigInt(10_000 + percentHundredths(markupPct, 'penalty markup')), 10_000n);
}

/** Daily penalty rate as an exact fraction: ppm × (10000 + markup in hundredths of a %) / (360 × 10^6 × 10^4). */
export function penaltyDailyRate(annualRatePpm: number, markupPct: number): ExactDailyRate {
  assertRatePpm(annualRatePpm);
  const markup = percentHundredths(markupPct, 'penalty markup');
  return { perFenDay: BigInt(annualRatePpm) * BigInt(10_000 + markup), denominator: BigInt(DAY_COUNT_BASIS) * 1_000_000n * 10_000n };
}

/** The exact numerator accrued on `balance` (≥ 0) for `days` days (≥ 0) at `rate` (over rate.denominator). */
export function accrueExact(balance: Fen, days: number, rate: ExactDailyRate): bigint {
  return BigInt(balance) * BigInt(days) * rate.perFenDay;
}

/** The crystallised amount in fen of an exact accrued numerator: the single rounding point (half-up). */
export function crystallise(numerator: bigint, rate: ExactDailyRate): Fen {
  return divideHalfUp(numerator, rate.denominator);
}

/**
 * One stretch of days on which an installment's overdue balances were constant,
 * for the explanation "罚息 = overdue principal × penalty rate / 360 × days".
 * `penalty` and `compound` are the increase of the crystallised (rounded)
 * cumulative amounts over the stretch, so the periods of an installment always
 * sum exactly to its charged penalty and compound interest (a single period
 * may therefore differ by a fen from its own formula evaluated in isolation).
 */
export type AccrualPeriod = {
  /** First day counted is `from`; the period ends before `to` (days = to − from, 算头不算尾). */
  from: IsoDate;
  to: IsoDate;
  days: number;
  overduePrincipal: Fen;
  overdueInterest: Fen;
  penalty: Fen;
  compound: Fen;
};

/** Running accrual of one installment's penalty and compound interest. */
export type AccrualState = {
  penaltyNumerator: bigint;
  compoundNumerator: bigint;
  accruedTo: IsoDate;
  periods: AccrualPeriod[];
};

export function newAccrual(dueDate: IsoDate): AccrualState {
  return { penaltyNumerator: 0n, compoundNumerator: 0n, accruedTo: dueDate, periods: [] };
}

/**
 * Accrues from `state.accruedTo` up to (not including) `to` on constant
 * balances, and records the period (merged with the previous one when the
 * balances did not change). `overdueInterest` is the compound base: pass 0
 * when the creditor does not compound.
 */
export function accrueTo(state: AccrualState, to: IsoDate, overduePrincipal: Fen, overdueInterest: Fen, rate: ExactDailyRate): void {
  const days = daysBetween(state.accruedTo, to);
  if (days <= 0) return;
  const from = state.accruedTo;
  state.accruedTo = to;
  if (overduePrincipal <= 0 && overdueInterest <= 0) return;
  const penaltyBefore = crystallise(state.penaltyNumerator, rate);
  const compoundBefore = crystallise(state.compoundNumerator, rate);
  state.penaltyNumerator += accrueExact(overduePrincipal, days, rate);
  state.compoundNumerator += accrueExact(overdueInterest, days, rate);
  const penalty = crystallise(state.penaltyNumerator, rate) - penaltyBefore;
  const compound = crystallise(state.compoundNumerator, rate) - compoundBefore;
  const last = state.periods.at(-1);
  if (last && last.to === from && last.overduePrincipal === overduePrincipal && last.overdueInterest === overdueInterest) {
    last.to = to;
    last.days += days;
    last.penalty += penalty;
    last.compound += compound;
  } else {
    state.periods.push({ from, to, days, overduePrincipal, overdueInterest, penalty, compound });
  }
}
