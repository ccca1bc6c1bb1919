import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { askedNow, delayEffect, delayWindow, trackPlan, type PlanInstallmentInput, type PlanPaymentInput, type PlanRules } from './plan';
import { oraclePlan } from './oracle/plan-oracle';

// Every expected figure below is worked by hand from the rules in plan.ts, not computed with the module's helpers.
const rules: PlanRules = { graceDays: 3, breachConsecutiveMisses: 2, allocationScope: 'whole_debt', interestFrom: '2026-12-15' };
const plan: PlanInstallmentInput[] = [
  { seq: 1, dueDate: '2027-01-15', charges: 10_000, interest: 500, principal: 30_000 }, // 405.00
  { seq: 2, dueDate: '2027-02-15', charges: 10_000, interest: 400, principal: 30_000 }, // 404.00
  { seq: 3, dueDate: '2027-03-15', charges: 0, interest: 200, principal: 40_000 }, // 402.00
];
let n = 0;
const pay = (receivedOn: string, amount: number): PlanPaymentInput => ({ id: `p${++n}`, receivedOn, amount });

describe('allocating payments to a plan (hand-worked)', () => {
  it('a plan paid on its due dates is paid in full on the last one, with nothing missed and no excess', () => {
    const r = trackPlan(plan, [pay('2027-01-15', 40_500), pay('2027-02-15', 40_400), pay('2027-03-15', 40_200)], rules, '2027-04-30');
    expect(r.installments.map((i) => i.state)).toEqual(['paid', 'paid', 'paid']);
    expect(r.totals).toMatchObject({ scheduled: 121_100, received: 121_100, paid: 121_100, excess: 0, remaining: 0, overdue: 0 });
    expect(r.completedOn).toBe('2027-03-15');
    expect(r.breachedOn).toBeNull();
    expect(r.next).toBeNull();
  });

  it('a partial payment goes to what is due on its date: charges, interest, then principal', () => {
    const r = trackPlan(plan, [pay('2027-02-10', 25_000)], rules, '2027-02-10');
    // Only installment 1 is due on 02-10: 100.00 charges + 5.00 interest + 145.00 principal.
    expect(r.payments[0]!.allocations).toEqual([{ seq: 1, charges: 10_000, interest: 500, principal: 14_500, total: 25_000 }]);
    expect(r.installments[0]).toMatchObject({ outstanding: 15_500, state: 'missed', missed: true });
    expect(r.next).toEqual({ seq: 1, dueDate: '2027-01-15', outstanding: 15_500, graceEnds: '2027-01-18' });
  });

  it('whole debt: each class across every overdue installment, oldest first (Civil Code art. 561)', () => {
    const r = trackPlan(plan, [pay('2027-02-16', 25_000)], rules, '2027-02-16');
    // charges 100 + 100, interest 5 + 4, then principal of the oldest: 250 − 209 = 41.00.
    expect(r.payments[0]!.allocations).toEqual([
      { seq: 1, charges: 10_000, interest: 500, principal: 4_100, total: 14_600 },
      { seq: 2, charges: 10_000, interest: 400, principal: 0, total: 10_400 },
    ]);
  });

  it('per installment, when the contract says so: the oldest is cleared first', () => {
    const r = trackPlan(plan, [pay('2027-02-16', 25_000)], { ...rules, allocationScope: 'per_installment' }, '2027-02-16');
    expect(r.payments[0]!.allocations).toEqual([{ seq: 1, charges: 10_000, interest: 500, principal: 14_500, total: 25_000 }]);
  });

  it('a payment before a due date pays the next installment in full, its interest only for the days borrowed', () => {
    const r = trackPlan(plan, [pay('2027-01-10', 50_000)], rules, '2027-01-10');
    // Installment 1 in full. Its ¥300 of principal was repaid 5 days before the end of its 31-day period
    // (12-15 → 01-15), on ¥1,000 of plan principal: 5.00 × 300 × 5 / (1,000 × 31) = 0.2419…, rounded up: 0.25 less
    // interest (4.75). The rest, 500.00 − 404.75 = 95.25, pays installment 2's charges.
    expect(r.payments[0]!.allocations).toEqual([
      { seq: 1, charges: 10_000, interest: 475, principal: 30_000, total: 40_475 },
      { seq: 2, charges: 9_525, interest: 0, principal: 0, total: 9_525 },
    ]);
    expect(r.installments[0]).toMatchObject({ state: 'paid', paidOn: '2027-01-10', interestCancelled: 25, outstanding: 0 });
  });

  it('a partial prepayment: the months after it bear interest on the principal actually left (Civil Code art. 677)', () => {
    // ¥12,000 over 12 months, equal principal at 1% a month on the balance: ¥1,000 principal and ¥120, ¥110, … ¥10
    // of interest, due on the 15th from 2027-01-15, the first period from 2026-12-15.
    const months = Array.from({ length: 12 }, (_, i) => ({ seq: i + 1, dueDate: `2027-${String(i + 1).padStart(2, '0')}-15`, charges: 0, interest: (12 - i) * 1_000, principal: 100_000 }));
    // On 2027-01-15, installment 1 (¥1,120) and ¥5,000 ahead. From that day the principal left is ¥12,000 − ¥1,000
    // − what the ¥5,000 repays; each month to come, while it lasts, bears 1% of it. Installments 2-5 in full and 6
    // in part: 4 × (¥1,000 + i) + ¥x + i = ¥5,000 with i = 1% × (¥11,000 − ¥4,000 − ¥x): ¥x = ¥684.25 and
    // i = ¥63.1575, charged ¥63.15 (the interest not owed is rounded up: ¥46.85 of ¥110 on no. 2).
    const r = trackPlan([...months].reverse(), [{ id: 'p1', receivedOn: '2027-01-15', amount: 612_000 }], rules, '2027-01-16');
    expect(r.payments[0]!.allocations.map((a) => [a.seq, a.interest, a.principal])).toEqual([
      [1, 12_000, 100_000],
      [2, 6_315, 100_000],
      [3, 6_315, 100_000],
      [4, 6_315, 100_000],
      [5, 6_315, 100_000],
      [6, 6_315, 68_425],
    ]);
    expect(r.installments.map((i) => i.interestCancelled)).toEqual([0, 4_685, 3_685, 2_685, 1_685, 685, 0, 0, 0, 0, 0, 0]);
    // Installment 6 still owes ¥315.75 of principal; from no. 7 on, the schedule's own balance is reached again.
    expect(r.installments[5]).toMatchObject({ state: 'upcoming', outstanding: 31_575 });
    expect(r.installments[6]).toMatchObject({ outstanding: 106_000 });
    expect(r.payments[0]).toMatchObject({ allocated: 612_000, excess: 0, settledEarly: false });
    // What settles it the next day is unchanged: the principal left, the interest paid ahead counted toward it.
    expect(r.totals.settleToday).toBe(600_000);
  });

  it('the interest not owed is exact when it divides evenly (rounded up only when it does not), whatever order the plan is given in', () => {
    // Period 1: 2027-01-01 → 01-31 (30 days) on ¥1,000 of principal (¥300 + ¥700), ¥10.00 of interest. ¥310.00 on
    // 01-16 repays installment 1's ¥300 15 days early: 10.00 × 300 × 15 / (1,000 × 30) = 1.50 exactly, not 1.51.
    const two: PlanInstallmentInput[] = [
      { seq: 2, dueDate: '2027-02-28', charges: 0, interest: 700, principal: 70_000 },
      { seq: 1, dueDate: '2027-01-31', charges: 0, interest: 1_000, principal: 30_000 },
    ];
    const r = trackPlan(two, [pay('2027-01-16', 31_000)], { ...rules, interestFrom: '2027-01-01' }, '2027-01-16');
    expect(r.installments.map((i) => [i.seq, i.interestCancelled, i.paid.interest, i.paid.principal])).toEqual([
      [1, 150, 850, 30_000],
      [2, 0, 150, 0],
    ]);
  });

  it('interest paid ahead that a later prepayment makes not owed comes back and pays on', () => {
    // 405.00 on 01-10 pays installment 1 (404.75, as above) and 0.25 of no. 2's charges. 200.00 on 01-12 pays no. 2's
    // charges (99.75), its interest (4.00) and 96.25 of its principal. That principal, repaid 3 days before the end of
    // period 1, cuts no. 1's interest to 5.00 − ⌈5.00 × (300 × 5 + 96.25 × 3) / (1,000 × 31)⌉ = 5.00 − 0.29, so 0.04
    // of it comes back; and it bears no interest in period 2: ⌈4.00 × 96.25 / 700⌉ = 0.55 of no. 2's comes back. The
    // 0.59 repays more of no. 2's principal (96.84, then 0.01 more from the 0.5534… → 0.56 it cuts): 96.85 in all.
    const r = trackPlan(plan, [pay('2027-01-10', 40_500), pay('2027-01-12', 20_000)], rules, '2027-01-12');
    expect(r.installments[0]).toMatchObject({ interestCancelled: 29, outstanding: 0, paid: { charges: 10_000, interest: 471, principal: 30_000 } });
    expect(r.installments[1]).toMatchObject({ interestCancelled: 56, paid: { charges: 10_000, interest: 344, principal: 9_685 } });
    expect(r.payments[1]!.allocations).toEqual([
      { seq: 1, charges: 0, interest: -4, principal: 0, total: -4 },
      { seq: 2, charges: 9_975, interest: 344, principal: 9_685, total: 20_004 },
    ]);
    expect(r.payments[1]).toMatchObject({ allocated: 20_000, excess: 0 });
  });

  it('settling early charges no interest for installments not yet due, and the excess is kept for a refund', () => {
    const r = trackPlan(plan, [pay('2027-01-15', 40_500), pay('2027-02-01', 100_000)], rules, '2027-02-01');
    // Not yet due on 02-01: 100 + 300 (no. 2) and 400 (no. 3) = 800.00; their 4.00 + 2.00 interest is cancelled.
    expect(r.payments[1]).toMatchObject({ allocated: 80_000, excess: 20_000, settledEarly: true });
    expect(r.totals).toMatchObject({ interestCancelled: 600, excess: 20_000, remaining: 0, paid: 120_500 });
    expect(r.completedOn).toBe('2027-02-01');
  });

  it('what settles the plan today: everything due, and the charges and principal of what is not', () => {
    const r = trackPlan(plan, [pay('2027-01-15', 40_500)], rules, '2027-02-15');
    // No. 2 is due today (404.00); no. 3 not yet (400.00 without its 2.00 interest).
    expect(r.totals.settleToday).toBe(80_400);
    expect(r.totals.dueNow).toBe(40_400);
  });

  it('within the grace period an installment is due, not missed; a day later it is missed', () => {
    expect(trackPlan(plan, [], rules, '2027-01-18').installments[0]!.state).toBe('due');
    expect(trackPlan(plan, [], rules, '2027-01-19').installments[0]).toMatchObject({ state: 'missed', missed: true });
  });

  it('countersigned after the first due date: its grace period runs from the day the agreement came into force', () => {
    // Installment 1 due 01-15; in force from 01-20: its grace ends 01-23 (not 01-18), installment 2's stays 02-18.
    const late = { ...rules, inForceFrom: '2027-01-20' };
    const r = trackPlan(plan, [], late, '2027-01-23');
    expect(r.installments[0]).toMatchObject({ graceEnds: '2027-01-23', state: 'due', missed: false });
    expect(r.installments[1]!.graceEnds).toBe('2027-02-18');
    expect(trackPlan(plan, [], late, '2027-01-24').installments[0]).toMatchObject({ state: 'missed', missed: true });
    // Paid on 01-22, after the old grace period but within the new one: on time.
    expect(trackPlan(plan, [pay('2027-01-22', 40_500)], late, '2027-03-01').installments[0]).toMatchObject({ state: 'paid', missed: false });
    // Two misses in a row break the plan the day after the second grace period: 02-19, as without the late start.
    expect(trackPlan(plan, [], late, '2027-02-19').breachedOn).toBe('2027-02-19');
    // In force before the due date: nothing changes.
    expect(trackPlan(plan, [], { ...rules, inForceFrom: '2027-01-10' }, '2027-01-19').installments[0]).toMatchObject({ graceEnds: '2027-01-18', missed: true });
  });

  it('a payment recorded late but dated within the grace period means the installment was never missed', () => {
    const before = trackPlan(plan, [], rules, '2027-01-25');
    expect(before.installments[0]!.missed).toBe(true);
    const after = trackPlan(plan, [pay('2027-01-18', 40_500)], rules, '2027-01-25');
    expect(after.installments[0]).toMatchObject({ state: 'paid', missed: false });
  });

  it('paid after the grace period: paid, but it counted as missed', () => {
    const r = trackPlan(plan, [pay('2027-01-25', 40_500)], rules, '2027-01-25');
    expect(r.installments[0]).toMatchObject({ state: 'paid_late', missed: true });
    expect(r.consecutiveMisses).toBe(1);
  });

  it('two missed in a row are a breach, the day after the second grace period ends', () => {
    const r = trackPlan(plan, [], rules, '2027-02-19');
    expect(r.breachedOn).toBe('2027-02-19');
    expect(r.consecutiveMisses).toBe(2);
    expect(trackPlan(plan, [], rules, '2027-02-18').breachedOn).toBeNull();
  });

  it('a missed installment, one paid on time, another missed: no breach', () => {
    const r = trackPlan(plan, [pay('2027-01-20', 40_500), pay('2027-02-15', 40_400)], rules, '2027-03-25');
    expect(r.installments.map((i) => i.state)).toEqual(['paid_late', 'paid', 'missed']);
    expect(r.breachedOn).toBeNull();
    expect(r.completedOn).toBeNull();
    expect(r.consecutiveMisses).toBe(1);
  });

  it('paying the second installment while the first is unpaid pays the first: both count as missed (oldest first)', () => {
    const r = trackPlan(plan, [pay('2027-02-15', 40_400)], rules, '2027-02-19');
    // 100 + 100 charges, 5 + 4 interest, then 195.00 of no. 1's principal: 105.00 of it left.
    expect(r.installments[0]).toMatchObject({ outstanding: 10_500 });
    expect(r.breachedOn).toBe('2027-02-19');
  });

  it('on a day with one installment missed, one in its grace period and one to come: each total counts its own', () => {
    const r = trackPlan(plan, [], rules, '2027-02-16');
    expect(r.installments.map((i) => i.state)).toEqual(['missed', 'due', 'upcoming']);
    // Missed: no. 1 (405.00). Due: no. 1 and no. 2 (405.00 + 404.00). To settle today: those, and no. 3 without its
    // 2.00 interest (400.00). Left on the plan: all three (1,211.00).
    expect(r.totals).toMatchObject({ overdue: 40_500, dueNow: 80_900, settleToday: 120_900, remaining: 121_100, scheduled: 121_100, received: 0, paid: 0 });
    expect(r.next).toEqual({ seq: 1, dueDate: '2027-01-15', outstanding: 40_500, graceEnds: '2027-01-18' });
    expect(r.consecutiveMisses).toBe(1);
    expect(r.breachedOn).toBeNull();
    expect(r.completedOn).toBeNull();
    // On its due date an installment is due, not upcoming; on the last day of its grace period it is not judged yet,
    // so the run of misses before it still stands.
    expect(trackPlan(plan, [], rules, '2027-01-15').installments[0]!.state).toBe('due');
    expect(trackPlan(plan, [], rules, '2027-02-18')).toMatchObject({ consecutiveMisses: 1, breachedOn: null });
  });

  it('takes installments and payments in any order: by due date, and by the day received (the same day, as given)', () => {
    const inOrder = trackPlan(plan, [pay('2027-01-15', 40_500), pay('2027-02-16', 100), pay('2027-02-16', 40_300)], rules, '2027-02-20');
    const given = [pay('2027-02-16', 100), pay('2027-02-16', 40_300), pay('2027-01-15', 40_500)];
    const shuffled = trackPlan([plan[2]!, plan[0]!, plan[1]!], given, rules, '2027-02-20');
    expect(shuffled.installments).toEqual(inOrder.installments);
    expect(shuffled.installments.map((i) => i.state)).toEqual(['paid', 'paid', 'upcoming']);
    // The 1.00 received first that day goes to no. 2's charges, the 403.00 after it clears no. 2.
    expect(shuffled.payments.map((p) => [p.id, p.allocations])).toEqual([
      [given[2]!.id, [{ seq: 1, charges: 10_000, interest: 500, principal: 30_000, total: 40_500 }]],
      [given[0]!.id, [{ seq: 2, charges: 100, interest: 0, principal: 0, total: 100 }]],
      [given[1]!.id, [{ seq: 2, charges: 9_900, interest: 400, principal: 30_000, total: 40_300 }]],
    ]);
    // A payment received after the day asked about is not counted yet.
    expect(trackPlan(plan, [pay('2027-01-16', 40_500)], rules, '2027-01-15').totals).toMatchObject({ received: 0, remaining: 121_100 });
  });

  it('settling early after paying ahead: the interest paid ahead for periods not begun is not owed, and counts toward the payoff', () => {
    // ¥12,000 over 12 months, equal principal at 1% a month on the balance: ¥1,000 principal and ¥120, ¥110, … ¥10
    // of interest, due on the 15th from 2027-01-15.
    const months = Array.from({ length: 12 }, (_, i) => ({ seq: i + 1, dueDate: `2027-${String(i + 1).padStart(2, '0')}-15`, charges: 0, interest: (12 - i) * 1_000, principal: 100_000 }));
    // On 2027-01-15: installment 1 (¥1,120) and ¥5,000 ahead, which pays installments 2-5 in full (¥1,110 + ¥1,100 +
    // ¥1,090 + ¥1,080 = ¥4,380) and ¥620 of installment 6 (its ¥70 of interest, ¥550 of principal).
    const prepaid = [{ id: 'p1', receivedOn: '2027-01-15', amount: 612_000 }];
    const before = trackPlan(months, prepaid, rules, '2027-01-16');
    // Owed without the interest of the periods not begun: ¥450 of installment 6 and ¥6,000 of installments 7-12;
    // less the interest paid ahead on installments 2-6 (¥110 + ¥100 + ¥90 + ¥80 + ¥70 = ¥450): ¥6,000.
    expect(before.totals.settleToday).toBe(600_000);
    const settled = trackPlan(months, [...prepaid, { id: 'p2', receivedOn: '2027-01-16', amount: 600_000 }], rules, '2027-01-16');
    expect(settled.totals).toMatchObject({ remaining: 0, excess: 0, received: 1_212_000 });
    expect(settled.payments[1]!.settledEarly).toBe(true);
    // Interest only for the month that ran: ¥120 of installment 1. ¥12,000 of principal and ¥120 = ¥12,120 paid.
    expect(settled.installments.reduce((sum, i) => sum + i.paid.interest, 0)).toBe(12_000);
    expect(settled.installments.reduce((sum, i) => sum + i.paid.principal, 0)).toBe(1_200_000);
    // Paid as ¥1,120 on the 15th and the rest on the 16th, the same: how it was paid ahead makes no difference.
    const direct = trackPlan(months, [{ id: 'a', receivedOn: '2027-01-15', amount: 112_000 }, { id: 'b', receivedOn: '2027-01-16', amount: 1_100_000 }], rules, '2027-01-16');
    expect(direct.totals).toMatchObject({ remaining: 0, excess: 0 });
    expect(direct.installments.reduce((sum, i) => sum + i.paid.interest, 0)).toBe(12_000);
  });

  it('settling early with exactly the charges and principal left: settled, the interest cancelled, nothing over', () => {
    const r = trackPlan(plan, [pay('2027-01-15', 40_500), pay('2027-02-01', 80_000)], rules, '2027-02-01');
    expect(r.payments[1]).toMatchObject({ allocated: 80_000, excess: 0, settledEarly: true });
    expect(r.installments.map((i) => [i.state, i.paidOn, i.interestCancelled])).toEqual([
      ['paid', '2027-01-15', 0],
      ['paid', '2027-02-01', 400],
      ['paid', '2027-02-01', 200],
    ]);
    expect(r.completedOn).toBe('2027-02-01');
    expect(r.totals).toMatchObject({ remaining: 0, dueNow: 0, settleToday: 0, overdue: 0 });
    // One fen short: not settled; it pays no. 2 and then no. 3 in full, in order. But the principal it repays on 02-01
    // bears no interest after: 14 of period 2's 31 days and all of period 3 (by hand, in rounds: the interest that
    // comes back pays on), so no. 3 owes ¥2.21 where the schedule said ¥6.01, and 0.01 more would settle the plan.
    const short = trackPlan(plan, [pay('2027-01-15', 40_500), pay('2027-02-01', 79_999)], rules, '2027-02-01');
    expect(short.payments[1]).toMatchObject({ allocated: 79_999, excess: 0, settledEarly: false });
    expect(short.installments.map((i) => i.outstanding)).toEqual([0, 0, 221]);
    expect(short.installments.map((i) => i.interestCancelled)).toEqual([0, 181, 199]);
    expect(short.totals.settleToday).toBe(1);
  });

  it('paying ahead an interest-free plan in full is not "settled early": no interest was cancelled', () => {
    const free = plan.map((row) => ({ ...row, interest: 0 }));
    const r = trackPlan(free, [pay('2027-01-05', 120_000)], rules, '2027-01-05');
    expect(r.payments[0]).toMatchObject({ allocated: 120_000, excess: 0, settledEarly: false });
    expect(r.totals).toMatchObject({ interestCancelled: 0, remaining: 0 });
    expect(r.completedOn).toBe('2027-01-05');
  });

  it('completed on the day its last installment was paid, not the first', () => {
    const r = trackPlan(plan, [pay('2027-01-14', 40_500), pay('2027-03-01', 40_400), pay('2027-02-10', 40_200)], rules, '2027-03-20');
    // 02-10 pays no. 2 ahead of its date (and 2.00 of no. 3's charges is not reached: 402.00 − 404.00 < 0); 03-01 the rest.
    expect(r.installments.map((i) => i.paidOn)).toEqual(['2027-01-14', '2027-03-01', '2027-03-01']);
    expect(r.completedOn).toBe('2027-03-01');
    expect(trackPlan([], [], rules, '2027-03-20').completedOn).toBeNull();
  });

  it('names what it refuses: a repeated installment, a negative part, a payment that is not positive, rules out of range', () => {
    expect(() => trackPlan([plan[0]!, { ...plan[1]!, seq: 1 }], [], rules, '2027-01-15')).toThrow('installment 1 appears twice');
    expect(() => trackPlan([{ ...plan[0]!, principal: -1 }], [], rules, '2027-01-15')).toThrow('installment 1 principal is negative');
    expect(() => trackPlan([{ ...plan[0]!, interest: 0.5 }], [], rules, '2027-01-15')).toThrow('installment 1 interest must be a whole number of fen, got 0.5');
    expect(() => trackPlan(plan, [{ id: 'x2', receivedOn: '2027-01-15', amount: 10.25 }], rules, '2027-01-15')).toThrow('payment x2 must be a whole number of fen, got 10.25');
    expect(() => trackPlan(plan, [{ id: 'x1', receivedOn: '2027-01-15', amount: -100 }], rules, '2027-01-15')).toThrow('payment x1 is not positive');
    for (const graceDays of [-1, 1.5]) expect(() => trackPlan(plan, [], { ...rules, graceDays }, '2027-01-15')).toThrow('graceDays must be a whole number ≥ 0');
    for (const breachConsecutiveMisses of [0, 2.5]) expect(() => trackPlan(plan, [], { ...rules, breachConsecutiveMisses }, '2027-01-15')).toThrow('breachConsecutiveMisses must be ≥ 1');
    expect(trackPlan(plan, [], { ...rules, graceDays: 0, breachConsecutiveMisses: 1 }, '2027-01-16').breachedOn).toBe('2027-01-16');
  });

  it('refuses amounts that are not whole positive fen', () => {
    expect(() => trackPlan(plan, [pay('2027-01-15', 0)], rules, '2027-01-15')).toThrow(RangeError);
    expect(() => trackPlan(plan, [pay('2027-01-15', 1.5)], rules, '2027-01-15')).toThrow(RangeError);
  });
});

