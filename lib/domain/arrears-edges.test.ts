import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { penaltyDailyRate, penaltyRatePpm } from './arrears-accrual';
import { capOver, contractCapPeriods, periodsBetween } from './arrears-cap';
import { computeArrears, type ArrearsInput } from './arrears';
import { addMonths } from './dates';
import { defaultPolicy } from './policy';
import { buildSchedule } from './schedule';

/**
 * The arrears engine at the edges the hand-worked cases in arrears.test.ts do not reach (found by mutation testing):
 * input out of order, same-day payments whose order matters, a settlement by principal alone, payments ahead of a
 * settlement, accrual periods, and every refusal of malformed input, by its message.
 */

const policy = { ...defaultPolicy };
const principalFirst = { ...policy, allocationOrder: ['principal', 'interest', 'fees', 'penalty', 'compound'] as typeof policy.allocationOrder };
const rowsOf = (schedule: ReturnType<typeof buildSchedule>) => schedule.map((r) => ({ seq: r.seq, dueDate: r.dueDate, principalDue: r.principal, interestDue: r.interest, feesDue: 0 }));
// ¥12,000 at 12 % over 12 months, equal principal, from 2026-01-01: 1,000 + 120.00, 1,000 + 110.00, …
const twelve = rowsOf(buildSchedule({ principal: 1_200_000, annualRatePpm: 120_000, months: 12, method: 'equal_principal', firstDueDate: '2026-02-01' }));
const twelveLoan = { principal: 1_200_000, annualRatePpm: 120_000, startDate: '2026-01-01' };
// ¥1,000 at 12 % for one month from 2026-01-01: 1,000 + 10.00 due 2026-02-01; penalty 18 % = 0.05 % a day.
const one = [{ seq: 1, dueDate: '2026-02-01', principalDue: 100_000, interestDue: 1_000, feesDue: 0 }];
const oneLoan = { principal: 100_000, annualRatePpm: 120_000, startDate: '2026-01-01' };

describe('order of the input', () => {
  it('installments and payments may come in any order: the oldest installment is still served first', () => {
    const payments = [
      { receivedOn: '2026-03-20', amount: 50_000 },
      { receivedOn: '2026-02-01', amount: 112_000 },
    ];
    const sorted = computeArrears({ loan: twelveLoan, installments: twelve, payments: [...payments].reverse(), asOf: '2026-04-15', policy });
    const shuffled = computeArrears({ loan: twelveLoan, installments: [...twelve].reverse(), payments, asOf: '2026-04-15', policy });
    expect(shuffled).toEqual(sorted);
    // 2026-03-20: #2 (due 03-01, 1,000 + 110.00) is 19 days late: penalty 9.50, compound 110 × 0.05 % × 19 = 1.045 → 1.05;
    // ¥500 pays them, #2's interest 110.00, then 379.45 of #2's principal (#3, due 04-01, comes later).
    expect(shuffled.installments.map((i) => i.seq)).toEqual(twelve.map((i) => i.seq));
    expect(shuffled.installments[1]).toMatchObject({ penalty: { paid: 950 }, compound: { paid: 105 }, interest: { paid: 11_000 }, principal: { paid: 37_945 } });
    expect(shuffled.installments[2]).toMatchObject({ principal: { paid: 0 }, interest: { paid: 0 } });
  });

  it('same-day payments apply in the order given, which matters when one of them settles', () => {
    // On 2026-02-01: 1,170.00 then 11,000.00 — the first pays #1 (1,120.00) and 50.00 of #2's interest ahead; the second
    // covers the 11,000.00 of principal still owed and settles (#2 is cancelled, its 50.00 charged as paid).
    const first = computeArrears({ loan: twelveLoan, installments: twelve, payments: [{ receivedOn: '2026-02-01', amount: 117_000 }, { receivedOn: '2026-02-01', amount: 1_100_000 }], asOf: '2026-02-01', policy });
    expect(first).toMatchObject({ unappliedCredit: 0, totals: { totalToSettle: 0 } });
    expect(first.installments[1]).toMatchObject({ status: 'paid', interest: { due: 5_000, paid: 5_000 } });
    // The other way round, 11,000.00 first is 120.00 short of #1 + all the principal: it pays installments ahead in full
    // (#2–#10 and part of #11); 1,170.00 then pays the rest ahead; 610.00 is left to settle.
    const second = computeArrears({ loan: twelveLoan, installments: twelve, payments: [{ receivedOn: '2026-02-01', amount: 1_100_000 }, { receivedOn: '2026-02-01', amount: 117_000 }], asOf: '2026-02-01', policy });
    expect(second.totals.totalToSettle).toBe(61_000);
    expect(second.installments[1]).toMatchObject({ status: 'not_due', interest: { due: 11_000, paid: 11_000 } });
  });
});

