import { dayOfMonth, monthlyDates, type IsoDate } from './dates';
import { assertFen, divideHalfUp, divideHalfUpSafe, splitEvenly, type Fen } from './money';

export type RepaymentMethod = 'equal_installment' | 'equal_principal' | 'interest_only_bullet';

export type ScheduleInput = {
  principal: Fen;
  /** Annual rate in parts per million (7.2% = 72000). */
  annualRatePpm: number;
  months: number;
  method: RepaymentMethod;
  firstDueDate: IsoDate;
  /** The day of the month every due date keeps (clamped to short months); by default the first due date's day. A loan started on Jan 31 passes 31. */
  anchorDay?: number;
};

export type ScheduledInstallment = { seq: number; dueDate: IsoDate; principal: Fen; interest: Fen; amount: Fen; balanceAfter: Fen };

/**
 * The length of an interest period in months, as an exact fraction: months + days / monthDays
 * (dates.ts monthsBetween). A regular period is one month; a plan's first period may be shorter or longer.
 */
export type PeriodLength = { months: number; days: number; monthDays: number };
export const ONE_MONTH: PeriodLength = { months: 1, days: 0, monthDays: 1 };

const PPM_MONTHS = 12_000_000n; // 12 months × 10^6

/** Interest for one month on a balance at an annual rate: balance × rate / 12, half-up to the fen. */
export function monthlyInterest(balance: Fen, annualRatePpm: number): Fen {
  // A product that is a safe integer was computed exactly (it is representable, and IEEE multiplication rounds
  // correctly); a larger one goes through BigInt.
  const product = balance * annualRatePpm;
  if (Number.isSafeInteger(product)) return divideHalfUpSafe(product, 12_000_000);
  return divideHalfUp(BigInt(balance) * BigInt(annualRatePpm), PPM_MONTHS);
}

/** Interest for a period of the given length: balance × rate / 12 × months, half-up to the fen (one month: monthlyInterest). */
export function periodInterest(balance: Fen, annualRatePpm: number, length: PeriodLength): Fen {
  const { months, days, monthDays } = length;
  if (months === 1 && days === 0) return monthlyInterest(balance, annualRatePpm);
  return divideHalfUp(BigInt(balance) * BigInt(annualRatePpm) * BigInt(months * monthDays + days), PPM_MONTHS * BigInt(monthDays));
}

/**
 * 等额本息: the level payment that repays `principal` in `months` periods, the
 * first of length `first` (one month by default) and the others one month:
 * A = P · g₁ · gⁿ⁻¹ · r / (gⁿ − 1) with r = rate / 12, g = 1 + r, g₁ = 1 + r · first,
 * evaluated as an exact fraction in BigInt and rounded half-up once.
 */
export function equalInstallmentPayment(principal: Fen, annualRatePpm: number, months: number, first: PeriodLength = ONE_MONTH): Fen {
  if (annualRatePpm === 0) return divideHalfUp(BigInt(principal), BigInt(months));
  const rate = BigInt(annualRatePpm);
  const monthDays = BigInt(first.monthDays);
  const firstGrowth = PPM_MONTHS * monthDays + rate * BigInt(first.months * first.monthDays + first.days);
  const growth = PPM_MONTHS + rate;
  return divideHalfUp(BigInt(principal) * firstGrowth * growth ** BigInt(months - 1) * rate, monthDays * PPM_MONTHS * (growth ** BigInt(months) - PPM_MONTHS ** BigInt(months)));
}

export type Amortisation = {
  principal: Fen[];
  interest: Fen[];
  /** False when a level payment does not cover its period's interest (the balance would not go down): such a plan is refused. */
  coversInterest: boolean;
};

/** How far the last level installment may differ from the one before it before the others are moved by a fen (see amortise). */
export const LAST_INSTALLMENT_TOLERANCE = 5;

/**
 * Splits a principal into periods: interest on the running balance each period
 * (periodInterest: the first period of its own length, then whole months, at
 * that period's rate), principal by the method, the last period taking what
 * remains. Where the rate changes, the remaining balance is re-amortised over
 * the remaining periods.
 *
 * Rounding (等额本息): a level payment rounded to the fen leaves the last
 * installment a remainder that grows with the rate and the number of periods
 * (2,890.00 at 18 % over 360 months: 43.55 a month, 108.63 the last). When the
 * last would differ from the one before it by more than
 * LAST_INSTALLMENT_TOLERANCE fen, the first installments of the level run are
 * moved by one fen (towards the exact payment), as many as bring the remainder
 * below one such installment's weight, and then as many of those just before
 * the last as bring it within the tolerance where possible: the payments stay
 * level to the fen in at most three runs, and the last absorbs only a few fen.
 */