describe('the one-time delay (hand-worked)', () => {
  const open = (asOf: string, payments: PlanPaymentInput[] = []) => ({ plan: trackPlan(plan, payments, rules, asOf), today: asOf, maxDays: 14, used: false, open: true });

  it('moves the next installment by up to 14 days; nothing else changes', () => {
    const result = delayEffect(open('2027-01-10'), 14, 3);
    expect(result).toEqual({ ok: true, effect: { seq: 1, days: 14, from: '2027-01-15', to: '2027-01-29', graceEnds: '2027-02-01', outstanding: 40_500, following: { seq: 2, dueDate: '2027-02-15' }, last: false } });
  });

  it('within the grace period the new date is not before today', () => {
    expect(delayWindow(open('2027-01-17'))).toMatchObject({ ok: true, window: { minDays: 2, maxDays: 14 } });
    expect(delayEffect(open('2027-01-17'), 1, 3)).toEqual({ ok: false, reason: 'delay.days' });
  });

  it('is refused once used, for a missed installment, beyond the limit, or where not offered', () => {
    expect(delayWindow({ ...open('2027-01-10'), used: true })).toEqual({ ok: false, reason: 'delay.used' });
    expect(delayWindow(open('2027-01-19'))).toEqual({ ok: false, reason: 'delay.missed' });
    expect(delayEffect(open('2027-01-10'), 15, 3)).toEqual({ ok: false, reason: 'delay.days' });
    expect(delayWindow({ ...open('2027-01-10'), maxDays: 0 })).toEqual({ ok: false, reason: 'delay.notOffered' });
    expect(delayWindow({ ...open('2027-01-10'), open: false })).toEqual({ ok: false, reason: 'delay.planClosed' });
  });

  it('at its edges: one day offered, the last day of grace, a window the grace period outruns, nothing left to delay', () => {
    expect(delayEffect({ ...open('2027-01-10'), maxDays: 1 }, 1, 3)).toMatchObject({ ok: true, effect: { to: '2027-01-16' } });
    // 01-18 is the last day of grace: still movable, to no earlier than today (3 days).
    expect(delayWindow(open('2027-01-18'))).toMatchObject({ ok: true, window: { seq: 1, minDays: 3, maxDays: 14 } });
    // Grace of 5 days but at most 2 days' delay: on 01-17 exactly 2 days remain possible; on 01-18 none is.
    const graceOf5 = (asOf: string) => ({ plan: trackPlan(plan, [], { ...rules, graceDays: 5 }, asOf), today: asOf, maxDays: 2, used: false, open: true });
    expect(delayWindow(graceOf5('2027-01-17'))).toMatchObject({ ok: true, window: { minDays: 2, maxDays: 2 } });
    expect(delayWindow(graceOf5('2027-01-18'))).toEqual({ ok: false, reason: 'delay.missed' });
    const paidUp = [pay('2027-01-15', 40_500), pay('2027-02-15', 40_400), pay('2027-03-15', 40_200)];
    expect(delayWindow(open('2027-03-16', paidUp))).toEqual({ ok: false, reason: 'delay.nothingToDelay' });
  });

  it('a partly paid installment moves with what is left of it; the one after keeps its date', () => {
    const partly = trackPlan(plan, [pay('2027-01-05', 100)], rules, '2027-01-05');
    expect(delayEffect({ plan: partly, today: '2027-01-05', maxDays: 14, used: false, open: true }, 5, 3)).toEqual({
      ok: true,
      effect: { seq: 1, days: 5, from: '2027-01-15', to: '2027-01-20', graceEnds: '2027-01-23', outstanding: 40_400, following: { seq: 2, dueDate: '2027-02-15' }, last: false },
    });
  });

  it('the last installment: the plan ends later', () => {
    const payments = [pay('2027-01-15', 40_500), pay('2027-02-15', 40_400)];
    expect(delayEffect(open('2027-03-01', payments), 5, 3)).toMatchObject({ ok: true, effect: { seq: 3, to: '2027-03-20', following: null, last: true } });
  });
});

