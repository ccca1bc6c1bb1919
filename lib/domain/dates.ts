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

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * dayMs);
}

/** Actual days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / dayMs);
}

/** Same day-of-month n months later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y!, m! - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d!, lastDay));
  return fromUtcMs(target.getTime());
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

export type DpdBucket = 'current' | 'M1' | 'M2' | 'M3' | 'M4+';

export function dpdBucket(daysPastDue: number): DpdBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'M1';
  if (daysPastDue <= 60) return 'M2';
  if (daysPastDue <= 90) return 'M3';
  return 'M4+';
}
