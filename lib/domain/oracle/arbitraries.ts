import fc from 'fast-check';
import { computeArrears } from '@/lib/domain/arrears';
import type { ArrearsInput } from '@/lib/domain/arrears-model';
import { addDays, addMonths } from '@/lib/domain/dates';
import { evaluatePausedPlan, hasPause, priceTerms } from '@/lib/domain/hardship-pause';
import { evaluateOffer } from '@/lib/domain/offer-checks';
import type { OfferContext, OfferRole, OfferTerms, PricedOffer } from '@/lib/domain/offer-terms';
import { creditorPolicySchema, defaultPolicy } from '@/lib/domain/policy';
import { buildSchedule, type RepaymentMethod } from '@/lib/domain/schedule';
import { oracleArrears } from './arrears-oracle';

/**
 * Random loans, payment histories, policies and offers for the oracle and invariant properties (test-only). The
 * ranges reach the corners: month-end and leap-day start dates, rates up to 36 % (loans made above the cap exist),
 * payments early, late, partial, exact to the fen of what settles, and both allocation scopes.
 */

export const components = ['fees', 'penalty', 'compound', 'interest', 'principal'] as const;
const methods: RepaymentMethod[] = ['equal_installment', 'equal_principal', 'interest_only_bullet'];

export const loanArb = fc.record({
  principal: fc.oneof(fc.integer({ min: 100, max: 100_000 }), fc.integer({ min: 100_000, max: 100_000_000 })),
  annualRatePpm: fc.oneof(fc.integer({ min: 0, max: 240 }).map((x) => x * 1_000), fc.integer({ min: 0, max: 360_000 })),
  months: fc.integer({ min: 1, max: 48 }),
  method: fc.constantFrom(...methods),
  // Around month ends and 2024's leap day as often as not.
  start: fc.oneof(fc.integer({ min: 0, max: 1_100 }).map((d) => addDays('2023-01-01', d)), fc.constantFrom('2023-01-31', '2023-03-31', '2024-01-29', '2024-01-30', '2024-01-31', '2024-02-29', '2023-08-31')),
  fee: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 2_000 })),
});

export const policyArb = fc.record({
  penaltyMarkupPct: fc.oneof(fc.integer({ min: 30, max: 50 }), fc.integer({ min: 3_000, max: 5_000 }).map((h) => h / 100)),
  compoundOnOverdueInterest: fc.boolean(),
  totalCostCapAnnualPct: fc.oneof(fc.constant(24), fc.integer({ min: 0, max: 2_400 }).map((h) => h / 100)),
  allocationOrder: fc.oneof(fc.constant<(typeof components)[number][]>([...components]), fc.shuffledSubarray<(typeof components)[number]>([...components], { minLength: 5, maxLength: 5 })),
  allocationScope: fc.constantFrom('whole_debt' as const, 'per_installment' as const),
});

/** A payment history: installments paid up to some point (early, on time or late, in full or not), then odd payments. */
const historyArb = fc.record({
  paidInstallments: fc.integer({ min: 0, max: 48 }),
  offsets: fc.array(fc.integer({ min: -5, max: 45 }), { minLength: 48, maxLength: 48 }),
  shortBy: fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 50_000 })), { minLength: 48, maxLength: 48 }),
  extra: fc.array(fc.record({ day: fc.integer({ min: 0, max: 1_700 }), perMille: fc.integer({ min: 0, max: 400 }) }), { maxLength: 5 }),
  asOfDay: fc.integer({ min: 0, max: 1_800 }),
  asOfOnDueDate: fc.option(fc.integer({ min: 0, max: 47 }), { nil: undefined }),
  // Now and then, a payment of exactly what settles the loan (as the oracle works it out) on some day.
  settleOn: fc.option(fc.integer({ min: 0, max: 1_700 }), { nil: undefined }),
  settleShort: fc.constantFrom(0, 0, 1),
});

export type ArrearsCase = { input: ArrearsInput; anchorDay: number };

