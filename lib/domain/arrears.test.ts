import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEVER_OVERDUE, computeArrears, overdueSince, penaltyRatePpm, type ArrearsInput, type ArrearsResult } from './arrears';
import { addDays, addMonths, daysBetween } from './dates';
import { defaultPolicy } from './policy';
import { buildSchedule, type RepaymentMethod } from './schedule';

const policy = {
  penaltyMarkupPct: defaultPolicy.penaltyMarkupPct,
  compoundOnOverdueInterest: defaultPolicy.compoundOnOverdueInterest,
  totalCostCapAnnualPct: defaultPolicy.totalCostCapAnnualPct,
  allocationOrder: defaultPolicy.allocationOrder,
  allocationScope: defaultPolicy.allocationScope,
};
const perInstallment = { ...policy, allocationScope: 'per_installment' as const };

type LoanTerms = { principal: number; annualRatePpm: number; months: number; method: RepaymentMethod; startDate: string };

/** The original schedule as engine installments; fees by seq (default none). */
function installmentsOf(loan: LoanTerms, fees: Record<number, number> = {}): ArrearsInput['installments'] {
  return buildSchedule({ ...loan, firstDueDate: addMonths(loan.startDate, 1) }).map((row) => ({
    seq: row.seq,
    dueDate: row.dueDate,
    principalDue: row.principal,
    interestDue: row.interest,
    feesDue: fees[row.seq] ?? 0,
  }));
}

function arrearsOf(loan: LoanTerms, payments: ArrearsInput['payments'], asOf: string, options: { fees?: Record<number, number>; policy?: ArrearsInput['policy'] } = {}) {
  return computeArrears({
    loan: { principal: loan.principal, annualRatePpm: loan.annualRatePpm, startDate: loan.startDate },
    installments: installmentsOf(loan, options.fees),
    payments,
    asOf,
    policy: options.policy ?? policy,
  });
}

const row = (result: ArrearsResult, seq: number) => result.installments.find((r) => r.seq === seq)!;

describe('penalty rate', () => {
  it('is the contract rate raised by the markup', () => {
    expect(penaltyRatePpm(72_000, 50)).toBe(108_000); // 7.2% × 1.5 = 10.8%
    expect(penaltyRatePpm(72_000, 30)).toBe(93_600); // 7.2% × 1.3 = 9.36%
    expect(penaltyRatePpm(180_000, 50)).toBe(270_000); // 18% × 1.5 = 27%
    expect(penaltyRatePpm(0, 50)).toBe(0);
    expect(() => penaltyRatePpm(72_000, 33.333)).toThrow(RangeError);
  });
});