// ---- Properties ----------------------------------------------------------------------------------------------

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = 86_400_000;
const base = Date.UTC(2027, 0, 31);

/** Monthly installments built with Date (not the domain's calendar): the 31st clamps to each month's end. */
const arbPlan = fc.integer({ min: 1, max: 18 }).chain((months) =>
  fc
    .array(fc.record({ charges: fc.integer({ min: 0, max: 200_000 }), interest: fc.integer({ min: 0, max: 50_000 }), principal: fc.integer({ min: 0, max: 2_000_000 }) }), { minLength: months, maxLength: months })
    // Due on the 31st, clamped to each month's end: the last day of January, February, … (Date's day 0 of the next month).
    .map((parts) => parts.map((p, i) => ({ seq: i + 1, dueDate: iso(Date.UTC(2027, i + 1, 0)), ...p })))
    .filter((rows) => rows.every((r) => r.charges + r.interest + r.principal > 0)),
);
// The plan's interest starts up to 40 days before the end of January 2027 (arbPlan's first due date; base below).
const arbRules = fc.record({
  graceDays: fc.integer({ min: 0, max: 10 }),
  breachConsecutiveMisses: fc.integer({ min: 1, max: 4 }),
  allocationScope: fc.constantFrom('whole_debt' as const, 'per_installment' as const),
  interestFrom: fc.integer({ min: 0, max: 40 }).map((days) => iso(base - days * dayMs)),
  // Sometimes countersigned late: up to three months after the first due date.
  inForceFrom: fc.integer({ min: -40, max: 90 }).map((days) => iso(base + days * dayMs)),
}, { requiredKeys: ['graceDays', 'breachConsecutiveMisses', 'allocationScope', 'interestFrom'] });
const amountOf = (r: PlanInstallmentInput) => r.charges + r.interest + r.principal;

