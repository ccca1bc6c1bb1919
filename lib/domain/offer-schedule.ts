import { addMonths, daysBetween, type IsoDate } from './dates';
import { splitEvenly, type Fen } from './money';
import { MAX_SCHEDULE_MONTHS, type InstallmentMethod, type OfferRow } from './offer-terms';
import { equalInstallmentPayment, monthlyInterest } from './schedule';

/** Schedules of the offer engine: monthly date sequences and the amortisation of one part (track) of an offer. */

/** One part of an offer, amortised on its own dates: interest-bearing principal, charges bearing none, a rate per month. */
export type Track = { principal: Fen; charges: Fen; dates: IsoDate[]; rates: number[]; method: InstallmentMethod };
/** A row before numbering; `regular` is its amount as counted for the regular payment. */
export type Row = Omit<OfferRow, 'seq' | 'balanceAfter'> & { regular: Fen };

/**
 * Monthly date sequences, kept per start date: a pure cache (same input, same
 * output) that spares the suggestion search thousands of calendar computations.
 */
const dateCache = new Map<string, IsoDate[]>();
function monthlySequence(from: IsoDate, direction: 1 | -1): IsoDate[] {
  const key = `${from}/${direction}`;
  let dates = dateCache.get(key);
  if (!dates) {
    if (dateCache.size >= 512) dateCache.clear();
    dates = Array.from({ length: MAX_SCHEDULE_MONTHS }, (_, i) => addMonths(from, direction * i));
    dateCache.set(key, dates);
  }
  return dates;
}

const dayCache = new Map<IsoDate, number>();
/** Days from 1970-01-01, cached like the date sequences. */
export function dayNumber(date: IsoDate): number {
  let day = dayCache.get(date);
  if (day === undefined) {
    if (dayCache.size >= 8_192) dayCache.clear();
    day = daysBetween('1970-01-01', date);
    dayCache.set(date, day);
  }
  return day;
}

/** Monthly dates from `first` (the same day of the month, clamped); with `until`, as many as fall on or before it. */
export function forwardDates(first: IsoDate, count: number, until?: IsoDate): IsoDate[] {
  const all = monthlySequence(first, 1);
  let n = Math.min(count, all.length);
  if (until !== undefined) {
    const after = all.findIndex((date) => date > until);
    if (after >= 0) n = Math.min(n, after);
  }
  return all.slice(0, n);
}

/** Monthly dates ending on `maturity`, all after asOf (an extension's schedule). */
export function datesEndingOn(maturity: IsoDate, asOf: IsoDate): IsoDate[] {
  const all = monthlySequence(maturity, -1);
  const notAfter = all.findIndex((date) => date <= asOf);
  return all.slice(0, notAfter >= 0 ? notAfter : all.length).reverse();
}

/**
 * A track's installments: the principal amortised month by month exactly as
 * buildSchedule does (schedule.ts: monthlyInterest on the running balance,
 * equalInstallmentPayment or splitEvenly, the last installment taking what
 * remains), re-amortising the balance over the remaining months wherever the
 * rate changes; the carried charges spread with splitEvenly.
 */
export function amortise(track: Track): Row[] {
  const n = track.dates.length;
  if (n === 0 || track.principal + track.charges === 0) return [];
  const chargeParts = splitEvenly(track.charges, n);
  const rows: Row[] = [];
  let balance = track.principal;
  let payment = 0;
  let principalParts: Fen[] = [];
  let segmentStart = 0;
  for (let i = 0; i < n; i++) {
    const rate = track.rates[i]!;
    if (i === 0 || rate !== track.rates[i - 1]) {
      segmentStart = i;
      if (track.method === 'equal_installment') payment = equalInstallmentPayment(balance, rate, n - i);
      else principalParts = splitEvenly(balance, n - i);
    }
    const interest = monthlyInterest(balance, rate);
    let principal: Fen;
    if (i === n - 1) principal = balance;
    else if (track.method === 'equal_installment') principal = Math.min(balance, Math.max(0, payment - interest));
    else principal = Math.min(balance, principalParts[i - segmentStart]!);
    balance -= principal;
    const charges = chargeParts[i]!;
    const amount = principal + interest + charges;
    rows.push({ dueDate: track.dates[i]!, principal, interest, charges, amount, source: 'plan', regular: amount });
  }
  // The last installment absorbs rounding: for the regular payment it counts at no more than the one before it.
  if (n >= 2) rows[n - 1]!.regular = Math.min(rows[n - 1]!.amount, rows[n - 2]!.amount);
  return rows;
}