describe('settlement', () => {
  it('by principal alone (principal first, a matured loan): the interest is still owed, the last installment’s too', () => {
    // ¥3,000 at 12 % over 3 months from 2026-01-01: 1,000 + 30.00 (02-01), 1,000 + 20.00 (03-01), 1,000 + 10.00 (04-01).
    // On 04-01, 3,000.00 with principal first pays all the principal and settles; the interest is not waived by it:
    //   interest 60.00 (10.00 due today); penalty #1 1,000 × 0.05 % × 59 = 29.50, #2 × 31 = 15.50;
    //   compound 30 × 0.05 % × 59 = 0.885 → 0.89, 20 × 0.05 % × 31 = 0.31.
    const three = rowsOf(buildSchedule({ principal: 300_000, annualRatePpm: 120_000, months: 3, method: 'equal_principal', firstDueDate: '2026-02-01' }));
    const r = computeArrears({ loan: { principal: 300_000, annualRatePpm: 120_000, startDate: '2026-01-01' }, installments: three, payments: [{ receivedOn: '2026-04-01', amount: 300_000 }], asOf: '2026-04-01', policy: principalFirst });
    expect(r.totals).toMatchObject({ overduePrincipal: 0, overdueInterest: 6_000, penalty: 4_500, compound: 120, dueToday: 1_000, totalToSettle: 10_620 });
    expect(r.installments.map((i) => [i.status, i.interest.outstanding])).toEqual([
      ['partly_paid', 3_000],
      ['partly_paid', 2_000],
      ['partly_paid', 1_000],
    ]);
  });

  it('once all the principal is repaid, what is left is credit: an interest-only installment after it is cancelled', () => {
    const rows = [...one, { seq: 2, dueDate: '2026-03-01', principalDue: 0, interestDue: 1_000, feesDue: 0 }];
    const r = computeArrears({ loan: oneLoan, installments: rows, payments: [{ receivedOn: '2026-02-01', amount: 101_500 }], asOf: '2026-03-15', policy });
    expect(r).toMatchObject({ unappliedCredit: 500, totals: { totalToSettle: 0 } });
    expect(r.installments[1]).toMatchObject({ status: 'paid', interest: { due: 0, paid: 0 } });
  });

  it('a settlement after paying ahead: the cap counts each repayment from when it counts', () => {
    // 02-01: 2,230.00 pays #1 and #2 ahead (its principal counts from 03-01). 02-10: 10,000.00 settles (counts from 02-10).
    // Cap (2 % a month): Jan on 12,000 = 240.00; Feb (28 days): 11,000 × 9 days + 1,000 × 19 days → 118,000 / 28 × 2 %
    //   = 84.2857 → 84.29; March (running) on nothing. 324.29. Charges: 120.00 + 110.00 (paid ahead, #2 cancelled).
    const r = computeArrears({ loan: twelveLoan, installments: twelve, payments: [{ receivedOn: '2026-02-01', amount: 223_000 }, { receivedOn: '2026-02-10', amount: 1_000_000 }], asOf: '2026-03-15', policy });
    expect(r.cap).toMatchObject({ cap: 32_429, charges: 23_000, capExcess: 0 });
    expect(r.installments.slice(0, 3).map((i) => [i.status, i.interest.due])).toEqual([
      ['paid', 12_000],
      ['paid', 11_000],
      ['paid', 0],
    ]);
  });
});