describe('hand-worked arrears', () => {
  it('equal installments: a partial payment on installment 3, allocated penalty → compound → interest → principal', () => {
    // ¥120,000 at 7.2% over 12 months from 2025-12-15: A = 10,394.28 a month.
    // Installment 3, due 2026-03-15: principal 9,790.72, interest 603.56 (schedule.ts).
    // Penalty rate = 7.2% × 1.5 = 10.8% a year = 0.03% a day.
    const loan = { principal: 12_000_000, annualRatePpm: 72_000, months: 12, method: 'equal_installment' as const, startDate: '2025-12-15' };
    const payments = [
      { receivedOn: '2026-01-15', amount: 1_039_428 }, // installments 1 and 2 on time
      { receivedOn: '2026-02-15', amount: 1_039_428 },
      { receivedOn: '2026-03-25', amount: 300_000 }, // ¥3,000.00, 10 days after installment 3 fell due
    ];
    const result = arrearsOf(loan, payments, '2026-04-04');
    const third = row(result, 3);
    // 2026-03-15 → 2026-03-25, 10 days:
    //   penalty  9,790.72 × 10.8% / 360 × 10 = 29.37216 → 29.37
    //   compound   603.56 × 10.8% / 360 × 10 =  1.81068 →  1.81
    // ¥3,000.00 pays 0 fees, 29.37 penalty, 1.81 compound, 603.56 interest, then 3,000 − 634.74 = 2,365.26 principal.
    // 2026-03-25 → 2026-04-04, 10 days on 9,790.72 − 2,365.26 = 7,425.46:
    //   penalty 7,425.46 × 0.03% × 10 = 22.27638; cumulative 29.37216 + 22.27638 = 51.64854 → 51.65 charged, 22.28 outstanding
    expect(third.accrualPeriods).toEqual([
      { from: '2026-03-15', to: '2026-03-25', days: 10, overduePrincipal: 979_072, overdueInterest: 60_356, penalty: 2_937, compound: 181 },
      { from: '2026-03-25', to: '2026-04-04', days: 10, overduePrincipal: 742_546, overdueInterest: 0, penalty: 2_228, compound: 0 },
    ]);
    expect(third).toMatchObject({
      status: 'partly_paid',
      daysPastDue: 20,
      penaltyRatePpm: 108_000,
      penaltyDays: 20,
      compoundDays: 10,
      principal: { due: 979_072, paid: 236_526, outstanding: 742_546 },
      interest: { due: 60_356, paid: 60_356, outstanding: 0 },
      penalty: { due: 5_165, paid: 2_937, outstanding: 2_228 },
      compound: { due: 181, paid: 181, outstanding: 0 },
      fees: { due: 0, paid: 0, outstanding: 0 },
    });
    expect(row(result, 2).status).toBe('paid');
    expect(row(result, 4)).toMatchObject({ status: 'not_due', daysPastDue: 0, interest: { due: 0 }, principal: { outstanding: 984_946 } });
    // Arrears: 7,425.46 + 22.28 = 7,447.74; not yet due: principal after installment 3 = 90,802.67.
    expect(result.totals).toMatchObject({
      overduePrincipal: 742_546,
      overdueInterest: 0,
      penalty: 2_228,
      compound: 0,
      fees: 0,
      totalOverdue: 744_774,
      dueToday: 0,
      notYetDuePrincipal: 9_080_267,
      totalToSettle: 9_825_041,
    });
    expect(result).toMatchObject({ daysPastDue: 20, bucket: 'M1', unappliedCredit: 0 });
    expect(result.paidToDate).toEqual({ principal: 2_177_187, interest: 198_551, penalty: 2_937, compound: 181, fees: 0, total: 2_378_856 });
    // Cap, in the contract's months (2 % a month on the principal outstanding), each month rounded like its interest:
    //   12-15 → 01-15 on 120,000.00: 2,400.00; 01-15 → 02-15 on 110,325.72: 2,206.5144 → 2,206.51;
    //   02-15 → 03-15 on 100,593.39: 2,011.8678 → 2,011.87; the month running to 04-15 (31 days), to 04-04:
    //   (100,593.39 × 10 + 98,228.13 × 10) / 31 × 2 % = 1,282.7195 → rounded up 1,282.72. Cap 7,901.10.
    // Charges 720.00 + 661.95 + 603.56 + 51.65 + 1.81 = 2,038.97 ≤ cap: fully enforceable.
    expect(result.cap).toMatchObject({ basis: 'contract_months', days: 110, cap: 790_110, charges: 203_897, capExcess: 0, notEnforceable: 0, capApplies: false });
    expect(result.totals.enforceableTotalToSettle).toBe(result.totals.totalToSettle);
  });

  it('equal principal, per installment (a contract that stipulates it): a late fee, two overdue installments, the payment clears the oldest first', () => {
    // ¥36,000 at 9.6% over 6 months from 2026-01-10: 6,000 principal a month;
    // interest 288.00, 240.00, 192.00, … (balance × 0.8%). Penalty rate 14.4% = 0.04% a day.
    // Installment 2 (due 2026-03-10) carries a ¥50.00 late fee.
    const loan = { principal: 3_600_000, annualRatePpm: 96_000, months: 6, method: 'equal_principal' as const, startDate: '2026-01-10' };
    const payments = [
      { receivedOn: '2026-02-10', amount: 628_800 }, // installment 1 on time
      { receivedOn: '2026-04-20', amount: 100_000 }, // ¥1,000.00
    ];
    const result = arrearsOf(loan, payments, '2026-04-30', { fees: { 2: 5_000 }, policy: perInstallment });
    // On 2026-04-20, installment 2 is 41 days overdue, installment 3 (due 2026-04-10) 10 days:
    //   #2 penalty  6,000 × 0.04% × 41 = 98.40; compound 240 × 0.04% × 41 = 3.936 → 3.94
    //   #3 penalty  6,000 × 0.04% × 10 = 24.00; compound 192 × 0.04% × 10 = 0.768
    // ¥1,000.00 goes to #2 only: fee 50.00, penalty 98.40, compound 3.94, interest 240.00, principal 607.66.
    // 2026-04-20 → 04-30, 10 days: #2 penalty on 5,392.34 = 21.56936; cumulative 119.96936 → 119.97, 21.57 outstanding.
    // #3 at 04-30, 20 days: penalty 6,000 × 0.04% × 20 = 48.00; compound 192 × 0.04% × 20 = 1.536 → 1.54.
    expect(row(result, 2)).toMatchObject({
      status: 'partly_paid',
      daysPastDue: 51,
      fees: { due: 5_000, paid: 5_000, outstanding: 0 },
      penalty: { due: 11_997, paid: 9_840, outstanding: 2_157 },
      compound: { due: 394, paid: 394, outstanding: 0 },
      interest: { due: 24_000, paid: 24_000, outstanding: 0 },
      principal: { due: 600_000, paid: 60_766, outstanding: 539_234 },
    });
    expect(row(result, 3)).toMatchObject({
      status: 'overdue',
      daysPastDue: 20,
      penalty: { due: 4_800, paid: 0, outstanding: 4_800 },
      compound: { due: 154, paid: 0, outstanding: 154 },
      interest: { due: 19_200, outstanding: 19_200 },
      principal: { outstanding: 600_000 },
      penaltyDays: 20,
      compoundDays: 20,
    });
    // 5,392.34 + 6,000 principal, 192.00 interest, 21.57 + 48.00 penalty, 1.54 compound = 11,655.45
    expect(result.totals).toMatchObject({
      overduePrincipal: 1_139_234,
      overdueInterest: 19_200,
      penalty: 6_957,
      compound: 154,
      fees: 0,
      totalOverdue: 1_165_545,
      notYetDuePrincipal: 1_800_000,
      totalToSettle: 2_965_545,
    });
    // Days past due count from the oldest unpaid installment, #2: 2026-03-10 → 2026-04-30 = 51 days.
    expect(result).toMatchObject({ daysPastDue: 51, bucket: 'M2' });
  });

  it('the same, by default across the whole debt (Civil Code art. 561): each class for every installment, oldest first, before the next class', () => {
    const loan = { principal: 3_600_000, annualRatePpm: 96_000, months: 6, method: 'equal_principal' as const, startDate: '2026-01-10' };
    const payments = [
      { receivedOn: '2026-02-10', amount: 628_800 },
      { receivedOn: '2026-04-20', amount: 100_000 },
    ];
    const result = arrearsOf(loan, payments, '2026-04-30', { fees: { 2: 5_000 } });
    // On 2026-04-20 (as above): fees #2 50.00; penalty #2 98.40, #3 24.00; compound #2 3.936 → 3.94, #3 0.768 → 0.77;
    // interest #2 240.00, #3 192.00 — 609.11 — and the remaining 390.89 goes to principal, #2 first.
    // 04-20 → 04-30: #2 penalty on 5,609.11 × 0.04 % × 10 = 22.43644; cumulative 120.83644 → 120.84, 22.44 outstanding;
    //   #3 penalty 6,000 × 0.04 % × 20 = 48.00, 24.00 outstanding; no compound (its interest is paid).
    expect(row(result, 2)).toMatchObject({
      status: 'partly_paid',
      fees: { paid: 5_000, outstanding: 0 },
      penalty: { due: 12_084, paid: 9_840, outstanding: 2_244 },
      compound: { due: 394, paid: 394 },
      interest: { paid: 24_000, outstanding: 0 },
      principal: { paid: 39_089, outstanding: 560_911 },
    });
    expect(row(result, 3)).toMatchObject({ status: 'partly_paid', penalty: { due: 4_800, paid: 2_400 }, compound: { due: 77, paid: 77 }, interest: { paid: 19_200 }, principal: { paid: 0 } });
    // 5,609.11 + 6,000 principal, 22.44 + 24.00 penalty = 11,655.55 (10 fen more than clearing #2 first: #3's interest
    // stopped compounding, #2's principal did not shrink as fast).
    expect(result.totals).toMatchObject({ overduePrincipal: 1_160_911, overdueInterest: 0, penalty: 4_644, compound: 0, totalOverdue: 1_165_555, notYetDuePrincipal: 1_800_000 });
  });

  it('interest only, principal at maturity: the payment on the maturity date reaches the installment due that day', () => {
    // ¥100,000 at 6% for 6 months from 2025-10-20: 500.00 interest a month, principal with #6 on 2026-04-20.
    // Penalty rate 9% = 0.025% a day. #1–#4 paid on time; #5 (due 2026-03-20) unpaid.
    const loan = { principal: 10_000_000, annualRatePpm: 60_000, months: 6, method: 'interest_only_bullet' as const, startDate: '2025-10-20' };
    const onTime = ['2025-11-20', '2025-12-20', '2026-01-20', '2026-02-20'].map((receivedOn) => ({ receivedOn, amount: 50_000 }));
    const payments = [...onTime, { receivedOn: '2026-04-20', amount: 60_000 }]; // ¥600.00 on the maturity date
    // On 2026-04-20 #5 is 31 days overdue: compound 500 × 0.025% × 31 = 3.875 → 3.88 (no principal, so no penalty).
    // ¥600.00: #5 compound 3.88 and interest 500.00, then #6 (due that day) interest 96.12.
    const atMaturity = arrearsOf(loan, payments, '2026-04-20');
    expect(atMaturity.totals).toMatchObject({ overduePrincipal: 10_000_000, overdueInterest: 40_388, penalty: 0, compound: 0, dueToday: 10_040_388 });
    expect(row(atMaturity, 6)).toMatchObject({ status: 'partly_paid', daysPastDue: 0 });
    expect(atMaturity).toMatchObject({ daysPastDue: 0, bucket: 'current' });

    // 30 days later, 2026-05-20: #6 penalty 100,000 × 0.025% × 30 = 750.00; compound 403.88 × 0.025% × 30 = 3.0291 → 3.03.
    const result = arrearsOf(loan, payments, '2026-05-20');
    expect(row(result, 5)).toMatchObject({ status: 'paid', daysPastDue: 0, compound: { due: 388, paid: 388 }, interest: { paid: 50_000 } });
    expect(row(result, 6)).toMatchObject({
      status: 'partly_paid',
      daysPastDue: 30,
      penaltyRatePpm: 90_000,
      principal: { due: 10_000_000, paid: 0, outstanding: 10_000_000 },
      interest: { due: 50_000, paid: 9_612, outstanding: 40_388 },
      penalty: { due: 75_000, outstanding: 75_000 },
      compound: { due: 303, outstanding: 303 },
    });
    // 100,000 + 403.88 + 750.00 + 3.03 = 101,156.91; the oldest unpaid installment is #6, 30 days.
    expect(result.totals).toMatchObject({ totalOverdue: 10_115_691, notYetDuePrincipal: 0, totalToSettle: 10_115_691 });
    expect(result).toMatchObject({ daysPastDue: 30, bucket: 'M1' });
  });

  it('uses the policy order: with principal first, the same payment pays principal before penalty', () => {
    const loan = { principal: 3_600_000, annualRatePpm: 96_000, months: 6, method: 'equal_principal' as const, startDate: '2026-01-10' };
    const order = ['principal', 'interest', 'fees', 'penalty', 'compound'] as typeof policy.allocationOrder;
    const result = arrearsOf(loan, [{ receivedOn: '2026-03-20', amount: 610_000 }], '2026-03-20', { policy: { ...perInstallment, allocationOrder: order } });
    // Per installment: #1 (due 2026-02-10) is served first: principal 6,000.00, then 100.00 of its 288.00 interest; nothing reaches #2.
    expect(row(result, 1)).toMatchObject({ principal: { paid: 600_000 }, interest: { paid: 10_000, outstanding: 18_800 }, penalty: { paid: 0 } });
    expect(row(result, 2)).toMatchObject({ status: 'overdue', total: { paid: 0 } });
    // Across the whole debt: the principal class first, #1's 6,000.00 then 100.00 of #2's; no interest at all.
    const whole = arrearsOf(loan, [{ receivedOn: '2026-03-20', amount: 610_000 }], '2026-03-20', { policy: { ...policy, allocationOrder: order } });
    expect(row(whole, 1)).toMatchObject({ principal: { paid: 600_000 }, interest: { paid: 0 } });
    expect(row(whole, 2)).toMatchObject({ principal: { paid: 10_000 }, interest: { paid: 0 } });
  });
});