export const arrearsCaseArb = fc.record({ loan: loanArb, policy: policyArb, history: historyArb }).map(({ loan, policy, history }): ArrearsCase => {
  const anchorDay = Number(loan.start.slice(8, 10));
  const schedule = buildSchedule({ principal: loan.principal, annualRatePpm: loan.annualRatePpm, months: loan.months, method: loan.method, firstDueDate: addMonths(loan.start, 1, anchorDay), anchorDay });
  const installments = schedule.map((r) => ({ seq: r.seq, dueDate: r.dueDate, principalDue: r.principal, interestDue: r.interest, feesDue: loan.fee }));
  const payments = installments.slice(0, history.paidInstallments).map((r, i) => ({
    receivedOn: addDays(r.dueDate, history.offsets[i]!),
    amount: Math.max(0, r.principalDue + r.interestDue + r.feesDue - history.shortBy[i]!),
  }));
  for (const e of history.extra) payments.push({ receivedOn: addDays(loan.start, e.day), amount: Math.floor((loan.principal * e.perMille) / 1_000) });
  const asOf = history.asOfOnDueDate !== undefined ? installments[Math.min(history.asOfOnDueDate, installments.length - 1)]!.dueDate : addDays(loan.start, history.asOfDay);
  const input: ArrearsInput = { loan: { principal: loan.principal, annualRatePpm: loan.annualRatePpm, startDate: loan.start }, installments, payments, asOf, policy };
  if (history.settleOn !== undefined) {
    const on = addDays(loan.start, history.settleOn);
    if (on <= asOf) {
      const owed = oracleArrears({ ...input, asOf: on, payments: payments.filter((p) => p.receivedOn <= on) }).totals.totalToSettle;
      payments.push({ receivedOn: on, amount: Math.max(0, owed - history.settleShort) });
    }
  }
  return { input, anchorDay };
});

/** The makings of an offer case: a loan, how much of it was paid, when, the creditor's policy and the income. */
export const offerCaseRecordArb = fc.record({
  loan: loanArb,
  paid: fc.integer({ min: 0, max: 47 }),
  early: fc.constantFrom(0, 0, 2),
  extraDays: fc.integer({ min: 1, max: 400 }),
  extendedMonths: fc.constantFrom(0, 0, 1, 3),
  policy: fc.record({
    markup: fc.integer({ min: 30, max: 50 }),
    cap: fc.oneof(fc.constant(24), fc.constant(24), fc.integer({ min: 500, max: 2_400 }).map((h) => h / 100)),
    scope: fc.constantFrom('whole_debt' as const, 'per_installment' as const),
    spreadBase: fc.constantFrom('outstanding' as const, 'arrears' as const),
    extensionRate: fc.constantFrom('contract' as const, 'policy' as const),
    minDownPaymentPct: fc.constantFrom(0, 0, 10, 12.5),
    maxMonths: fc.constantFrom<number>(12, 36, 60),
    longest: fc.constantFrom<number>(60, 60, 24),
    // A mediator who may offer less than a year, too: the 12-month standard plan is then the mediator's longest.
    mediatorMonths: fc.constantFrom<number>(24, 36, 24, 36, 6, 9),
    pause: fc.record({ months: fc.integer({ min: 1, max: 6 }), interest: fc.constantFrom('frozen' as const, 'reduced' as const), reducedRatePct: fc.constantFrom(0, 25, 50, 100) }),
  }),
  income: fc.option(fc.integer({ min: -100_000, max: 3_000_000 }), { nil: null }),
});
export type OfferCaseRecord = typeof offerCaseRecordArb extends fc.Arbitrary<infer T> ? T : never;

/** The offer context those makings give: the schedule built, the payments made on or before their days, the arrears as of a day after the next due date. */
export function offerCaseOf(a: OfferCaseRecord): OfferContext {
  const anchorDay = Number(a.loan.start.slice(8, 10));
  const policy = creditorPolicySchema.parse({
    penaltyMarkupPct: a.policy.markup,
    totalCostCapAnnualPct: a.policy.cap,
    allocationScope: a.policy.scope,
    longestPlanMonths: a.policy.longest,
    installments: { maxMonths: Math.min(a.policy.maxMonths, a.policy.longest), minDownPaymentPct: a.policy.minDownPaymentPct, firstDueWindowDays: 30, spreadBase: a.policy.spreadBase },
    extension: { rate: a.policy.extensionRate, policyAnnualRatePpm: 90_000 },
    authority: { ...defaultPolicy.authority, mediator: { ...defaultPolicy.authority.mediator, maxPlanMonths: a.policy.mediatorMonths } },
    hardshipPause: { enabled: true, months: a.policy.pause.months, maxMonths: 6, interest: a.policy.pause.interest, reducedRatePct: a.policy.pause.reducedRatePct },
  });
  const schedule = buildSchedule({ principal: a.loan.principal, annualRatePpm: a.loan.annualRatePpm, months: a.loan.months, method: a.loan.method, firstDueDate: addMonths(a.loan.start, 1, anchorDay), anchorDay });
  const installments = schedule.map((r) => ({ seq: r.seq, dueDate: r.dueDate, principalDue: r.principal, interestDue: r.interest, feesDue: a.loan.fee }));
  const paid = Math.min(a.paid, installments.length - 1);
  const payments = installments.slice(0, paid).map((r) => ({ receivedOn: addDays(r.dueDate, -a.early), amount: r.principalDue + r.interestDue + r.feesDue }));
  const asOf = addDays(installments[paid]!.dueDate, a.extraDays);
  const arrears = computeArrears({ loan: { principal: a.loan.principal, annualRatePpm: a.loan.annualRatePpm, startDate: a.loan.start }, installments, payments, asOf, policy });
  return {
    asOf,
    loan: { principal: a.loan.principal, annualRatePpm: a.loan.annualRatePpm, termMonths: a.loan.months, startDate: a.loan.start, maturityDate: schedule.at(-1)!.dueDate, extendedMonths: a.extendedMonths, installments },
    arrears,
    policy,
    disposableIncome: a.income,
  };
}
/** An offer case: a loan in arrears as of a day, under a random policy (built with the schema, so within the law). */
export const offerCaseArb = offerCaseRecordArb.map(offerCaseOf);

