/**
 * Calendar dates as ISO strings (YYYY-MM-DD) — a due date is a day, not an
 * instant. Arithmetic goes through UTC midnight so no time zone can shift it.
 */
export type IsoDate = string;

const dayMs = 86_400_000;

export function toUtcMs(date: IsoDate): number {
  // Fixed positions rather than split(): the arrears engine calls this for every installment and day count.
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

export function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

const isoShape = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day written YYYY-MM-DD (the round trip refuses 2026-02-30). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && isoShape.test(value) && fromUtcMs(toUtcMs(value)) === value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * dayMs);
}

/** Actual days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / dayMs);
}

export function dayOfMonth(date: IsoDate): number {
  return Number(date.slice(8, 10));
}

/** Days in a month (month 1–12; months outside the year roll over). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The date `months` months after (or before) `date`, on the anchor day of the
 * month (by default the date's own day) clamped to that month's last day. A
 * schedule keeps its anchor: from Jan 31 with anchor 31 the dates are Feb 28
 * (29), Mar 31, Apr 30, … — never Mar 28 because Feb was short. Always compute
 * from the anchor, never month by month from a clamped date.
 */
export function addMonths(date: IsoDate, months: number, anchorDay = dayOfMonth(date)): IsoDate {
  const year = Number(date.slice(0, 4));
  const index = Number(date.slice(5, 7)) - 1 + months;
  const y = year + Math.floor(index / 12);
  const m = ((index % 12) + 12) % 12;
  const day = Math.min(anchorDay, daysInMonth(y, m + 1));
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `count` monthly dates from `first`, every one on the anchor day (by default first's own day), clamped to short months. */
export function monthlyDates(first: IsoDate, count: number, anchorDay = dayOfMonth(first)): IsoDate[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => (i === 0 ? first : addMonths(first, i, anchorDay)));
}

/** Whether a date is on a monthly grid anchored on `anchorDay` (its day, or the month's last day when shorter). */
export function isOnAnchor(date: IsoDate, anchorDay: number): boolean {
  return dayOfMonth(date) === Math.min(anchorDay, daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7))));
}

/**
 * The anchor day of a monthly schedule: the largest day 1–31 every date is on
 * (Feb 28, Mar 31, Apr 30 → 31; the 15th every month → 15), or null when the
 * dates keep no common day. A lone month-end date (Feb 28) reads as month-end.
 */
export function anchorDayOf(dates: readonly IsoDate[]): number | null {
  if (dates.length === 0) return null;
  for (let anchor = 31; anchor >= 1; anchor--) {
    if (dates.every((date) => isOnAnchor(date, anchor))) return anchor;
  }
  return null;
}

/**
 * The length of the stretch from a to b in months of a schedule anchored on
 * `anchorDay` (b must be on that anchor; by default b's own day): the whole
 * months counted back from b, plus the days left over as a share of the month
 * they fall in. One month = one twelfth of a year whatever its length (Jan 31 →
 * Feb 28 is one month; Jan 20 → Feb 28 is 1 + 11/31). Returned as an exact
 * fraction: months + days / monthDays.
 */
export function monthsBetween(a: IsoDate, b: IsoDate, anchorDay = dayOfMonth(b)): { months: number; days: number; monthDays: number } {
  if (b <= a) return { months: 0, days: 0, monthDays: 1 };
  // A pure cache: the offer search measures the same few stretches thousands of times.
  const key = `${a}/${b}/${anchorDay}`;
  const known = stretches.get(key);
  if (known) return { ...known };
  if (stretches.size >= 4_096) stretches.clear();
  const measured = measure(a, b, anchorDay);
  stretches.set(key, measured);
  return { ...measured };
}

const stretches = new Map<string, { months: number; days: number; monthDays: number }>();

function measure(a: IsoDate, b: IsoDate, anchorDay: number): { months: number; days: number; monthDays: number } {
  let months = 0;
  let end = b;
  for (;;) {
    const start = addMonths(b, -(months + 1), anchorDay);
    if (start < a) return { months, days: daysBetween(a, end), monthDays: daysBetween(start, end) };
    months++;
    end = start;
    if (start === a) return { months, days: 0, monthDays: 1 };
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date in a time zone (the borrower's, or the creditor's). */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** Whether a name is an IANA time zone this runtime knows (Asia/Shanghai yes; "UTC+8", "Mars/Base" no). */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export type DpdBucket = 'current' | 'M1' | 'M2' | 'M3' | 'M4+';

export function dpdBucket(daysPastDue: number): DpdBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'M1';
  if (daysPastDue <= 60) return 'M2';
  if (daysPastDue <= 90) return 'M3';
  return 'M4+';
}