describe('prepayment, settlement and same-day payments', () => {
  const loan = { principal: 1_200_000, annualRatePpm: 120_000, months: 12, method: 'equal_principal' as const, startDate: '2026-01-01' };

  it('a surplus pays the next installments in full, interest with principal, as a borrower paying early means to', () => {
    // #1 due 2026-02-01: 1,000 principal + 120.00 interest. Paying 2,620.00 on the due date: #1 in full (1,120.00); the
    // 1,500.00 left pays #2 ahead (110.00 interest + 1,000 principal) and starts on #3 (100.00 interest, 290.00 principal).
    const result = arrearsOf(loan, [{ receivedOn: '2026-02-01', amount: 262_000 }], '2026-02-01');
    expect(row(result, 1).status).toBe('paid');
    expect(row(result, 2)).toMatchObject({ status: 'not_due', principal: { paid: 100_000, outstanding: 0 }, interest: { due: 11_000, paid: 11_000, outstanding: 0 } });
    expect(row(result, 3)).toMatchObject({ status: 'not_due', principal: { paid: 29_000, outstanding: 71_000 }, interest: { paid: 10_000 } });
    expect(result.totals).toMatchObject({ totalOverdue: 0, notYetDuePrincipal: 1_200_000 - 100_000 - 129_000 });
    // When #2 falls due it is simply paid; interest paid ahead counts as charged from its due date on.
    const later = arrearsOf(loan, [{ receivedOn: '2026-02-01', amount: 262_000 }], '2026-03-01');
    expect(row(later, 2)).toMatchObject({ status: 'paid', interest: { due: 11_000, outstanding: 0 } });
    expect(later.cap.charges).toBe(12_000 + 11_000);
    expect(result.cap.charges).toBe(12_000); // on 02-01 #2's interest, paid ahead, is not yet charged
  });

  it('defect 10: installments paid a few days early accrue nothing, and days past due count from the first one unpaid', () => {
    // ¥12,000 at 12 % over 12 months, equal principal, from 2025-01-10: 1,000 + 120.00, 1,000 + 110.00, … Each of #1–#5
    // paid in full three days before it falls due; #6 (due 07-10, 1,000 + 70.00) missed. As of 07-30:
    //   #1–#5 paid, no penalty and no compound; #6 20 days overdue: penalty 1,000 × 18 % / 360 × 20 = 10.00,
    //   compound 70 × 0.05 % × 20 = 0.70. 20 days past due (M1).
    const early = { principal: 1_200_000, annualRatePpm: 120_000, months: 12, method: 'equal_principal' as const, startDate: '2025-01-10' };
    const payments = [112_000, 111_000, 110_000, 109_000, 108_000].map((amount, i) => ({ receivedOn: addDays(addMonths('2025-01-10', i + 1), -3), amount }));
    const result = arrearsOf(early, payments, '2025-07-30');
    for (const seq of [1, 2, 3, 4, 5]) expect(row(result, seq)).toMatchObject({ status: 'paid', penalty: { due: 0 }, compound: { due: 0 }, compoundDays: 0 });
    expect(row(result, 6)).toMatchObject({ status: 'overdue', daysPastDue: 20, penalty: { due: 1_000 }, compound: { due: 70 } });
    expect(result).toMatchObject({ daysPastDue: 20, bucket: 'M1', unappliedCredit: 0 });
    expect(result.totals).toMatchObject({ overduePrincipal: 100_000, overdueInterest: 7_000, penalty: 1_000, compound: 70, totalOverdue: 108_070, notYetDuePrincipal: 600_000 });
  });

  it('a payment that covers all the principal still owed settles; one fen less pays ahead instead', () => {
    // On 2026-02-01, after #1 (1,120.00), 11,000.00 settles the loan; 10,999.99 pays #2–#11 in full and part of #12.
    const settle = arrearsOf(loan, [{ receivedOn: '2026-02-01', amount: 112_000 + 1_100_000 }], '2026-02-01');
    expect(settle.installments.slice(1).every((r) => r.status === 'paid' && r.interest.paid === 0)).toBe(true);
    expect(settle.totals.totalToSettle).toBe(0);
    const short = arrearsOf(loan, [{ receivedOn: '2026-02-01', amount: 112_000 + 1_099_999 }], '2026-02-01');
    // #2–#11: 10,000.00 principal + 110.00 + 100.00 + … + 20.00 interest = 10,650.00; 349.99 left for #12: its 10.00 interest, 339.99 principal.
    expect(row(short, 12)).toMatchObject({ status: 'not_due', interest: { paid: 1_000 }, principal: { paid: 33_999, outstanding: 66_001 } });
    expect(short.totals.totalToSettle).toBe(66_001);
  });

  it('settles the loan: later installments are cancelled and any excess is unapplied credit', () => {
    // On 2026-02-01: #1 (1,120.00) + the other 11,000 of principal = 12,120.00; 5.00 too much.
    const result = arrearsOf(loan, [{ receivedOn: '2026-02-01', amount: 1_212_500 }], '2026-12-31');
    expect(result.installments.every((r) => r.status === 'paid' && r.total.outstanding === 0)).toBe(true);
    expect(row(result, 5)).toMatchObject({ interest: { due: 0 }, principal: { paid: 100_000 } });
    expect(result.totals.totalToSettle).toBe(0);
    expect(result.unappliedCredit).toBe(500);
    expect(result.paidToDate.total).toBe(1_212_000);
  });

  it('applies same-day payments in input order and ignores payments after asOf', () => {
    const payments = [
      { receivedOn: '2026-03-01', amount: 10_000 },
      { receivedOn: '2026-02-15', amount: 5_000 },
      { receivedOn: '2026-03-01', amount: 20_000 },
      { receivedOn: '2026-03-02', amount: 999_999 },
    ];
    const result = arrearsOf(loan, payments, '2026-03-01');
    expect(result.paidToDate.total).toBe(35_000);
    // #1 due 2026-02-01, 1,000 + 120.00. On 02-15 (14 days): penalty 1,000 × 18% / 360 × 14 = 7.00, compound 120 × 0.05% × 14 = 0.84;
    // ¥50.00 pays both and 42.16 interest. On 03-01 #2 falls due (1,000 + 110.00); #1 has accrued 14 more days: penalty
    // 7.00 (14.00 in all), compound 77.84 × 0.05 % × 14 = 0.54488 (1.38488 → 1.38, 0.54 owed).
    // ¥100.00: penalty 7.00, compound 0.54, interest #1 77.84 then #2 14.62. ¥200.00: #2's interest 95.38, then principal #1 104.62.
    expect(row(result, 1)).toMatchObject({ penalty: { due: 1_400, paid: 1_400 }, compound: { due: 138, paid: 138 }, interest: { paid: 12_000 }, principal: { paid: 10_462 } });
    expect(row(result, 2)).toMatchObject({ interest: { paid: 11_000 }, principal: { paid: 0 } });
    // Per installment, #1 is cleared first: all of its interest, then principal; #2 gets nothing.
    const per = arrearsOf(loan, payments, '2026-03-01', { policy: perInstallment });
    expect(row(per, 1).interest.paid).toBe(12_000);
    expect(row(per, 2).total.paid).toBe(0);
  });

  it('refuses malformed input', () => {
    const base = { loan: { principal: 100, annualRatePpm: 0, startDate: '2026-01-01' }, installments: [], payments: [], asOf: '2026-02-01', policy };
    expect(() => computeArrears({ ...base, asOf: '2026-02-30' })).toThrow(RangeError);
    expect(() => computeArrears({ ...base, payments: [{ receivedOn: '2026-01-05', amount: -1 }] })).toThrow(RangeError);
    expect(() => computeArrears({ ...base, payments: [{ receivedOn: '2026-01-05', amount: 0.5 }] })).toThrow(RangeError);
    expect(() => computeArrears({ ...base, policy: { ...policy, allocationOrder: ['fees', 'fees', 'compound', 'interest', 'principal'] } })).toThrow(RangeError);
  });
});

