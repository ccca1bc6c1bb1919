import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayContact, type ContactChannel } from '@/lib/domain/contact-rules';
import { checkOffer } from '@/lib/domain/offer-checks';
import { hasPause } from '@/lib/domain/hardship-pause';
import { suggestOffers } from '@/lib/domain/offer-suggestions';
import type { OfferContext, OfferTerms, PricedOffer } from '@/lib/domain/offer-terms';
import { creditorPolicySchema } from '@/lib/domain/policy';
import { evaluateAny, offerCaseArb, termsFor, termsShapeArb } from './arbitraries';
import { parse } from './calendar';
import { oracleOffer } from './offer-oracle';

/**
 * The law, as properties: whatever offer the engine accepts for any role, and whatever it suggests, (1) charges no more
 * than the cap over the loan's life (the oracle's cap and charges, not the engine's own verdict), (2) ends within the
 * longest plan from the agreement date, (3) keeps the cumulative extension within art. 12; and (4) no contact is ever
 * allowed outside 08:00–21:00 in the borrower's time zone, nor outside the creditor's window, whatever the policy says.
 * Counts: 300 random offers × 4 roles, 80 cases of suggestions, 2,000 contact requests.
 */

/** Art. 12 of the General Rules on Loans, written out again: ≤ 1 year: the term; 1–5 years: half of it; longer: 3 years. */
const art12 = (termMonths: number) => (termMonths <= 12 ? termMonths : termMonths <= 60 ? Math.floor(termMonths / 2) : 36);

/** The last day `months` months after the agreement date, on its day of the month (clamped). */
function monthsAfter(iso: string, months: number): string {
  const { y, m, d } = parse(iso);
  const total = y * 12 + m - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function assertLawful(ctx: OfferContext, terms: OfferTerms, priced: PricedOffer) {
  const o = oracleOffer(ctx, terms);
  // (1) Over the loan's life: every charge (less what the borrower had already paid above the cap, credited against
  // principal or history) within the cap, both measured by the oracle.
  expect(o.cap.charges - o.capReduction.principal - o.cap.paidAboveCap).toBeLessThanOrEqual(o.cap.cap);
  // Charges already above the cap today are never carried into the plan.
  expect(o.carried.total).toBeLessThanOrEqual(ctx.arrears.totals.enforceableTotalToSettle);
  // (2) The plan's own installments end within the longest plan.
  const planEnd = priced.schedule.filter((r) => r.source === 'plan').at(-1)?.dueDate ?? ctx.asOf;
  expect(planEnd <= monthsAfter(ctx.asOf, ctx.policy.longestPlanMonths)).toBe(true);
  expect(planEnd <= monthsAfter(ctx.asOf, 60)).toBe(true);
  // (3) Cumulative extension within art. 12, measured from the maturity as already extended.
  if (terms.extensionMonths !== undefined) {
    expect(ctx.loan.extendedMonths + terms.extensionMonths).toBeLessThanOrEqual(art12(ctx.loan.termMonths));
    expect(priced.newMaturityDate).toBe(o.newMaturityDate);
  }
}

describe('legal invariants', () => {
  it('every offer the engine accepts, for any role, is within the cap, the longest plan and art. 12', () => {
    let accepted = 0;
    let tried = 0;
    fc.assert(
      fc.property(offerCaseArb, termsShapeArb, fc.constantFrom('borrower' as const, 'mediator' as const, 'supervisor' as const, 'system' as const), (ctx, shape, role) => {
        tried++;
        const terms = termsFor(ctx, shape, (t) => evaluateAny(ctx, t, role).priced?.installmentBase ?? null);
        if (!terms) return;
        const { priced, violations } = evaluateAny(ctx, terms, role);
        if (!priced || violations.length > 0) return;
        accepted++;
        if (!hasPause(terms)) expect(checkOffer(ctx, terms, role)).toEqual({ ok: true });
        assertLawful(ctx, terms, priced);
      }),
      { numRuns: 300 },
    );
    // Enough of the random terms pass every rule to say something (a ratio worth checking on a full run, not a shortened one).
    if (tried >= 100) expect(accepted).toBeGreaterThan(tried / 10);
  }, 90_000);

  it('every suggestion is within the cap, the longest plan and art. 12', () => {
    fc.assert(
      fc.property(offerCaseArb, (ctx) => {
        for (const s of suggestOffers(ctx)) assertLawful(ctx, s.terms, s.priced);
      }),
      { numRuns: 80 },
    );
  }, 90_000);

  it('no contact is allowed outside 08:00–21:00 local, nor outside the creditor’s window, whatever the policy or the request', () => {
    const zones = ['Asia/Shanghai', 'Asia/Urumqi', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu'];
    const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 24 * 60 }),
        fc.constantFrom(...zones),
        fc.constantFrom<ContactChannel>('sms', 'email', 'phone', 'letter', 'visit'),
        fc.boolean(),
        // Any window the schema lets a creditor set, and any it refuses (then the defaults stand).
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        fc.record({ effective: fc.integer({ min: 0, max: 12 }), unanswered: fc.integer({ min: 0, max: 25 }), week: fc.integer({ min: 0, max: 60 }) }),
        (minute, timeZone, channel, mandatory, start, end, limits) => {
          const parsed = creditorPolicySchema.safeParse({
            contact: { windowStart: time(start), windowEnd: time(end), maxEffectivePerDay: limits.effective, maxUnansweredAttemptsPerDay: limits.unanswered, maxAttemptsPer7Days: limits.week },
          });
          const policy = parsed.success ? parsed.data : creditorPolicySchema.parse({});
          const now = new Date(Date.UTC(2026, 0, 1) + minute * 60_000);
          if (!mayContact({ channel, mandatory, now, timeZone, history: [], policy }).allowed) return;
          const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
          const local = Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
          expect(local).toBeGreaterThanOrEqual(8 * 60);
          expect(local).toBeLessThan(21 * 60);
          const [ws, we] = [policy.contact.windowStart, policy.contact.windowEnd].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
          expect(local >= ws! && local < we!).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