describe('accrual periods', () => {
  it('merge while the balances stay the same, start anew when they change, and have no empty days', () => {
    // ¥1,000 + 10.00 due 02-01.
    // 02-20: 19.60 = penalty 9.50 (19 days) + compound 10 × 0.05 % × 19 = 0.095 → 0.10 + interest 10.00.
    // 03-10: 100.00 and 9.00 the same day: penalty 9.00 (18 days), then 100.00 of principal.
    // 03-20: 2.00 of penalty (900 × 0.05 % × 10 = 4.50 accrued): the balances do not change, the period goes on.
    // To 03-31: 900 × 0.05 % × 21 = 9.45 in the last period.
    const payments = [
      { receivedOn: '2026-02-20', amount: 1_960 },
      { receivedOn: '2026-03-10', amount: 10_000 },
      { receivedOn: '2026-03-10', amount: 900 },
      { receivedOn: '2026-03-20', amount: 200 },
    ];
    const row = computeArrears({ loan: oneLoan, installments: one, payments, asOf: '2026-03-31', policy }).installments[0]!;
    expect(row.accrualPeriods).toEqual([
      { from: '2026-02-01', to: '2026-02-20', days: 19, overduePrincipal: 100_000, overdueInterest: 1_000, penalty: 950, compound: 10 },
      { from: '2026-02-20', to: '2026-03-10', days: 18, overduePrincipal: 100_000, overdueInterest: 0, penalty: 900, compound: 0 },
      { from: '2026-03-10', to: '2026-03-31', days: 21, overduePrincipal: 90_000, overdueInterest: 0, penalty: 945, compound: 0 },
    ]);
    expect(row).toMatchObject({ penaltyDays: 58, compoundDays: 19, penalty: { due: 2_795, paid: 2_050 }, principal: { paid: 10_000 } });
  });

  it('stop when the installment is cleared', () => {
    // 02-20: 1,000 + 10.00 + 9.50 + 0.10 = 1,019.60 clears it; nothing accrues after.
    const row = computeArrears({ loan: oneLoan, installments: one, payments: [{ receivedOn: '2026-02-20', amount: 101_960 }], asOf: '2026-03-31', policy }).installments[0]!;
    expect(row.accrualPeriods).toHaveLength(1);
    expect(row).toMatchObject({ status: 'paid', penaltyDays: 19, compoundDays: 19, total: { outstanding: 0 } });
  });
});

