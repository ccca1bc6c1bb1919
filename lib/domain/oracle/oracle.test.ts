import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeArrears } from '@/lib/domain/arrears';
import { addMonths } from '@/lib/domain/dates';
import { suggestOffers } from '@/lib/domain/offer-suggestions';
import { amortise, buildSchedule, type RepaymentMethod } from '@/lib/domain/schedule';
import { arrearsCaseArb, evaluateAny, offerCaseArb, priceAny, termsFor, termsShapeArb } from './arbitraries';
import { oracleArrears } from './arrears-oracle';
import { dayNo, isoOf, monthOn } from './calendar';
import { frac } from './fraction';
import { oracleOffer } from './offer-oracle';
import { oracleAmortise } from './schedule-oracle';

/**
 * The engine against the oracle (a second implementation written from the rules, sharing no code with it) on random
 * loans, payment histories, policies and offers, to the fen. Counts: arrears 400 cases, schedules 400, offers 400 priced
 * terms, suggestions 60 cases (each suggestion re-priced by the oracle).
 */

const projected = (r: ReturnType<typeof computeArrears>) => ({
  installments: r.installments.map((i) => ({ seq: i.seq, status: i.status, daysPastDue: i.daysPastDue, principal: i.principal, interest: i.interest, penalty: i.penalty, compound: i.compound, fees: i.fees })),
  totals: r.totals,
  paid: { fees: r.paidToDate.fees, penalty: r.paidToDate.penalty, compound: r.paidToDate.compound, interest: r.paidToDate.interest, principal: r.paidToDate.principal },
  unappliedCredit: r.unappliedCredit,
  daysPastDue: r.daysPastDue,
  cap: { cap: r.cap.cap, charges: r.cap.charges, capExcess: r.cap.capExcess, notEnforceable: r.cap.notEnforceable, paidAboveCap: r.cap.paidAboveCap, principalCredit: r.cap.principalCredit },
});

describe('the oracle itself', () => {
  it('keeps its own calendar right', () => {
    expect(dayNo('1970-01-01')).toBe(0);
    expect(dayNo('2024-03-01') - dayNo('2024-02-28')).toBe(2);
    expect(isoOf(dayNo('2028-02-29'))).toBe('2028-02-29');
    expect(isoOf(-1)).toBe('1969-12-31');
    expect(monthOn('2026-02-28', 1, 31)).toBe('2026-03-31');
    expect(monthOn('2026-01-31', -2, 31)).toBe('2025-11-30');
  });

  it('works a hand example: ¥1,000 at 12 % over 3 months, equal payment', () => {
    // A = 1,000 × 0.01 × 1.01³ / (1.01³ − 1) = 340.02; interest 10.00, 6.70, 3.37; principal 330.02, 333.32, 336.66 (last takes the rest).
    expect(oracleAmortise(100_000, [120_000, 120_000, 120_000], 'equal_installment')).toEqual({ principal: [33_002, 33_332, 33_666], interest: [1_000, 670, 337], covers: true });
    expect(oracleAmortise(100_000, [120_000, 120_000], 'equal_principal', frac(1, 2))).toEqual({ principal: [50_000, 50_000], interest: [500, 500], covers: true });
  });
});

describe('engine against oracle', () => {
  it('arrears: every installment, total, payment allocation and the cap agree to the fen', () => {
    fc.assert(
      fc.property(arrearsCaseArb, ({ input }) => {
        expect(projected(computeArrears(input))).toEqual(oracleArrears(input));
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('schedules: buildSchedule agrees with the oracle, month-end and leap anchors included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000_000 }),
        fc.integer({ min: 0, max: 360_000 }),
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom<RepaymentMethod>('equal_installment', 'equal_principal', 'interest_only_bullet'),
        fc.constantFrom('2024-01-31', '2024-02-29', '2023-05-30', '2025-08-15', '2026-12-31'),
        (principal, annualRatePpm, months, method, start) => {
          const anchorDay = Number(start.slice(8, 10));
          const schedule = buildSchedule({ principal, annualRatePpm, months, method, firstDueDate: addMonths(start, 1, anchorDay), anchorDay });
          const expected = oracleAmortise(principal, Array.from({ length: months }, () => annualRatePpm), method);
          expect(schedule.map((r) => r.principal)).toEqual(expected.principal);
          expect(schedule.map((r) => r.interest)).toEqual(expected.interest);
          expect(schedule.map((r) => r.dueDate)).toEqual(Array.from({ length: months }, (_, k) => monthOn(start, k + 1, anchorDay)));
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it('schedules with a first period of any length and rate changes agree with the oracle', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.array(fc.integer({ min: 0, max: 240_000 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom<RepaymentMethod>('equal_installment', 'equal_principal'),
        fc.record({ months: fc.integer({ min: 0, max: 2 }), days: fc.integer({ min: 0, max: 30 }), monthDays: fc.integer({ min: 28, max: 31 }) }),
        (principal, rateSteps, months, method, first) => {
          const length = first.months === 0 && first.days === 0 ? { months: 1, days: 0, monthDays: 1 } : { ...first, days: Math.min(first.days, first.monthDays - 1) };
          const rates = Array.from({ length: months }, (_, i) => rateSteps[Math.min(rateSteps.length - 1, Math.floor((i * rateSteps.length) / months))]!);
          const engine = amortise(principal, rates, method, length);
          const oracle = oracleAmortise(principal, rates, method, frac(length.months * length.monthDays + length.days, length.monthDays));
          expect(engine).toEqual({ principal: oracle.principal, interest: oracle.interest, coversInterest: oracle.covers });
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it('offers: schedule, owed, waived, set aside, carried, totals, status quo, saving and the cap over the plan agree', () => {
    let compared = 0;
    let tried = 0;
    fc.assert(
      fc.property(offerCaseArb, termsShapeArb, (ctx, shape) => {
        tried++;
        const terms = termsFor(ctx, shape, (t) => evaluateAny(ctx, t, 'supervisor').priced?.installmentBase ?? null);
        if (!terms) return;
        const { priced } = evaluateAny(ctx, terms, 'supervisor');
        if (!priced) return;
        compared++;
        const { schedule, ...totals } = oracleOffer(ctx, terms);
        expect(priced.schedule.map((r) => ({ dueDate: r.dueDate, principal: r.principal, interest: r.interest, charges: r.charges, amount: r.amount, source: r.source }))).toEqual(schedule);
        expect(priced).toMatchObject(totals);
      }),
      { numRuns: 400 },
    );
    // Most random terms can be priced (a ratio worth checking on a full run, not a shortened one).
    if (tried >= 100) expect(compared).toBeGreaterThan(tried * 0.6);
  }, 90_000);

  it("the engine's own suggestions are priced as the oracle prices them", () => {
    fc.assert(
      fc.property(offerCaseArb, (ctx) => {
        for (const s of suggestOffers(ctx)) {
          const { schedule, ...totals } = oracleOffer(ctx, s.terms);
          expect(s.priced).toMatchObject(totals);
          expect(s.priced.schedule.map((r) => r.amount)).toEqual(schedule.map((r) => r.amount));
          expect(s.priced).toEqual(priceAny(ctx, s.terms));
        }
      }),
      { numRuns: 60 },
    );
  }, 90_000);
});
