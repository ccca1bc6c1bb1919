/**
 * The oracle's own calendar (test-only; shares no code with lib/domain): days
 * as integers counted from 1970-01-01 with the proleptic Gregorian rules
 * written out by hand, months as (year, month) pairs.
 */

export type Ymd = { y: number; m: number; d: number };

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function monthLength(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export function parse(iso: string): Ymd {
  const [y, m, d] = iso.split('-').map((part) => parseInt(part, 10));
  return { y: y!, m: m!, d: d! };
}

export function format({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days from 1970-01-01 by counting whole years and months (slow and obvious on purpose). */
export function dayNo(iso: string): number {
  const { y, m, d } = parse(iso);
  let days = 0;
  if (y >= 1970) for (let year = 1970; year < y; year++) days += isLeap(year) ? 366 : 365;
  else for (let year = y; year < 1970; year++) days -= isLeap(year) ? 366 : 365;
  for (let month = 1; month < m; month++) days += monthLength(y, month);
  return days + d - 1;
}

export function isoOf(dayNumber: number): string {
  let y = 1970;
  let rest = dayNumber;
  while (rest < 0) {
    y--;
    rest += isLeap(y) ? 366 : 365;
  }
  while (rest >= (isLeap(y) ? 366 : 365)) {
    rest -= isLeap(y) ? 366 : 365;
    y++;
  }
  let m = 1;
  while (rest >= monthLength(y, m)) {
    rest -= monthLength(y, m);
    m++;
  }
  return format({ y, m, d: rest + 1 });
}

/** The date in the month `k` months after date's month, on `anchor` (or the month's last day when it is shorter). */
export function monthOn(iso: string, k: number, anchor: number): string {
  const { y, m } = parse(iso);
  const total = y * 12 + (m - 1) + k;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return format({ y: year, m: month, d: Math.min(anchor, monthLength(year, month)) });
}

/** Whether a date is the anchor day of its month (or that month's last day, for an anchor the month does not have). */
export function isAnchored(iso: string, anchor: number): boolean {
  const { y, m, d } = parse(iso);
  return d === Math.min(anchor, monthLength(y, m));
}