describe('total-cost cap (24% a year), in the contract\'s months', () => {
  // ¥10,000 for one month at 18% from 2025-01-01: 150.00 interest and the principal due 2025-02-01.
  // Penalty rate 18% × 1.5 = 27% a year = 0.075% a day. The cap: 2 % of the principal a month (200.00).
  const loan = { principal: 1_000_000, annualRatePpm: 180_000, months: 1, method: 'interest_only_bullet' as const, startDate: '2025-01-01' };

  it('does not apply a month after the due date', () => {
    // 2025-02-01 → 2025-03-03, 30 days: penalty 10,000 × 0.075% × 30 = 225.00; compound 150 × 0.075% × 30 = 3.375 → 3.38.
    // Charges 150.00 + 225.00 + 3.38 = 378.38; cap 200.00 (Jan) + 200.00 (Feb) + 2 of March's 31 days: 12.903 → up, 12.91 = 412.91.
    const result = arrearsOf(loan, [], '2025-03-03');
    expect(result.totals).toMatchObject({ penalty: 22_500, compound: 338, totalToSettle: 1_037_838, enforceableTotalToSettle: 1_037_838 });
    expect(result.cap).toMatchObject({ days: 61, cap: 41_291, charges: 37_838, capExcess: 0, notEnforceable: 0, capApplies: false });
  });

  it('applies a year after the due date, and the borrower sees the enforceable amount', () => {
    // 2025-02-01 → 2026-02-01, 365 days: penalty 10,000 × 27% / 360 × 365 = 2,737.50; compound 150 × 27% / 360 × 365 = 41.0625 → 41.06.
    // Charges 150.00 + 2,737.50 + 41.06 = 2,928.56; cap 13 months × 200.00 = 2,600.00; excess 328.56.
    // To settle: 10,000 + 2,928.56 = 12,928.56 contractual, 12,600.00 enforceable.
    const result = arrearsOf(loan, [], '2026-02-01');
    expect(result.cap).toMatchObject({ days: 396, cap: 260_000, charges: 292_856, capExcess: 32_856, notEnforceable: 32_856, paidAboveCap: 0, principalCredit: 0, capApplies: true });
    expect(result.totals).toMatchObject({ totalToSettle: 1_292_856, enforceableTotalToSettle: 1_260_000, enforceableTotalOverdue: 1_260_000 });
    expect(result).toMatchObject({ daysPastDue: 365, bucket: 'M4+' });
  });

  it('credits charges already paid above the cap against the principal in the enforceable view', () => {
    // The same loan with all charges paid on 2026-02-01 (2,928.56) and the principal still owed: 328.56 was paid above
    // the cap, none of it is outstanding, so it is credited against the principal: 10,000 − 328.56 = 9,671.44 enforceable.
    const result = arrearsOf(loan, [{ receivedOn: '2026-02-01', amount: 292_856 }], '2026-02-01');
    expect(result.cap).toMatchObject({ capExcess: 32_856, notEnforceable: 0, paidAboveCap: 32_856, principalCredit: 32_856, capApplies: true });
    expect(result.totals).toMatchObject({ totalToSettle: 1_000_000, enforceableTotalToSettle: 967_144, enforceableTotalOverdue: 967_144 });
  });

  it('defect 2: a loan at or below 24 % is never over the cap by its own contract interest', () => {
    // ¥10,000 for one month from 2025-02-01 (28 days): 23 % charges 191.67, 24 % charges 200.00 — one month's interest,
    // against one month of the cap, 200.00. (On actual days / 360 the cap was 186.67: 5.00 and 13.33 "not enforceable".)
    for (const [annualRatePpm, interest] of [
      [230_000, 19_167],
      [240_000, 20_000],
    ] as const) {
      const result = arrearsOf({ principal: 1_000_000, annualRatePpm, months: 1, method: 'interest_only_bullet', startDate: '2025-02-01' }, [], '2025-03-01');
      expect(result.cap).toMatchObject({ cap: 20_000, charges: interest, capExcess: 0, notEnforceable: 0, capApplies: false });
      expect(result.totals.enforceableTotalToSettle).toBe(result.totals.totalToSettle);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random loans, payments and dates.

const componentNames = ['principal', 'interest', 'penalty', 'compound', 'fees'] as const;

const scenario = fc
  .record({
    principal: fc.integer({ min: 100_000, max: 100_000_000 }),
    annualRatePpm: fc.integer({ min: 0, max: 240_000 }),
    months: fc.integer({ min: 3, max: 60 }),
    method: fc.constantFrom<RepaymentMethod>('equal_installment', 'equal_principal', 'interest_only_bullet'),
    startDay: fc.integer({ min: 0, max: 730 }),
    fees: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 })), { minLength: 60, maxLength: 60 }),
    // A borrower who pays the first installments as scheduled (each up to 40 days late), then random amounts on random days.
    scheduledPaid: fc.integer({ min: 0, max: 60 }),
    lateDays: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })), { minLength: 60, maxLength: 60 }),
    payments: fc.array(fc.record({ day: fc.integer({ min: 0, max: 2_600 }), perMille: fc.integer({ min: 0, max: 150 }) }), { maxLength: 6 }),
    asOfDay: fc.integer({ min: 0, max: 2_600 }),
    // Often exactly on a due date, where "due today" and "overdue" part ways.
    asOfOnDueDate: fc.option(fc.integer({ min: 0, max: 59 })),
    policy: fc.record({
      penaltyMarkupPct: fc.integer({ min: 30, max: 50 }),
      compoundOnOverdueInterest: fc.boolean(),
      totalCostCapAnnualPct: fc.constant(24),
      allocationOrder: fc.oneof(fc.constant(defaultPolicy.allocationOrder), fc.shuffledSubarray([...defaultPolicy.allocationOrder], { minLength: 5, maxLength: 5 })),
      allocationScope: fc.constantFrom('whole_debt' as const, 'per_installment' as const),
    }),
  })
  .map((s): ArrearsInput => {
    const startDate = addDays('2024-01-01', s.startDay);
    const loan = { principal: s.principal, annualRatePpm: s.annualRatePpm, months: s.months, method: s.method, startDate };
    const installments = installmentsOf(loan, Object.fromEntries(s.fees.map((fee, i) => [i + 1, fee])));
    const scheduled = installments
      .slice(0, s.scheduledPaid)
      .map((i, n) => ({ receivedOn: addDays(i.dueDate, s.lateDays[n]!), amount: i.principalDue + i.interestDue + i.feesDue }));
    const random = s.payments.map((p) => ({ receivedOn: addDays(startDate, p.day), amount: Math.floor((s.principal * p.perMille) / 1000) }));
    return {
      loan: { principal: s.principal, annualRatePpm: s.annualRatePpm, startDate },
      installments,
      payments: [...scheduled, ...random],
      asOf: s.asOfOnDueDate === null ? addDays(startDate, s.asOfDay) : installments[Math.min(s.asOfOnDueDate, installments.length - 1)]!.dueDate,
      policy: s.policy,
    };
  });

