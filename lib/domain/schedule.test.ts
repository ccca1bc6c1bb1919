import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, dpdBucket } from './dates';
import { buildSchedule, equalInstallmentPayment, monthlyInterest } from './schedule';

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

  it('monthly interest, principal at maturity', () => {
    const schedule = buildSchedule({ principal: 5_000_000, annualRatePpm: 180_000, months: 6, method: 'interest_only_bullet', firstDueDate: '2026-03-01' });
    // 50,000 × 18% / 12 = 750.00 every month; the principal comes with the last
    schedule.slice(0, -1).forEach((row) => expect(row).toMatchObject({ principal: 0, interest: 75_000 }));
    expect(schedule.at(-1)).toMatchObject({ principal: 5_000_000, interest: 75_000, amount: 5_075_000 });
  });

  it('always repays exactly the principal, to the fen, whatever the terms', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 240_000 }),
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom('equal_installment' as const, 'equal_principal' as const, 'interest_only_bullet' as const),
        (principal, annualRatePpm, months, method) => {
          const schedule = buildSchedule({ principal, annualRatePpm, months, method, firstDueDate: '2026-01-31' });
          expect(schedule).toHaveLength(months);
          expect(schedule.reduce((sum, row) => sum + row.principal, 0)).toBe(principal);
          expect(schedule.at(-1)!.balanceAfter).toBe(0);
          let balance = principal;
          for (const row of schedule) {
            expect(row.principal).toBeGreaterThanOrEqual(0);
            expect(row.interest).toBe(monthlyInterest(balance, annualRatePpm));
            expect(row.amount).toBe(row.principal + row.interest);
            balance -= row.principal;
            expect(row.balanceAfter).toBe(balance);
          }
        },
      ),
    );
  });
});

describe('calendar dates', () => {
  it('adds months with the day clamped to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('counts actual days', () => {
    expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('places days past due in buckets', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, 400].map(dpdBucket)).toEqual(['current', 'M1', 'M1', 'M2', 'M2', 'M3', 'M3', 'M4+', 'M4+']);
  });
});
