import { addMonths, dayOfMonth, isOnAnchor, monthsBetween, type IsoDate } from './dates';
import { splitEvenly, type Fen } from './money';
import { MAX_SCHEDULE_MONTHS, type InstallmentMethod, type OfferRow } from './offer-terms';
import { amortise, type PeriodLength } from './schedule';

/** Schedules of the offer engine: monthly date sequences and the amortisation of one part (track) of an offer. */

/**
 * One part of an offer, amortised on its own dates: interest-bearing principal, charges bearing none, a rate per
 * period; `first` is the length of the first period (from the offer date to the first due date), the others are a month.
 */
export type Track = { principal: Fen; charges: Fen; dates: IsoDate[]; rates: number[]; method: InstallmentMethod; first: PeriodLength };
/** A row before numbering; `regular` is its amount as counted for the regular payment. */
export type Row = Omit<OfferRow, 'seq' | 'balanceAfter'> & { regular: Fen };

/**
 * The day of the month a plan's due dates keep: the first due date's, unless
 * it is the offer date's day clamped to a shorter month (an offer made on
 * Jan 31 with its first payment on Feb 28 keeps the 31st: Mar 31, Apr 30, …).
 */
export function planAnchorDay(asOf: IsoDate, firstDueDate: IsoDate): number {
  const offerDay = dayOfMonth(asOf);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a first due date on an earlier or the same day is on the offer's day only if it is that day.
  return offerDay > dayOfMonth(firstDueDate) && isOnAnchor(firstDueDate, offerDay) ? offerDay : dayOfMonth(firstDueDate);
}

/**
 * Monthly date sequences, kept per start date and anchor: a pure cache (same
 * input, same output) that spares the suggestion search thousands of calendar computations.
 */
const dateCache = new Map<string, IsoDate[]>();
function monthlySequence(from: IsoDate, direction: 1 | -1, anchor: number): IsoDate[] {
  const key = `${from}/${direction}/${anchor}`;
  let dates = dateCache.get(key);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache.
  if (!dates) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: when the cache is emptied only bounds its memory.
    if (dateCache.size >= 512) dateCache.clear();
    dates = Array.from({ length: MAX_SCHEDULE_MONTHS }, (_, i) => (i === 0 ? from : addMonths(from, direction * i, anchor)));
    dateCache.set(key, dates);
  }
  return dates;
}

/** Monthly dates from `first` on the anchor day; with `until`, as many as fall on or before it. */
export function forwardDates(first: IsoDate, count: number, anchor: number, until?: IsoDate): IsoDate[] {
  const all = monthlySequence(first, 1, anchor);
  let n = Math.min(count, all.length);
  // Stryker disable next-line ConditionalExpression: equivalent: no date is after an undefined `until`, so nothing is cut.
  if (until !== undefined) {
    const after = all.findIndex((date) => date > until);
    if (after >= 0) n = Math.min(n, after);
  }
  return all.slice(0, n);
}

/** Monthly dates on the anchor day ending on `maturity`, all after asOf (an extension's schedule). */
export function datesEndingOn(maturity: IsoDate, asOf: IsoDate, anchor: number): IsoDate[] {
  const all = monthlySequence(maturity, -1, anchor);
  const notAfter = all.findIndex((date) => date <= asOf);
  return all.slice(0, notAfter >= 0 ? notAfter : all.length).reverse();
}

/** The first period of dates starting after asOf: from asOf to the first date, in months of that anchor (dates.ts monthsBetween). */
export function firstPeriod(asOf: IsoDate, dates: readonly IsoDate[], anchor: number): PeriodLength {
  const first = dates[0];
  if (first === undefined) return { months: 1, days: 0, monthDays: 1 };
  return isOnAnchor(first, anchor) ? monthsBetween(asOf, first, anchor) : monthsBetween(asOf, first);
}

/**
 * A track's installments: the principal amortised exactly as schedule.ts does
 * (amortise: interest on the running balance for each period's length, a level
 * payment or equal principal, re-amortised where the rate changes, the last
 * installment within a few fen), the carried charges spread with splitEvenly.
 */
export function amortiseTrack(track: Track): { rows: Row[]; coversInterest: boolean } {
  const n = track.dates.length;
  if (n === 0 || track.principal + track.charges === 0) return { rows: [], coversInterest: true };
  const chargeParts = splitEvenly(track.charges, n);
  const parts = amortise(track.principal, track.rates, track.method, track.first);
  const rows: Row[] = track.dates.map((dueDate, i) => {
    const principal = parts.principal[i]!;
    const interest = parts.interest[i]!;
    const charges = chargeParts[i]!;
    const amount = principal + interest + charges;
    return { dueDate, principal, interest, charges, amount, source: 'plan', regular: amount };
  });
  // The last installment absorbs rounding: for the regular payment it counts at no more than the one before it.
  if (n >= 2) rows[n - 1]!.regular = Math.min(rows[n - 1]!.amount, rows[n - 2]!.amount);
  return { rows, coversInterest: parts.coversInterest };
}