// Hundreds of generated plans each: more than the default 5 s when the machine is shared.
describe('plan tracking properties', { timeout: 30_000 }, () => {
  it('a plan paid as scheduled (each installment, in one or two parts, between its due date and the end of its grace period) never misses, never breaches, and ends paid in full with no excess', () => {
    fc.assert(
      fc.property(arbPlan, arbRules, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 18, maxLength: 18 }), (rows, rules, choices) => {
        const payments: PlanPaymentInput[] = [];
        rows.forEach((row, i) => {
          const [when, split, share] = choices[i]!;
          const day = iso(Date.parse(`${row.dueDate}T00:00:00Z`) + Math.floor(when * rules.graceDays) * dayMs);
          const amount = amountOf(row);
          const first = split ? Math.floor(amount * share) : amount;
          if (first > 0) payments.push({ id: `${i}a`, receivedOn: row.dueDate, amount: first });
          if (amount - first > 0) payments.push({ id: `${i}b`, receivedOn: day, amount: amount - first });
        });
        const end = iso(Date.parse(`${rows.at(-1)!.dueDate}T00:00:00Z`) + 400 * dayMs);
        const r = trackPlan(rows, payments, rules, end);
        expect(r.breachedOn).toBeNull();
        expect(r.installments.every((i) => i.state === 'paid' && !i.missed)).toBe(true);
        expect(r.totals.excess).toBe(0);
        expect(r.totals.remaining).toBe(0);
        expect(r.completedOn).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('paid ahead of time, the amounts scheduled: never missed, and whatever interest an early settlement cancels comes back as excess', () => {
    fc.assert(
      fc.property(arbPlan, arbRules, fc.integer({ min: 1, max: 20 }), (rows, rules, early) => {
        const payments = rows.map((row, i) => ({ id: String(i), receivedOn: iso(Date.parse(`${row.dueDate}T00:00:00Z`) - early * dayMs), amount: amountOf(row) }));
        const r = trackPlan(rows, payments, rules, rows.at(-1)!.dueDate);
        expect(r.breachedOn).toBeNull();
        expect(r.installments.some((i) => i.missed)).toBe(false);
        expect(r.totals.remaining).toBe(0);
        expect(r.totals.excess).toBe(r.totals.interestCancelled);
      }),
      { numRuns: 200 },
    );
  });

  /** A plan on a day, with the payments received by then, and its state that day. */
  const arbPlanOnADay = fc
    .record({ rows: arbPlan, rules: arbRules, raw: fc.array(fc.record({ offset: fc.integer({ min: -40, max: 600 }), amount: fc.integer({ min: 1, max: 2_000_000 }) }), { maxLength: 12 }), dayOffset: fc.integer({ min: -30, max: 560 }) })
    .map(({ rows, rules, raw, dayOffset }) => {
      const day = iso(base + dayOffset * dayMs);
      const payments = raw.map((p, i) => ({ id: String(i), receivedOn: iso(base + p.offset * dayMs), amount: p.amount })).filter((p) => p.receivedOn <= day);
      return { rows, rules, day, payments, before: trackPlan(rows, payments, rules, day) };
    });

  it('what the plan says settles it today does: paid that day, nothing is left and nothing is over', () => {
    fc.assert(
      fc.property(arbPlanOnADay, ({ rows, rules, day, payments, before }) => {
        fc.pre(before.totals.remaining > 0);
        const after = trackPlan(rows, [...payments, { id: 'settle', receivedOn: day, amount: before.totals.settleToday }], rules, day);
        expect(after.totals.remaining).toBe(0);
        expect(after.payments.at(-1)!.excess).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('paying what the plan says is next, on or before its due date, pays that installment (paid early, it costs no more than it said)', () => {
    fc.assert(
      fc.property(arbPlanOnADay, ({ rows, rules, day, payments, before }) => {
        // (Later, with later installments due too, the whole debt's interest comes before its principal: Civil Code art. 561.)
        fc.pre(before.next !== null && day <= before.next.dueDate);
        const after = trackPlan(rows, [...payments, { id: 'next', receivedOn: day, amount: before.next!.outstanding }], rules, day);
        expect(after.installments.find((i) => i.seq === before.next!.seq)!.outstanding).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('every fen received is allocated or excess: total allocated equals total paid, no component is overpaid', () => {
    const arbPayments = fc.array(fc.record({ offset: fc.integer({ min: -40, max: 700 }), amount: fc.integer({ min: 1, max: 3_000_000 }) }), { maxLength: 25 });
    fc.assert(
      fc.property(arbPlan, arbRules, arbPayments, fc.integer({ min: 0, max: 800 }), (rows, rules, raw, asOfOffset) => {
        const payments = raw.map((p, i) => ({ id: String(i), receivedOn: iso(base + p.offset * dayMs), amount: p.amount }));
        const asOf = iso(base + asOfOffset * dayMs);
        const r = trackPlan(rows, payments, rules, asOf);
        const counted = payments.filter((p) => p.receivedOn <= asOf);
        const received = counted.reduce((s, p) => s + p.amount, 0);
        const allocated = r.payments.flatMap((p) => p.allocations).reduce((s, a) => s + a.charges + a.interest + a.principal, 0);
        const excess = r.payments.reduce((s, p) => s + p.excess, 0);
        expect(allocated + excess).toBe(received);
        expect(r.totals.paid).toBe(allocated);
        expect(r.installments.reduce((s, i) => s + i.paidTotal, 0)).toBe(allocated);
        for (const p of r.payments) expect(p.allocated + p.excess).toBe(p.amount);
        for (const [i, row] of rows.entries()) {
          const result = r.installments.find((x) => x.seq === row.seq)!;
          expect(result.paid.charges).toBeLessThanOrEqual(row.charges);
          expect(result.paid.principal).toBeLessThanOrEqual(row.principal);
          expect(result.paid.interest + result.interestCancelled).toBeLessThanOrEqual(row.interest);
          expect(result.outstanding).toBe(amountOf(row) - result.interestCancelled - result.paidTotal);
          expect(result.outstanding).toBeGreaterThanOrEqual(0);
          void i;
        }
        // Excess only once everything is paid.
        if (excess > 0) expect(r.totals.remaining).toBe(0);
        expect(r.totals.paid + r.totals.remaining + r.totals.interestCancelled).toBe(r.totals.scheduled);
      }),
      { numRuns: 400 },
    );
  });

  it('breach after N misses: a borrower who pays the first k installments on time and then nothing is in breach the day after the grace period of installment k + N', () => {
    fc.assert(
      fc.property(arbPlan, arbRules, fc.nat(), (rows, rules, kSeed) => {
        const k = kSeed % rows.length;
        const payments = rows.slice(0, k).map((row, i) => ({ id: String(i), receivedOn: row.dueDate, amount: amountOf(row) }));
        const end = iso(Date.parse(`${rows.at(-1)!.dueDate}T00:00:00Z`) + 160 * dayMs);
        const r = trackPlan(rows, payments, rules, end);
        const nth = rows[k + rules.breachConsecutiveMisses - 1];
        // Oracle: plain date arithmetic from the due date, or from the day in force if later; grace days then one more day.
        const from = nth && rules.inForceFrom && rules.inForceFrom > nth.dueDate ? rules.inForceFrom : nth?.dueDate;
        const expected = from ? iso(Date.parse(`${from}T00:00:00Z`) + (rules.graceDays + 1) * dayMs) : null;
        expect(r.breachedOn).toBe(expected);
        expect(r.consecutiveMisses).toBe(rows.length - k);
        // Before that day, no breach yet.
        if (expected) expect(trackPlan(rows, payments, rules, iso(Date.parse(`${expected}T00:00:00Z`) - dayMs)).breachedOn).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('the delay: the installment moves by exactly the days chosen, is refused a second time, and paid on its new date is not missed', () => {
    fc.assert(
      fc.property(arbPlan, fc.integer({ min: 1, max: 14 }), fc.integer({ min: 0, max: 13 }), (rows, days, before) => {
        const today = iso(Date.parse(`${rows[0]!.dueDate}T00:00:00Z`) - before * dayMs);
        const request = { plan: trackPlan(rows, [], rules, today), today, maxDays: 14, used: false, open: true };
        const result = delayEffect(request, days, rules.graceDays);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(Date.parse(result.effect.to) - Date.parse(result.effect.from)).toBe(days * dayMs);
        expect(delayEffect({ ...request, used: true }, days, rules.graceDays)).toEqual({ ok: false, reason: 'delay.used' });
        const moved = rows.map((row) => (row.seq === result.effect.seq ? { ...row, dueDate: result.effect.to } : row));
        const paidThen = trackPlan(moved, [{ id: 'x', receivedOn: result.effect.graceEnds, amount: amountOf(rows[0]!) }], rules, result.effect.graceEnds);
        expect(paidThen.installments.find((i) => i.seq === 1)).toMatchObject({ missed: false });
      }),
      { numRuns: 200 },
    );
  });
});

// ---- Against the oracle ------------------------------------------------------------------------------------------

/**
 * Plans as the portal holds them after delays and partial payments: irregular gaps (two installments may fall on one
 * day), components that may be zero (interest-free installments), given in any order; payments before, between and
 * after the due dates, several on one day, of any size; any day asked about.
 */
const arbShuffledPlanCase = fc
  .record({
    parts: fc.array(
      fc.record({ gap: fc.integer({ min: 0, max: 45 }), delay: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 14 })), charges: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30_000 })), interest: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20_000 })), principal: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500_000 })) }),
      { minLength: 1, maxLength: 10 },
    ),
    payments: fc.array(fc.record({ offset: fc.integer({ min: -20, max: 420 }), amount: fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 600_000 }), fc.integer({ min: 1, max: 4_000_000 })) }), { maxLength: 8 }),
    asOfOffset: fc.integer({ min: -5, max: 460 }),
    rules: arbRules,
    order: fc.array(fc.nat(), { minLength: 10, maxLength: 10 }),
  })
  .filter(({ parts }) => parts.every((p) => p.charges + p.interest + p.principal > 0));

describe('plan tracking against the oracle (lib/domain/oracle/plan-oracle.ts)', { timeout: 60_000 }, () => {
  it('allocations, states, totals, the next installment, breach and completion agree on any plan, payments and day', () => {
    fc.assert(
      fc.property(arbShuffledPlanCase, ({ parts, payments: raw, asOfOffset, rules, order }) => {
        let day = base;
        const rows = parts.map((p, i) => {
          day += p.gap * dayMs;
          // A delayed installment keeps its original due date, to which its interest was priced.
          return p.delay ? { seq: i + 1, dueDate: iso(day + p.delay * dayMs), originalDueDate: iso(day), charges: p.charges, interest: p.interest, principal: p.principal } : { seq: i + 1, dueDate: iso(day), charges: p.charges, interest: p.interest, principal: p.principal };
        });
        // Given in any order: the plan sorts by due date, then number.
        const given = rows.map((row, i) => ({ row, key: order[i]! })).sort((a, b) => a.key - b.key).map((x) => x.row);
        const payments = raw.map((p, i) => ({ id: `p${i}`, receivedOn: iso(base + p.offset * dayMs), amount: p.amount }));
        const asOf = iso(base + asOfOffset * dayMs);
        const r = trackPlan(given, payments, rules, asOf);
        const o = oraclePlan({ installments: given, payments, rules, asOf });
        expect(r.installments.map(({ seq, dueDate, graceEnds, paid, interestCancelled, outstanding, paidOn, state, missed }) => ({ seq, dueDate, graceEnds, paid, interestCancelled, outstanding, paidOn, state, missed }))).toEqual(o.installments);
        expect(r.payments.map(({ id, allocations, allocated, excess, settledEarly }) => ({ id, allocations, allocated, excess, settledEarly }))).toEqual(o.payments);
        expect(r.totals).toEqual(o.totals);
        expect({ next: r.next, consecutiveMisses: r.consecutiveMisses, breachedOn: r.breachedOn, completedOn: r.completedOn }).toEqual({ next: o.next, consecutiveMisses: o.consecutiveMisses, breachedOn: o.breachedOn, completedOn: o.completedOn });
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('what the borrower is asked to pay now', () => {
  it('what is left of the next installment; with more than that due, everything due; nothing once the plan is paid', () => {
    expect(askedNow({ next: null, totals: { dueNow: 0 } })).toBeNull();
    expect(askedNow({ next: { outstanding: 231_590 }, totals: { dueNow: 0 } })).toEqual({ amount: 231_590, several: false });
    // Due now exactly the next installment: that one.
    expect(askedNow({ next: { outstanding: 231_590 }, totals: { dueNow: 231_590 } })).toEqual({ amount: 231_590, several: false });
    // Two installments missed (2,315.90 each, 0.56 of the first paid): their total, not the first alone.
    expect(askedNow({ next: { outstanding: 231_534 }, totals: { dueNow: 463_124 } })).toEqual({ amount: 463_124, several: true });
  });
});
