import { describe, expect, it } from 'vitest';
import { computeArrears } from './arrears';
import { withRepaidDischarge } from './discharge';
import { defaultPolicy } from './policy';

// ¥1,000 at 12 % for one month from 2026-01-01: 1,000 + 10.00 due 2026-02-01 (hand-worked in arrears-edges.test.ts).
const loan = { principal: 100_000, annualRatePpm: 120_000, startDate: '2026-01-01' };
const installments = [{ seq: 1, dueDate: '2026-02-01', principalDue: 100_000, interestDue: 1_000, feesDue: 0 }];
// Paid ¥900 on the due day under an agreement that waived the rest: ¥1,010 − ¥900 = ¥110 the contract still counts.
const payments = [{ receivedOn: '2026-02-01', amount: 90_000 }];

describe('a repaid loan owes nothing', () => {
  it('what the contract still counts on the last payment’s day is credited that day: ¥110.00, and nothing accrues after', () => {
    const input = { loan, installments, payments, asOf: '2026-06-30', policy: defaultPolicy };
    const discharged = withRepaidDischarge(input);
    expect(discharged.payments).toEqual([...payments, { receivedOn: '2026-02-01', amount: 11_000 }]);
    const after = computeArrears(discharged);
    expect(after.totals).toMatchObject({ totalOverdue: 0, totalToSettle: 0, enforceableTotalToSettle: 0, penalty: 0, compound: 0 });
    expect(after.daysPastDue).toBe(0);
    // Without the discharge, five months of penalty on the ¥110 left (the defect the demo showed).
    expect(computeArrears(input).totals.totalToSettle).toBeGreaterThan(11_000);
  });

  it('before the last payment’s day, and when nothing is left, the input is the contract’s, unchanged', () => {
    const early = { loan, installments, payments, asOf: '2026-01-20', policy: defaultPolicy };
    expect(withRepaidDischarge(early)).toBe(early);
    const paidUp = { loan, installments, payments: [{ receivedOn: '2026-02-01', amount: 101_000 }], asOf: '2026-06-30', policy: defaultPolicy };
    expect(withRepaidDischarge(paidUp)).toBe(paidUp);
    const none = { loan, installments, payments: [], asOf: '2026-06-30', policy: defaultPolicy };
    expect(withRepaidDischarge(none)).toBe(none);
  });

  it('dates the discharge on the latest payment, whatever order the payments come in, and on the day asked about itself', () => {
    // ¥500 on the due day and ¥400 a week later, listed latest first: ¥110 and the penalty of the week on ¥510 remain on 02-08.
    const split = [{ receivedOn: '2026-02-08', amount: 40_000 }, { receivedOn: '2026-02-01', amount: 50_000 }];
    const input = { loan, installments, payments: split, asOf: '2026-02-08', policy: defaultPolicy };
    const discharged = withRepaidDischarge(input);
    expect(discharged.payments.slice(0, 2)).toEqual(split);
    expect(discharged.payments[2]!.receivedOn).toBe('2026-02-08');
    expect(discharged.payments[2]!.amount).toBe(computeArrears(input).totals.totalToSettle);
    expect(computeArrears(discharged).totals.totalToSettle).toBe(0);
    const inDateOrder = withRepaidDischarge({ ...input, payments: [...split].reverse() });
    expect(inDateOrder.payments[2]).toEqual(discharged.payments[2]);
  });
});