/** Only the payments received on or before asOf (so a later asOf sees the same payments). */
const paidBy = (input: ArrearsInput): ArrearsInput => ({ ...input, payments: input.payments.filter((p) => p.receivedOn <= input.asOf) });

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const runs = { numRuns: 150 };

describe('arrears properties', () => {
  it('parts add up to every total; paid + outstanding = due; nothing is negative; enforceable ≤ contractual', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const r = computeArrears(input);
        const due = r.installments.filter((i) => i.dueDate <= r.asOf);
        const notDue = r.installments.filter((i) => i.dueDate > r.asOf);
        // Per installment (collected, then asserted once: thousands of expect() calls would slow the run down).
        const broken: string[] = [];
        for (const i of r.installments) {
          for (const c of componentNames) {
            if (i[c].paid + i[c].outstanding !== i[c].due) broken.push(`#${i.seq} ${c}: paid + outstanding ≠ due`);
            if (Math.min(i[c].due, i[c].paid, i[c].outstanding) < 0) broken.push(`#${i.seq} ${c}: negative`);
          }
          for (const k of ['due', 'paid', 'outstanding'] as const) {
            if (i.total[k] !== sum(componentNames.map((c) => i[c][k]))) broken.push(`#${i.seq} total.${k}`);
          }
          if (sum(i.accrualPeriods.map((p) => p.penalty)) !== i.penalty.due) broken.push(`#${i.seq} penalty periods`);
          if (sum(i.accrualPeriods.map((p) => p.compound)) !== i.compound.due) broken.push(`#${i.seq} compound periods`);
          if (sum(i.accrualPeriods.map((p) => p.days)) > Math.max(0, daysBetween(i.dueDate, r.asOf))) broken.push(`#${i.seq} period days`);
        }
        expect(broken).toEqual([]);
        const t = r.totals;
        expect(t.overduePrincipal).toBe(sum(due.map((i) => i.principal.outstanding)));
        expect(t.overdueInterest).toBe(sum(r.installments.map((i) => i.interest.outstanding)));
        expect(t.penalty).toBe(sum(r.installments.map((i) => i.penalty.outstanding)));
        expect(t.compound).toBe(sum(r.installments.map((i) => i.compound.outstanding)));
        expect(t.fees).toBe(sum(r.installments.map((i) => i.fees.outstanding)));
        expect(t.notYetDuePrincipal).toBe(sum(notDue.map((i) => i.principal.outstanding)));
        expect(t.totalOverdue).toBe(t.overduePrincipal + t.overdueInterest + t.penalty + t.compound + t.fees);
        expect(t.totalOverdue).toBe(sum(due.map((i) => i.total.outstanding)));
        expect(t.dueToday).toBe(sum(r.installments.filter((i) => i.dueDate === r.asOf).map((i) => i.total.outstanding)));
        expect(t.totalToSettle).toBe(t.totalOverdue + t.notYetDuePrincipal);
        expect(t.totalToSettle).toBe(sum(r.installments.map((i) => i.total.outstanding)));
        for (const c of componentNames) expect(r.paidToDate[c]).toBe(sum(r.installments.map((i) => i[c].paid)));
        expect(r.paidToDate.total).toBe(sum(componentNames.map((c) => r.paidToDate[c])));
        expect(r.paidToDate.total + r.unappliedCredit).toBe(sum(input.payments.filter((p) => p.receivedOn <= input.asOf).map((p) => p.amount)));
        expect(r.daysPastDue).toBe(Math.max(0, ...r.installments.map((i) => i.daysPastDue)));
        // (The cap's figures are checked against the oracle, which computes them independently: oracle/oracle.test.ts.)
        expect(r.cap.capApplies).toBe(r.cap.capExcess > 0);
        for (const value of [...Object.values(t), ...Object.values(r.cap).filter((v) => typeof v === 'number'), r.unappliedCredit]) {
          expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
        }
        expect(t.enforceableTotalToSettle).toBeLessThanOrEqual(t.totalToSettle);
        expect(t.enforceableTotalOverdue).toBeLessThanOrEqual(t.totalOverdue);
      }),
      runs,
    );
  });

  it('arrears never decrease as time passes without payments', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 400 }), (input, k) => {
        const now = computeArrears(paidBy(input));
        const later = computeArrears({ ...paidBy(input), asOf: addDays(input.asOf, k) });
        expect(later.totals.totalOverdue).toBeGreaterThanOrEqual(now.totals.totalOverdue);
        expect(later.totals.totalToSettle).toBeGreaterThanOrEqual(now.totals.totalToSettle);
        expect(later.daysPastDue).toBeGreaterThanOrEqual(now.daysPastDue);
      }),
      runs,
    );
  });

  it('a payment never increases arrears', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 2_600 }), fc.integer({ min: 1, max: 5_000_000 }), (input, back, amount) => {
        const without = computeArrears(input);
        const receivedOn = addDays(input.loan.startDate, Math.min(back, daysBetween(input.loan.startDate, input.asOf)));
        const withPayment = computeArrears({ ...input, payments: [...input.payments, { receivedOn, amount }] });
        expect(withPayment.totals.totalOverdue).toBeLessThanOrEqual(without.totals.totalOverdue);
        expect(withPayment.totals.totalToSettle).toBeLessThanOrEqual(without.totals.totalToSettle);
      }),
      runs,
    );
  });

  // The rule the queue relies on (cases.overdue_since): from the day it is taken until the next payment, the days past
  // due are the days since one fixed day, whatever day it is; the rule is checked on each day against the arrears of that day.
  it('days past due on any later day without payments are the days since overdueSince, as computeArrears counts them that day', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 6 }), (input, later) => {
        const today = paidBy(input);
        const since = overdueSince(today, input.asOf);
        const wrong: string[] = [];
        for (const k of [0, 1, ...later]) {
          const day = addDays(input.asOf, k);
          const expected = computeArrears({ ...today, asOf: day }).daysPastDue;
          const kept = since === NEVER_OVERDUE ? 0 : Math.max(0, daysBetween(since, day));
          if (kept !== expected) wrong.push(`${day}: ${kept} from ${since}, arrears say ${expected}`);
        }
        expect(wrong).toEqual([]);
      }),
      runs,
    );
  });

  it('paying exactly totalToSettle on asOf clears every bucket', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const before = computeArrears(input);
        const after = computeArrears({ ...input, payments: [...input.payments, { receivedOn: input.asOf, amount: before.totals.totalToSettle }] });
        for (const value of Object.values(after.totals)) expect(value).toBe(0);
        expect(after).toMatchObject({ daysPastDue: 0, bucket: 'current', unappliedCredit: before.unappliedCredit });
        expect(after.installments.every((i) => i.status === 'paid')).toBe(true);
      }),
      runs,
    );
  });
});

