import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from './dates';
import { amortise, buildSchedule, equalInstallmentPayment, LAST_INSTALLMENT_TOLERANCE, periodInterest } from './schedule';

describe('original loan schedules', () => {
  it('equal installments: ¥120,000 at 6% over 12 months', () => {
    // r = 0.06/12 = 0.005; (1+r)^12 = 1.0616778; A = 120000 × 0.005 × 1.0616778 / 0.0616778 = 10,327.97
    expect(equalInstallmentPayment(12_000_000, 60_000, 12)).toBe(1_032_797);
    const schedule = buildSchedule({ principal: 12_000_000, annualRatePpm: 60_000, months: 12, method: 'equal_installment', firstDueDate: '2026-01-15' });
    // First month: interest 120000 × 0.005 = 600.00, principal 10327.97 − 600 = 9727.97
    expect(schedule[0]).toMatchObject({ dueDate: '2026-01-15', interest: 60_000, principal: 972_797, amount: 1_032_797 });
    schedule.slice(0, -1).forEach((row) => expect(row.amount).toBe(1_032_797));
    expect(schedule.at(-1)).toMatchObject({ dueDate: '2026-12-15', balanceAfter: 0 });
  });

  it('equal principal: ¥120,000 at 6% over 12 months', () => {
    const schedule = buildSchedule({ principal: 12_000_000, annualRatePpm: 60_000, months: 12, method: 'equal_principal', firstDueDate: '2026-01-31' });
    expect(schedule[0]).toMatchObject({ principal: 1_000_000, interest: 60_000, amount: 1_060_000 });
    // Second month: balance 110,000 × 0.5% = 550.00
    expect(schedule[1]).toMatchObject({ dueDate: '2026-02-28', principal: 1_000_000, interest: 55_000 });
    expect(schedule.at(-1)).toMatchObject({ principal: 1_000_000, interest: 5_000 });
  });

  it('equal principal that does not divide: the fen left over go one each to the last installments', () => {
    // 1,000.05 over 12: 83.33 × 12 = 999.96, 9 fen over → the last 9 installments are 83.34.
    const schedule = buildSchedule({ principal: 100_005, annualRatePpm: 0, months: 12, method: 'equal_principal', firstDueDate: '2026-01-10' });
    expect(schedule.map((r) => r.principal)).toEqual([8_333, 8_333, 8_333, 8_334, 8_334, 8_334, 8_334, 8_334, 8_334, 8_334, 8_334, 8_334]);
  });

  it('monthly interest, principal at maturity', () => {
    const schedule = buildSchedule({ principal: 5_000_000, annualRatePpm: 180_000, months: 6, method: 'interest_only_bullet', firstDueDate: '2026-03-01' });
    // 50,000 × 18% / 12 = 750.00 every month; the principal comes with the last
    schedule.slice(0, -1).forEach((row) => expect(row).toMatchObject({ principal: 0, interest: 75_000 }));
    expect(schedule.at(-1)).toMatchObject({ principal: 5_000_000, interest: 75_000, amount: 5_075_000 });
  });

  it('defect 6: a loan started on Jan 31 keeps its day: Feb 28, Mar 31, Apr 30 — not Mar 28, Apr 28', () => {
    const schedule = buildSchedule({ principal: 1_200_000, annualRatePpm: 120_000, months: 5, method: 'equal_principal', firstDueDate: addMonths('2026-01-31', 1), anchorDay: 31 });
    expect(schedule.map((r) => r.dueDate)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30']);
    // Leap years too: started 2027-12-31, the second installment falls on 2028-02-29.
    expect(buildSchedule({ principal: 100_000, annualRatePpm: 0, months: 3, method: 'equal_principal', firstDueDate: '2028-01-31' }).map((r) => r.dueDate)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
  });

  it('defect 8: 2,890.00 at 18% over 360 months — the last installment no longer absorbs 65 yuan', () => {
    // Exact payment 4,335 × 1.015^360 / (1.015^360 − 1) = 43.5548…: a level 43.55 would leave the last installment at 108.63.
    // Instead: 46 × 43.56, 280 × 43.55, 33 × 43.56, and the last 43.57, within two fen of the one before it; every
    // installment's interest is still its balance × 1.5 %, half-up.
    const schedule = buildSchedule({ principal: 289_000, annualRatePpm: 180_000, months: 360, method: 'equal_installment', firstDueDate: '2026-01-31' });
    const amounts = schedule.map((r) => r.amount);
    expect(new Set(amounts.slice(0, -1))).toEqual(new Set([4_355, 4_356]));
    expect(Math.abs(amounts.at(-1)! - amounts.at(-2)!)).toBeLessThanOrEqual(LAST_INSTALLMENT_TOLERANCE);
    expect(schedule.reduce((sum, r) => sum + r.principal, 0)).toBe(289_000);
    let balance = 289_000;
    for (const row of schedule) {
      expect(row.interest).toBe(Math.floor((balance * 30 + 1_000) / 2_000)); // 1.5 % of the balance, half-up
      balance -= row.principal;
    }
    // At most three runs of one payment: 43.56, then 43.55, then 43.56.
    const runs = amounts.slice(0, -1).filter((a, i, all) => i === 0 || a !== all[i - 1]).length;
    expect(runs).toBeLessThanOrEqual(3);
  });

  it('a first period of its own length: half a month of interest for a first due date half a month away', () => {
    // 10,000.00 at 12 %: one month's interest is 100.00; 14 of 28 days (Feb 1 → Mar 1) is half of it.
    expect(periodInterest(1_000_000, 120_000, { months: 0, days: 14, monthDays: 28 })).toBe(5_000);
    expect(periodInterest(1_000_000, 120_000, { months: 1, days: 10, monthDays: 31 })).toBe(13_226); // 100 × (1 + 10/31) = 132.258…
    // The level payment then repays exactly: 2 periods, the first half a month: A = P·(1 + r/2)·(1 + r)·r / ((1 + r)² − 1) at r = 1 %
    //   = 10,000 × 1.005 × 1.01 × 0.01 / 0.0201 = 5,050.00 (and the exact arithmetic agrees to the fen).
    expect(equalInstallmentPayment(1_000_000, 120_000, 2, { months: 0, days: 14, monthDays: 28 })).toBe(505_000);
    const parts = amortise(1_000_000, [120_000, 120_000], 'equal_installment', { months: 0, days: 14, monthDays: 28 });
    expect(parts).toEqual({ principal: [500_000, 500_000], interest: [5_000, 5_000], coversInterest: true });
  });

  it('defect 8: a level payment that does not cover its interest is flagged', () => {
    // 0.40 at 24 % over 60 months: the level payment rounds to 1 fen, as does each month's interest (0.8 fen): nothing repaid.
    expect(amortise(40, Array.from({ length: 60 }, () => 240_000), 'equal_installment').coversInterest).toBe(false);
    expect(amortise(1_000_000, Array.from({ length: 60 }, () => 240_000), 'equal_installment').coversInterest).toBe(true);
  });

  it('refuses what cannot be a schedule', () => {
    expect(() => buildSchedule({ principal: -1, annualRatePpm: 0, months: 1, method: 'equal_principal', firstDueDate: '2026-01-01' })).toThrow(RangeError);
    expect(() => buildSchedule({ principal: 100, annualRatePpm: 0, months: 0, method: 'equal_principal', firstDueDate: '2026-01-01' })).toThrow(RangeError);
    expect(() => buildSchedule({ principal: 100, annualRatePpm: 0, months: 601, method: 'equal_principal', firstDueDate: '2026-01-01' })).toThrow(RangeError);
    expect(() => buildSchedule({ principal: 100, annualRatePpm: 1.5, months: 1, method: 'equal_principal', firstDueDate: '2026-01-01' })).toThrow(RangeError);
    expect(() => buildSchedule({ principal: 0.5, annualRatePpm: 0, months: 1, method: 'equal_principal', firstDueDate: '2026-01-01' })).toThrow(RangeError);
  });

  it('always repays exactly the principal; the last level installment stays within five fen (plans of up to five years)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 240_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('equal_installment' as const, 'equal_principal' as const, 'interest_only_bullet' as const),
        (principal, annualRatePpm, months, method) => {
          const schedule = buildSchedule({ principal, annualRatePpm, months, method, firstDueDate: '2026-01-31' });
          expect(schedule).toHaveLength(months);
          expect(schedule.reduce((sum, row) => sum + row.principal, 0)).toBe(principal);
          expect(schedule.at(-1)!.balanceAfter).toBe(0);
          for (const row of schedule) expect(row.principal).toBeGreaterThanOrEqual(0);
          if (method === 'equal_installment' && months >= 2 && principal >= 100 * months) {
            const amounts = schedule.map((r) => r.amount);
            expect(Math.abs(amounts.at(-1)! - amounts.at(-2)!)).toBeLessThanOrEqual(LAST_INSTALLMENT_TOLERANCE);
            expect(Math.max(...amounts.slice(0, -1)) - Math.min(...amounts.slice(0, -1))).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('a schedule refuses what a contract cannot say', () => {
  const base = { principal: 120_000, annualRatePpm: 120_000, months: 12, method: 'equal_principal' as const, firstDueDate: '2025-02-10' };

  it('takes a zero principal (nothing to repay) but not a negative or fractional one', () => {
    expect(buildSchedule({ ...base, principal: 0 }).every((row) => row.principal === 0 && row.interest === 0)).toBe(true);
    expect(() => buildSchedule({ ...base, principal: -1 })).toThrow('principal must not be negative');
    expect(() => buildSchedule({ ...base, principal: 1.5 })).toThrow(/principal/);
  });

  it('takes 1 to 600 months, whole ones only', () => {
    expect(buildSchedule({ ...base, months: 1 })).toHaveLength(1);
    expect(buildSchedule({ ...base, months: 600 })).toHaveLength(600);
    for (const months of [0, 601, 1.5]) expect(() => buildSchedule({ ...base, months })).toThrow('months must be 1–600');
  });

  it('takes a rate of zero, not a negative or fractional one', () => {
    // ¥1,200.00 over 12 months at no interest: ¥100.00 a month, nothing more.
    expect(buildSchedule({ ...base, annualRatePpm: 0 }).map((row) => row.principal + row.interest)).toEqual(Array(12).fill(10_000));
    for (const annualRatePpm of [-1, 0.5]) expect(() => buildSchedule({ ...base, annualRatePpm })).toThrow('rate must be a non-negative integer ppm');
  });
});
