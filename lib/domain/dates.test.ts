import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, anchorDayOf, daysBetween, dpdBucket, isIanaTimeZone, isIsoDate, isOnAnchor, monthlyDates, monthsBetween } from './dates';

describe('calendar dates', () => {
  it('adds months with the day clamped to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });

  it('defect 6: keeps the anchor day: from Feb 28 anchored on the 31st, Mar 31 and Apr 30 — never Mar 28', () => {
    expect(addMonths('2026-02-28', 1, 31)).toBe('2026-03-31');
    expect(addMonths('2026-02-28', 2, 31)).toBe('2026-04-30');
    expect(addMonths('2026-02-28', 1, 30)).toBe('2026-03-30');
    expect(addMonths('2027-02-28', 12, 29)).toBe('2028-02-29');
    expect(monthlyDates('2026-01-31', 5)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    expect(monthlyDates('2026-02-28', 3, 31)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    expect(monthlyDates('2026-01-15', 0)).toEqual([]);
  });

  it('finds the day of the month a schedule keeps', () => {
    expect(anchorDayOf(['2026-02-28', '2026-03-31', '2026-04-30'])).toBe(31);
    expect(anchorDayOf(['2026-01-29', '2026-02-28', '2026-03-29'])).toBe(29);
    expect(anchorDayOf(['2026-01-15', '2026-02-15'])).toBe(15);
    expect(anchorDayOf(['2026-02-28'])).toBe(31); // a lone month-end reads as month-end
    expect(anchorDayOf(['2026-01-15', '2026-02-16'])).toBeNull();
    expect(anchorDayOf([])).toBeNull();
    expect(isOnAnchor('2026-04-30', 31)).toBe(true);
    expect(isOnAnchor('2026-04-30', 30)).toBe(true);
    expect(isOnAnchor('2026-04-29', 30)).toBe(false);
  });

  it('measures a stretch in months of its schedule: whole months back from the end, the rest as a share of a month', () => {
    expect(monthsBetween('2026-01-31', '2026-02-28', 31)).toEqual({ months: 1, days: 0, monthDays: 1 });
    expect(monthsBetween('2026-02-01', '2026-03-01')).toEqual({ months: 1, days: 0, monthDays: 1 });
    // Jan 20 → Feb 28 on the 31st: Jan 31 → Feb 28 is a month; Jan 20 → Jan 31 is 11 of Dec 31 → Jan 31's 31 days.
    expect(monthsBetween('2026-01-20', '2026-02-28', 31)).toEqual({ months: 1, days: 11, monthDays: 31 });
    // Aug 1 → Aug 15: 14 of the 31 days from Jul 15.
    expect(monthsBetween('2025-08-01', '2025-08-15')).toEqual({ months: 0, days: 14, monthDays: 31 });
    expect(monthsBetween('2025-03-10', '2025-06-10')).toEqual({ months: 3, days: 0, monthDays: 1 });
    expect(monthsBetween('2025-06-10', '2025-06-10')).toEqual({ months: 0, days: 0, monthDays: 1 });
  });

  it('counts actual days', () => {
    expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('tells real dates and time zones from lookalikes', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '20260101', 20260101, null]) expect(isIsoDate(bad)).toBe(false);
    for (const zone of ['Asia/Shanghai', 'Europe/London', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+8']) expect(isIanaTimeZone(zone)).toBe(true);
    for (const bad of ['Mars/Olympus', 'UTC+8', '+08:00', '', 'Asia/Shanghai ', 42]) expect(isIanaTimeZone(bad)).toBe(false);
  });

  it('places days past due in buckets', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, 400].map(dpdBucket)).toEqual(['current', 'M1', 'M1', 'M2', 'M2', 'M3', 'M3', 'M4+', 'M4+']);
  });

  it('anchored months are the ones counted back: monthsBetween(addMonths(d, −k), d) is k months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 60 }), (day, anchor, k) => {
        const end = addMonths(addDays('1990-01-01', day), 0, anchor);
        expect(monthsBetween(addMonths(end, -k, anchor), end, anchor)).toEqual(k === 0 ? { months: 0, days: 0, monthDays: 1 } : { months: k, days: 0, monthDays: 1 });
        expect(isOnAnchor(addMonths(end, k, anchor), anchor)).toBe(true);
      }),
    );
  });
});