describe('the cap and the contract on one basis', () => {
  it('defect 2: a contract at or below the cap, paid on (or a few days before) its due dates, is never over the cap by its own interest', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 100_000_000 }),
        fc.integer({ min: 0, max: 240_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom<RepaymentMethod>('equal_installment', 'equal_principal', 'interest_only_bullet'),
        fc.integer({ min: 0, max: 1_500 }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 60, maxLength: 60 }),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 0, max: 10_000 }),
        (principal, annualRatePpm, months, method, startDay, paidCount, early, into, capSlack) => {
          const startDate = addDays('2023-01-01', startDay);
          const schedule = buildSchedule({ principal, annualRatePpm, months, method, firstDueDate: addMonths(startDate, 1), anchorDay: Number(startDate.slice(8)) });
          const paid = Math.min(paidCount, months);
          const payments = schedule.slice(0, paid).map((r, i) => ({ receivedOn: addDays(r.dueDate, -early[i]!), amount: r.amount }));
          // As of a day before the next installment falls due (nothing overdue), or after the last is paid.
          const next = schedule[paid]?.dueDate;
          const asOf = next ? [addDays(next, -1 - into), startDate].sort().at(-1)! : addDays(schedule.at(-1)!.dueDate, into);
          // A cap between the contract rate and 24 %, to the hundredth of a percent.
          const capHundredths = Math.min(2_400, Math.ceil(annualRatePpm / 100) + (capSlack % 2_400));
          const result = computeArrears({
            loan: { principal, annualRatePpm, startDate },
            installments: schedule.map((r) => ({ seq: r.seq, dueDate: r.dueDate, principalDue: r.principal, interestDue: r.interest, feesDue: 0 })),
            payments,
            asOf,
            policy: { ...policy, totalCostCapAnnualPct: capHundredths / 100 },
          });
          expect(result.cap.capExcess).toBe(0);
          expect(result.totals.enforceableTotalToSettle).toBe(result.totals.totalToSettle);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the day days past due count from (overdueSince)', () => {
  // 12,000.00 over 3 months at 0%, from 2025-01-10: 4,000.00 due on 2025-02-10, 2025-03-10 and 2025-04-10.
  const loan = { principal: 1_200_000, annualRatePpm: 0, months: 3, method: 'equal_principal' as RepaymentMethod, startDate: '2025-01-10' };
  const input = (payments: ArrearsInput['payments'], asOf: string): ArrearsInput => ({ loan: { principal: loan.principal, annualRatePpm: 0, startDate: loan.startDate }, installments: installmentsOf(loan), payments, asOf, policy });

  it('is the oldest unpaid due date: nothing paid, the first; the first paid, the second; a part of the second, still the second', () => {
    expect(overdueSince(input([], '2025-03-20'), '2025-03-20')).toBe('2025-02-10');
    expect(overdueSince(input([{ receivedOn: '2025-03-01', amount: 400_000 }], '2025-03-20'), '2025-03-20')).toBe('2025-03-10');
    expect(overdueSince(input([{ receivedOn: '2025-03-01', amount: 500_000 }], '2025-03-20'), '2025-03-20')).toBe('2025-03-10');
  });

  it('is a day still to come when the payments are ahead (0 days past due today, counting once it passes unpaid)', () => {
    expect(overdueSince(input([{ receivedOn: '2025-02-10', amount: 400_000 }], '2025-02-20'), '2025-02-20')).toBe('2025-03-10');
  });

  it('is NEVER_OVERDUE once every installment is paid', () => {
    expect(overdueSince(input([{ receivedOn: '2025-02-01', amount: 1_200_000 }], '2025-02-20'), '2025-02-20')).toBe(NEVER_OVERDUE);
  });
});
