import { describe, expect, it } from 'vitest';
import { amortiseTrack, datesEndingOn, firstPeriod, forwardDates, planAnchorDay } from './offer-schedule';

/** The offer engine's calendars, worked by hand: each date below was read off a calendar. */
describe('offer schedule dates', () => {
  it('keeps the day of an offer made on a month end through shorter months, and a first due date of its own day otherwise', () => {
    // Offer on Jan 31, first payment Feb 28: the 31st is kept (Mar 31, Apr 30).
    expect(planAnchorDay('2025-01-31', '2025-02-28')).toBe(31);
    // Offer on the 10th, first payment on the 15th (within the window): the 15th.
    expect(planAnchorDay('2025-01-10', '2025-02-15')).toBe(15);
    // Offer on the 15th, first payment on the 15th: the 15th.
    expect(planAnchorDay('2025-01-15', '2025-02-15')).toBe(15);
    // Offer on the 20th, first payment Feb 10 (not a clamped 20th): the 10th.
    expect(planAnchorDay('2025-01-20', '2025-02-10')).toBe(10);
  });

  it('counts forward from the first date itself, on the anchor day', () => {
    expect(forwardDates('2025-02-28', 4, 31)).toEqual(['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31']);
    // A first date off the anchor is still the first date: the next ones are on the anchor.
    expect(forwardDates('2025-03-15', 3, 31)).toEqual(['2025-03-15', '2025-04-30', '2025-05-31']);
  });

  it('stops at the last date on or before `until`, and takes them all when every one is before it', () => {
    expect(forwardDates('2025-01-31', 12, 31, '2025-04-30')).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
    expect(forwardDates('2025-01-31', 12, 31, '2025-04-29')).toEqual(['2025-01-31', '2025-02-28', '2025-03-31']);
    expect(forwardDates('2025-01-31', 3, 31, '2099-12-31')).toEqual(['2025-01-31', '2025-02-28', '2025-03-31']);
    // The first date itself after `until`: none.
    expect(forwardDates('2025-01-31', 3, 31, '2025-01-30')).toEqual([]);
  });

  it('counts back from a maturity to the dates after the offer date, all of them when the offer date is before every one', () => {
    expect(datesEndingOn('2025-06-30', '2025-03-31', 31)).toEqual(['2025-04-30', '2025-05-31', '2025-06-30']);
    expect(datesEndingOn('2025-06-30', '2025-04-01', 31)).toEqual(['2025-04-30', '2025-05-31', '2025-06-30']);
    const all = datesEndingOn('2025-06-30', '1900-01-01', 31);
    expect(all).toHaveLength(600);
    expect([all[0], all.at(-1)]).toEqual(['1975-07-31', '2025-06-30']);
  });

  it('a first period with no dates is one month, and a track with no dates has no rows', () => {
    expect(firstPeriod('2025-01-10', [], 10)).toEqual({ months: 1, days: 0, monthDays: 1 });
    expect(amortiseTrack({ principal: 100_00, charges: 5_00, dates: [], rates: [], method: 'equal_installment', first: { months: 1, days: 0, monthDays: 1 } })).toEqual({ rows: [], coversInterest: true });
  });

  it('a track of charges equal to its principal is amortised; the last installment counts at no more than the one before it', () => {
    const month = { months: 1, days: 0, monthDays: 1 };
    const even = amortiseTrack({ principal: 500, charges: 500, dates: ['2025-02-10', '2025-03-10'], rates: [0, 0], method: 'equal_installment', first: month });
    expect(even.rows.map((r) => [r.principal, r.charges, r.amount])).toEqual([[250, 250, 500], [250, 250, 500]]);
    // 3 fen of charges over two installments: 1 then 2 (the remainder last); the second counts as 1 for the regular payment.
    const uneven = amortiseTrack({ principal: 0, charges: 3, dates: ['2025-02-10', '2025-03-10'], rates: [0, 0], method: 'equal_installment', first: month });
    expect(uneven.rows.map((r) => [r.amount, r.regular])).toEqual([[1, 1], [2, 1]]);
  });
});