const pct = fc.integer({ min: 0, max: 10_000 }).map((h) => h / 100);
export const termsShapeArb = fc.record({
  shape: fc.constantFrom('installments', 'extension', 'extension_installments', 'settlement', 'pause'),
  pause: fc.record({ months: fc.integer({ min: 1, max: 7 }), interest: fc.constantFrom('frozen' as const, 'reduced' as const), ratePct: fc.constantFrom(0, 30, 50, 100) }),
  months: fc.integer({ min: 1, max: 61 }),
  extensionMonths: fc.integer({ min: 1, max: 36 }),
  method: fc.constantFrom('equal_installment' as const, 'equal_principal' as const),
  downPermille: fc.constantFrom(0, 0, 100, 500, 999, 1_000),
  // A first due date anywhere in the window, often exactly a month away (the offer date's day, clamped).
  firstDueIn: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(0)),
  relief: fc.option(
    fc.record({ penalty: pct, compound: pct, interest: pct, principalPermille: fc.constantFrom(0, 0, 50, 1_000), rate: fc.option(fc.record({ pct, months: fc.integer({ min: 1, max: 60 }) }), { nil: undefined }) }),
    { nil: undefined },
  ),
});
export type TermsShape = typeof termsShapeArb extends fc.Arbitrary<infer T> ? T : never;

/** Terms of a shape for a case, the down payment a share of the spread base (priced once without it). */
export function termsFor(ctx: OfferContext, a: TermsShape, priceBase: (terms: OfferTerms) => number | null): OfferTerms | null {
  const r = a.relief;
  const t = ctx.arrears.totals;
  const spreadsAll = a.shape === 'pause' || !(a.shape === 'installments' && ctx.policy.installments.spreadBase === 'arrears');
  const reliefTerms = r && {
    penaltyWaivePct: r.penalty,
    compoundWaivePct: r.compound,
    interestWaivePct: r.interest,
    principalWaive: Math.floor(((t.overduePrincipal + (spreadsAll ? t.notYetDuePrincipal : 0)) * r.principalPermille) / 1_000),
    ...(r.rate && a.shape !== 'settlement' ? { rateReduction: r.rate } : {}),
  };
  // After a pause, the first due date is in the window counted from the pause's end.
  const from = a.shape === 'pause' ? addMonths(ctx.asOf, a.pause.months) : ctx.asOf;
  const firstDueDate = a.firstDueIn === 0 ? addMonths(from, 1) : addDays(from, a.firstDueIn);
  const build = (downPayment: number): OfferTerms => {
    const installments = { months: a.months, method: a.method, downPayment, firstDueDate };
    const relief = reliefTerms ? { relief: reliefTerms } : {};
    if (a.shape === 'installments') return { installments, ...relief };
    if (a.shape === 'pause') return { installments, ...relief, pause: { months: a.pause.months, interest: a.pause.interest, ratePct: a.pause.interest === 'frozen' ? 0 : a.pause.ratePct } };
    if (a.shape === 'extension') return { extensionMonths: a.extensionMonths, ...relief };
    if (a.shape === 'extension_installments') return { extensionMonths: a.extensionMonths, installments, ...relief };
    return { relief: reliefTerms ?? { penaltyWaivePct: 0, compoundWaivePct: 0, interestWaivePct: 0, principalWaive: 0 } };
  };
  const base = priceBase(build(0));
  if (base === null) return null;
  return build(Math.floor((base * a.downPermille) / 1_000));
}

/** The engine's verdict on any terms: a paused plan through hardship-pause.ts, anything else through offer-checks.ts. */
export function evaluateAny(ctx: OfferContext, terms: OfferTerms, role: OfferRole): { priced: PricedOffer | null; violations: unknown[] } {
  return hasPause(terms) ? evaluatePausedPlan(ctx, terms, role) : evaluateOffer(ctx, terms, role);
}

/** The engine's price for any terms. */
export function priceAny(ctx: OfferContext, terms: OfferTerms): PricedOffer {
  return priceTerms(ctx, terms);
}