describe('the cap’s periods', () => {
  it('follow the due dates (sorted, once each, after the start) and then the schedule’s day', () => {
    const periods = contractCapPeriods('2026-01-20', ['2026-03-05', '2026-02-05', '2026-02-05', '2026-01-10', '2026-01-20'], '2026-05-01');
    expect(periods.map((p) => [p.from, p.to, p.months, p.days, p.monthDays])).toEqual([
      ['2026-01-20', '2026-02-05', 0, 16, 31], // 16 of the 31 days from Jan 5
      ['2026-02-05', '2026-03-05', 1, 0, 1],
      ['2026-03-05', '2026-04-05', 1, 0, 1],
      ['2026-04-05', '2026-05-05', 1, 0, 1],
    ]);
    // No due dates: months from the start date, on its day (month-end kept).
    expect(contractCapPeriods('2026-01-31', [], '2026-04-15').map((p) => p.to)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('measure a period that ends off the anchor on its own day, and without an anchor each on its own', () => {
    const periods = periodsBetween(['2026-01-15', '2026-02-20', '2026-03-15'], 15);
    expect(periods.map((p) => [p.months, p.days, p.monthDays])).toEqual([
      [1, 5, 31], // to Feb 20, counted on the 20th: Jan 20 → Feb 20 and 5 of Dec 20 → Jan 20's 31 days
      [0, 23, 28], // to Mar 15, on the 15th: 23 of Feb 15 → Mar 15's 28 days
    ]);
    expect(periodsBetween(['2026-01-31', '2026-02-28'], null).map((p) => [p.months, p.days, p.monthDays])).toEqual([[0, 28, 31]]);
    expect(periodsBetween(['2026-01-31', '2026-02-28'], 31).map((p) => [p.months, p.days, p.monthDays])).toEqual([[1, 0, 1]]);
  });

  it('accrue nothing in empty periods or after the day asked for, and refuse a cap with more than two decimals', () => {
    const periods = periodsBetween(['2026-01-01', '2026-01-01', '2026-02-01', '2026-03-01'], 1);
    // 2 % of 10,000 for January, and nothing for February when asked as of 02-01.
    expect(capOver(periods, 1_000_000, [], '2026-02-01', 24)).toBe(20_000);
    // A level on a period's last day takes effect the next period.
    expect(capOver(periods, 1_000_000, [{ on: '2026-02-01', outstanding: 500_000 }], '2026-03-01', 24)).toBe(30_000);
    expect(() => capOver(periods, 1, [], '2026-03-01', 24.001)).toThrow(/total-cost cap must be a non-negative percentage with at most two decimals, got 24.001/);
  });
});

describe('malformed input is refused, saying what is wrong', () => {
  const base: ArrearsInput = { loan: oneLoan, installments: one, payments: [], asOf: '2026-03-01', policy };
  const refused = (input: Partial<ArrearsInput>) => () => computeArrears({ ...base, ...input });
  it('names the field', () => {
    expect(refused({ loan: { ...oneLoan, principal: -1 } })).toThrow(/^loan principal must not be negative$/);
    expect(refused({ loan: { ...oneLoan, principal: 1.5 } })).toThrow(/^loan principal must be a whole number of fen, got 1.5$/);
    expect(refused({ loan: { ...oneLoan, startDate: '2026-02-30' } })).toThrow(/^loan start date must be a YYYY-MM-DD date, got 2026-02-30$/);
    expect(refused({ asOf: '2026/03/01' })).toThrow(/^asOf must be a YYYY-MM-DD date, got 2026\/03\/01$/);
    expect(refused({ installments: [...one, { ...one[0]!, dueDate: '2026-03-01' }] })).toThrow(/^installment seq 1 appears twice$/);
    expect(refused({ installments: [{ ...one[0]!, dueDate: '2026-13-01' }] })).toThrow(/^installment 1 due date must be a YYYY-MM-DD date, got 2026-13-01$/);
    expect(refused({ installments: [{ ...one[0]!, principalDue: -1 }] })).toThrow(/^installment 1 principal must not be negative$/);
    expect(refused({ installments: [{ ...one[0]!, interestDue: -1 }] })).toThrow(/^installment 1 interest must not be negative$/);
    expect(refused({ installments: [{ ...one[0]!, feesDue: -1 }] })).toThrow(/^installment 1 fees must not be negative$/);
    expect(refused({ payments: [{ receivedOn: '2026-00-10', amount: 1 }] })).toThrow(/^payment date must be a YYYY-MM-DD date, got 2026-00-10$/);
    expect(refused({ payments: [{ receivedOn: '2026-02-10', amount: -1 }] })).toThrow(/^payment amount must not be negative$/);
    expect(refused({ policy: { ...policy, allocationScope: 'newest_first' as never } })).toThrow(/^allocationScope must be whole_debt or per_installment$/);
    expect(refused({ policy: { ...policy, allocationOrder: ['fees', 'penalty', 'compound', 'interest'] as never } })).toThrow(/^allocationOrder must list fees, penalty, compound, interest and principal once each$/);
    expect(refused({ policy: { ...policy, allocationOrder: ['fees', 'fees', 'compound', 'interest', 'principal'] } })).toThrow(/^allocationOrder must list/);
    expect(refused({ policy: { ...policy, penaltyMarkupPct: 33.333 } })).toThrow(/^penalty markup must be a non-negative percentage with at most two decimals, got 33.333$/);
    expect(refused({ policy: { ...policy, penaltyMarkupPct: -5 } })).toThrow(/^penalty markup must be/);
    expect(refused({ policy: { ...policy, penaltyMarkupPct: Number.NaN } })).toThrow(/^penalty markup must be/);
    expect(refused({ loan: { ...oneLoan, annualRatePpm: 1.5 } })).toThrow(/^annual rate must be a non-negative integer ppm, got 1.5$/);
    expect(refused({ loan: { ...oneLoan, annualRatePpm: -1 } })).toThrow(/^annual rate must be a non-negative integer ppm, got -1$/);
    expect(() => penaltyRatePpm(-1, 50)).toThrow(/^annual rate must be/);
    expect(() => penaltyDailyRate(72_000, 101.001)).toThrow(/^penalty markup must be/);
    // A rate of zero and a markup of zero are fine.
    expect(penaltyRatePpm(0, 0)).toBe(0);
    expect(penaltyDailyRate(72_000, 0)).toEqual({ perFenDay: 720_000_000n, denominator: 3_600_000_000_000n });
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });
});

describe('edges found by mutation testing (issue 10)', () => {
  it('the cap over a first period that is not a whole month: Jan 20 → Mar 1 is 1 + 12/31 months', () => {
    // ¥10,000 from 2026-01-20, all due 2026-03-01 on the 1st. Months counted back from Mar 1: to Feb 1 one month, then
    // Jan 20 → Feb 1 is 12 days of a 31-day January. Cap = ¥10,000 × 24 % / 12 × (1 + 12/31) = ¥200 × 43/31 = ¥277.419… → ¥277.42.
    const rows = [{ seq: 1, dueDate: '2026-03-01', principalDue: 1_000_000, interestDue: 27_742, feesDue: 0 }];
    const a = computeArrears({ loan: { principal: 1_000_000, annualRatePpm: 240_000, startDate: '2026-01-20' }, installments: rows, payments: [], asOf: '2026-03-01', policy: defaultPolicy });
    expect(a.cap.cap).toBe(27_742);
    // Its own interest, charged at the cap rate for the same period, is within the cap by exactly nothing.
    expect(a.cap.capExcess).toBe(0);
  });

  it('a loan settled early owes nothing months later: the installments after the settlement are never charged', () => {
    const rows = twelve;
    // Installment 1 on time, then everything still owed on 2026-03-10 (installment 2 is 9 days late: its penalty too).
    const first = rows[0]!.principalDue + rows[0]!.interestDue;
    const owedOn = computeArrears({ loan: twelveLoan, installments: rows, payments: [{ receivedOn: '2026-02-01', amount: first }], asOf: '2026-03-10', policy: defaultPolicy }).totals.totalToSettle;
    const later = computeArrears({ loan: twelveLoan, installments: rows, payments: [{ receivedOn: '2026-02-01', amount: first }, { receivedOn: '2026-03-10', amount: owedOn }], asOf: '2026-09-01', policy: defaultPolicy });
    expect(later.totals).toMatchObject({ totalOverdue: 0, totalToSettle: 0, overdueInterest: 0 });
    expect(later.installments.slice(2).every((i) => i.status === 'paid' && i.interest.due === 0)).toBe(true);
    expect(later.daysPastDue).toBe(0);
  });

  it('the order the installments and the payments of different days are given in does not matter', () => {
    const rows = twelve;
    const payments = [
      { receivedOn: '2026-02-03', amount: 50_000 },
      { receivedOn: '2026-04-20', amount: 300_000 },
      { receivedOn: '2026-03-01', amount: 112_000 },
      { receivedOn: '2026-06-01', amount: 20_000 },
    ];
    const sorted = computeArrears({ loan: twelveLoan, installments: rows, payments: [...payments].sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : 1)), asOf: '2026-07-15', policy: defaultPolicy });
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: rows.length }), fc.shuffledSubarray(payments, { minLength: payments.length }), (installments, paid) => {
        expect(computeArrears({ loan: twelveLoan, installments, payments: paid, asOf: '2026-07-15', policy: defaultPolicy })).toEqual(sorted);
      }),
      { numRuns: 50 },
    );
  });
});