export function amortise(principal: Fen, rates: readonly number[], method: RepaymentMethod, first: PeriodLength = ONE_MONTH): Amortisation {
  const n = rates.length;
  // The level payment of a segment depends only on the balance where it starts, the same in every pass below.
  const payments = new Map<string, Fen>();
  const level = (balance: Fen, rate: number, count: number, length: PeriodLength) => {
    const key = `${balance}/${rate}/${count}/${length.months}/${length.days}/${length.monthDays}`;
    let payment = payments.get(key);
    if (payment === undefined) payments.set(key, (payment = equalInstallmentPayment(balance, rate, count, length)));
    return payment;
  };
  const base = run(principal, rates, method, first, { from: n, prefix: 0, suffix: 0, step: 0 }, level);
  if (method !== 'equal_installment' || n < 3) return base;
  /** The last installment less the one before it. */
  const residual = (a: Amortisation) => a.principal[n - 1]! + a.interest[n - 1]! - a.principal[n - 2]! - a.interest[n - 2]!;
  if (Math.abs(residual(base)) <= LAST_INSTALLMENT_TOLERANCE) return base;
  // The level run: the final rate segment, but for its last installment.
  let from = n - 1;
  while (from > 0 && rates[from - 1] === rates[n - 1]) from--;
  const movable = n - 1 - from;
  const step = residual(base) > 0 ? 1 : -1;
  const moved = (prefix: number, suffix: number) => run(principal, rates, method, first, { from, prefix, suffix, step }, level);
  /** The largest count in [lo, hi] whose residual is still on the side of `step` (moving more only narrows it: a bisection). */
  const lastSameSide = (lo: number, hi: number, at: (count: number) => Amortisation) => {
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (residual(at(mid)) * step > 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const prefix = lastSameSide(0, movable, (k) => moved(k, 0));
  const suffix = lastSameSide(0, movable - prefix, (m) => moved(prefix, m));
  let best = base;
  for (const [k, m] of [
    [prefix, suffix],
    [prefix, suffix + 1],
  ] as const) {
    if (k + m > movable) continue;
    const candidate = moved(k, m);
    if (Math.abs(residual(candidate)) < Math.abs(residual(best))) best = candidate;
  }
  return best;
}

type Moves = { from: number; prefix: number; suffix: number; step: number };

/** One pass: level payments from the start of each rate segment; from `from` on, the first `prefix` and the last `suffix` before the final one are moved by `step` fen. */
function run(principal: Fen, rates: readonly number[], method: RepaymentMethod, first: PeriodLength, moves: Moves, level: (balance: Fen, rate: number, count: number, length: PeriodLength) => Fen): Amortisation {
  const n = rates.length;
  const principalParts: Fen[] = [];
  const interestParts: Fen[] = [];
  let coversInterest = true;
  let balance = principal;
  let payment = 0;
  let parts: Fen[] = [];
  let segmentStart = 0;
  for (let i = 0; i < n; i++) {
    const rate = rates[i]!;
    const length = i === 0 ? first : ONE_MONTH;
    if (i === 0 || rate !== rates[i - 1]) {
      segmentStart = i;
      if (method === 'equal_installment') payment = level(balance, rate, n - i, length);
      else if (method === 'equal_principal') parts = splitEvenly(balance, n - i);
    }
    const interest = periodInterest(balance, rate, length);
    let part: Fen;
    if (i === n - 1) part = balance;
    else if (method === 'equal_installment') {
      const isMoved = i >= moves.from && (i < moves.from + moves.prefix || i >= n - 1 - moves.suffix);
      const due = payment + (isMoved ? moves.step : 0);
      if (interest > 0 && due <= interest) coversInterest = false;
      part = Math.min(balance, Math.max(0, due - interest));
    } else if (method === 'equal_principal') part = Math.min(balance, parts[i - segmentStart]!);
    else part = 0;
    balance -= part;
    principalParts.push(part);
    interestParts.push(interest);
  }
  return { principal: principalParts, interest: interestParts, coversInterest };
}

/**
 * A monthly schedule that always repays exactly the principal: each period's
 * interest is one month's on the running balance, due dates keep their anchor
 * day, and the last installment takes whatever principal remains (see amortise
 * for how far it may differ).
 */
export function buildSchedule(input: ScheduleInput): ScheduledInstallment[] {
  const { principal, annualRatePpm, months, method, firstDueDate } = input;
  assertFen(principal, 'principal');
  if (principal < 0) throw new RangeError('principal must not be negative');
  if (!Number.isInteger(months) || months < 1 || months > 600) throw new RangeError('months must be 1–600');
  if (!Number.isInteger(annualRatePpm) || annualRatePpm < 0) throw new RangeError('rate must be a non-negative integer ppm');
  const anchorDay = input.anchorDay ?? dayOfMonth(firstDueDate);
  const dates = monthlyDates(firstDueDate, months, anchorDay);
  const parts = amortise(principal, Array.from({ length: months }, () => annualRatePpm), method);
  let balance = principal;
  return dates.map((dueDate, i) => {
    const part = parts.principal[i]!;
    const interest = parts.interest[i]!;
    balance -= part;
    return { seq: i + 1, dueDate, principal: part, interest, amount: part + interest, balanceAfter: balance };
  });
}
