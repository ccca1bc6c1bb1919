import { addMonths, anchorDayOf, daysBetween, isOnAnchor, monthsBetween, type IsoDate } from './dates';
import { divideHalfUp, type Fen } from './money';
import { percentHundredths } from './arrears-accrual';

/**
 * The total-cost cap (SPC 2017 opinion on financial adjudication, art. 2:
 * 24 % a year), measured on the same basis as the contract's interest
 * (docs/decisions/0013-cap-on-the-contract-basis.md).
 *
 * Contractual interest is one month's interest per installment: balance ×
 * rate / 12. So the cap is counted in the same months: the months of the
 * schedule in force. Its periods are the contract's (start date → first due
 * date, then due date to due date, then monthly on the schedule's anchor day
 * after the last one); each period is one twelfth of a year whatever its
 * length (a longer or shorter first period counts its whole months plus its
 * extra days as a share of the month they fall in: dates.ts monthsBetween),
 * and within a period every day weighs the same. The cap accrued in a period
 * is Σ outstanding principal × days × cap % × period months / (12 × period days),
 * exact, and rounded half-up once per period, like the interest it is set
 * against; the period still running at `asOf` is counted to asOf and rounded
 * up (its contractual interest is not charged yet, and an offer continuing from
 * asOf adds the rest). A contract whose rate is at or below the cap therefore
 * never charges more than the cap by its own interest: each period's interest
 * (balance × rate / 12, half-up) is at most that period's cap on the same balance.
 */

/** A grid of cap periods: boundary dates, each period the months between two boundaries. */
export type CapPeriod = { from: IsoDate; to: IsoDate; months: number; days: number; monthDays: number };

/** A change in the principal the cap accrues on: from `on`, `outstanding` fen. */
export type PrincipalLevel = { on: IsoDate; outstanding: Fen };

/**
 * The contract's cap periods from its start date until a period ends after `until`:
 * start → first due date → … → last due date, then months on the schedule's anchor day.
 */
export function contractCapPeriods(startDate: IsoDate, dueDates: readonly IsoDate[], until: IsoDate): CapPeriod[] {
  const dates = [...new Set(dueDates.filter((d) => d > startDate))].sort();
  const anchor = anchorDayOf(dates) ?? anchorDayOf([startDate])!;
  const boundaries = [startDate, ...dates];
  const last = boundaries.at(-1)!;
  for (let k = 1; boundaries.at(-1)! <= until; k++) boundaries.push(addMonths(last, k, anchor));
  return periodsBetween(boundaries, anchor);
}

/** Periods between consecutive boundaries; each period's months counted back from its end on the anchor (or the end's own day). */
export function periodsBetween(boundaries: readonly IsoDate[], anchor: number | null): CapPeriod[] {
  const out: CapPeriod[] = [];
  for (let i = 1; i < boundaries.length; i++) {
    const from = boundaries[i - 1]!;
    const to = boundaries[i]!;
    const length = anchor !== null && isOnAnchor(to, anchor) ? monthsBetween(from, to, anchor) : monthsBetween(from, to);
    out.push({ from, to, ...length });
  }
  return out;
}

/** The exact cap accrued on `principal` (≥ 0) over `days` days (≥ 0) of a period, as a numerator over its denominator. */
function accrued(principal: Fen, days: number, period: CapPeriod, pctHundredths: number): bigint {
  return BigInt(principal) * BigInt(days) * BigInt(pctHundredths) * BigInt(period.months * period.monthDays + period.days);
}
function denominator(period: CapPeriod): bigint {
  // years = months / 12; percent in hundredths = / 10 000; the period's months spread over its days.
  return 120_000n * BigInt(daysBetween(period.from, period.to)) * BigInt(period.monthDays);
}

/**
 * The cap accrued over the periods up to `asOf` on a principal that changes at
 * the given levels (sorted by date; before the first, `initial`): each closed
 * period rounded half-up, the one running at asOf rounded up.
 */
export function capOver(periods: readonly CapPeriod[], initial: Fen, levels: readonly PrincipalLevel[], asOf: IsoDate, capPct: number): Fen {
  const pct = percentHundredths(capPct, 'total-cost cap');
  let total = 0;
  let level = 0;
  let outstanding = initial;
  for (const period of periods) {
    if (period.to <= period.from || period.from >= asOf) continue; // empty (a first due date on the offer date), or after asOf
    const end = period.to < asOf ? period.to : asOf;
    let numerator = 0n;
    let at = period.from;
    while (at < end) {
      while (level < levels.length && levels[level]!.on <= at) outstanding = levels[level++]!.outstanding;
      const next = level < levels.length && levels[level]!.on < end ? levels[level]!.on : end;
      numerator += accrued(outstanding, daysBetween(at, next), period, pct);
      at = next;
    }
    const den = denominator(period);
    total += end === period.to ? divideHalfUp(numerator, den) : Number((numerator + den - 1n) / den);
  }
  return total;
}
