import { describe, expect, it } from 'vitest';
import { creditorPolicySchema, defaultPolicy, LEGAL_COST_CAP_PCT, LEGAL_LONGEST_PLAN_MONTHS, parsePolicy } from './policy';

const accepts = (value: unknown) => creditorPolicySchema.safeParse(value).success;

describe('creditor policy', () => {
  it('has the defaults DESIGN.md gives', () => {
    expect(defaultPolicy).toMatchObject({
      penaltyMarkupPct: 50,
      totalCostCapAnnualPct: 24,
      allocationScope: 'whole_debt',
      longestPlanMonths: 60,
      contact: { windowStart: '08:00', windowEnd: '21:00', maxEffectivePerDay: 3, maxUnansweredAttemptsPerDay: 6, maxAttemptsPer7Days: 7, maxMessagesPerDay: 2, maxMessagesPer7Days: 7 },
    });
    expect([LEGAL_COST_CAP_PCT, LEGAL_LONGEST_PLAN_MONTHS]).toEqual([24, 60]);
  });

  it('defect 4: legal limits are ceilings a creditor may tighten but never loosen', () => {
    // The cap: at most 24 % a year.
    expect(accepts({ totalCostCapAnnualPct: 24 })).toBe(true);
    expect(accepts({ totalCostCapAnnualPct: 18 })).toBe(true);
    expect(accepts({ totalCostCapAnnualPct: 24.01 })).toBe(false);
    expect(accepts({ totalCostCapAnnualPct: 36 })).toBe(false);
    // Hundredths at most, as the engine counts them (a third decimal threw for every case of the creditor).
    expect(accepts({ totalCostCapAnnualPct: 23.99 })).toBe(true);
    expect(accepts({ totalCostCapAnnualPct: 23.999 })).toBe(false);
    expect(accepts({ penaltyMarkupPct: 37.55 })).toBe(true);
    expect(accepts({ penaltyMarkupPct: 37.555 })).toBe(false);
    expect(accepts({ installments: { maxMonths: 60, minDownPaymentPct: 12.34, firstDueWindowDays: 30, spreadBase: 'outstanding' } })).toBe(true);
    expect(accepts({ installments: { maxMonths: 60, minDownPaymentPct: 12.345, firstDueWindowDays: 30, spreadBase: 'outstanding' } })).toBe(false);
    // Every class of the debt once in the order of payment.
    expect(accepts({ allocationOrder: ['principal', 'interest', 'compound', 'penalty', 'fees'] })).toBe(true);
    expect(accepts({ allocationOrder: ['principal', 'principal', 'principal', 'principal', 'principal'] })).toBe(false);
    // The contact window: inside 08:00–21:00 (the stricter of GB/T 45251-2025's 22:00 and Regulation F's 21:00), never
    // wrapping midnight.
    expect(accepts({ contact: { windowStart: '08:00', windowEnd: '21:00' } })).toBe(true);
    expect(accepts({ contact: { windowStart: '08:00', windowEnd: '21:01' } })).toBe(false);
    expect(accepts({ contact: { windowStart: '08:00', windowEnd: '22:00' } })).toBe(false);
    expect(accepts({ contact: { windowStart: '09:30', windowEnd: '18:00' } })).toBe(true);
    expect(accepts({ contact: { windowStart: '06:00', windowEnd: '21:00' } })).toBe(false);
    expect(accepts({ contact: { windowStart: '08:00', windowEnd: '23:30' } })).toBe(false);
    expect(accepts({ contact: { windowStart: '21:00', windowEnd: '08:00' } })).toBe(false);
    expect(accepts({ contact: { windowStart: '12:00', windowEnd: '12:00' } })).toBe(false);
    // The contact limits.
    expect(accepts({ contact: { maxEffectivePerDay: 3, maxUnansweredAttemptsPerDay: 6, maxAttemptsPer7Days: 7 } })).toBe(true);
    expect(accepts({ contact: { maxEffectivePerDay: 4 } })).toBe(false);
    expect(accepts({ contact: { maxEffectivePerDay: 10 } })).toBe(false);
    expect(accepts({ contact: { maxUnansweredAttemptsPerDay: 7 } })).toBe(false);
    expect(accepts({ contact: { maxUnansweredAttemptsPerDay: 20 } })).toBe(false);
    expect(accepts({ contact: { maxAttemptsPer7Days: 8 } })).toBe(false);
    expect(accepts({ contact: { maxAttemptsPer7Days: 50 } })).toBe(false);
    expect(accepts({ contact: { maxMessagesPerDay: 4 } })).toBe(false);
    expect(accepts({ contact: { maxMessagesPer7Days: 15 } })).toBe(false);
    // The longest plan: five years at most; an extension's policy rate no higher than the cap.
    expect(accepts({ longestPlanMonths: 36 })).toBe(true);
    expect(accepts({ longestPlanMonths: 61 })).toBe(false);
    expect(accepts({ installments: { maxMonths: 61 } })).toBe(false);
    expect(accepts({ extension: { rate: 'policy', policyAnnualRatePpm: 240_001 } })).toBe(false);
    // The mediation window: 30 days (SPC rules on online mediation, 2021); a case is extended by agreement, not by policy.
    expect(accepts({ mediationWindowDays: 30 })).toBe(true);
    expect(accepts({ mediationWindowDays: 14 })).toBe(true);
    expect(accepts({ mediationWindowDays: 31 })).toBe(false);
    expect(accepts({ mediationWindowDays: 180 })).toBe(false);
    // The penalty markup: 30–50 % (PBoC 2003).
    expect(accepts({ penaltyMarkupPct: 51 })).toBe(false);
    expect(accepts({ penaltyMarkupPct: 29 })).toBe(false);
  });

  it('refuses a mediator allowed more than the supervisor who approves, on the mediator’s field, naming the supervisor’s limit', () => {
    const { mediator, supervisor } = defaultPolicy.authority;
    const issuesOf = (authority: object) => {
      const result = creditorPolicySchema.safeParse({ authority });
      return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    };
    // The defaults: the mediator's every limit at or under the supervisor's.
    expect(issuesOf({ mediator, supervisor })).toEqual([]);
    // Equal is allowed.
    expect(issuesOf({ mediator: supervisor, supervisor })).toEqual([]);
    expect(issuesOf({ mediator: { ...mediator, maxPrincipalWaivePct: 50 }, supervisor: { ...supervisor, maxPrincipalWaivePct: 20 } })).toEqual([
      { path: 'authority.mediator.maxPrincipalWaivePct', message: 'validation.authorityAboveSupervisor{"max":20}' },
    ]);
    expect(issuesOf({ mediator: { ...mediator, maxPlanMonths: 37 }, supervisor: { ...supervisor, maxPlanMonths: 36 } })).toEqual([
      { path: 'authority.mediator.maxPlanMonths', message: 'validation.authorityAboveSupervisor{"max":36}' },
    ]);
  });

  it('keeps the per-installment allocation as an option for contracts that stipulate it', () => {
    expect(creditorPolicySchema.parse({ allocationScope: 'per_installment' }).allocationScope).toBe('per_installment');
    expect(accepts({ allocationScope: 'newest_first' })).toBe(false);
  });

  it('contact hours are times of day written hh:mm, and their order is by the clock, minutes included', () => {
    for (const time of ['08:00x', 'x08:00', '8:00', '24:00', '08:60', '0800']) expect(accepts({ contact: { windowStart: time } }), time).toBe(false);
    // 10:30 is after 10:10 (630 > 610 minutes), though the hours alone would not say so.
    expect(accepts({ contact: { windowStart: '10:30', windowEnd: '10:10' } })).toBe(false);
    expect(accepts({ contact: { windowStart: '10:10', windowEnd: '10:30' } })).toBe(true);
  });

  it('names why contact hours are refused, on the field to fix', () => {
    const issuesOf = (contact: object) => {
      const result = creditorPolicySchema.safeParse({ contact });
      return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    };
    expect(issuesOf({ windowStart: '07:59' })).toEqual([{ path: 'contact.windowStart', message: 'policy.contactWindow' }]);
    expect(issuesOf({ windowEnd: '22:01' })).toEqual([{ path: 'contact.windowEnd', message: 'policy.contactWindow' }]);
    expect(issuesOf({ windowStart: '20:00', windowEnd: '09:00' })).toEqual([{ path: 'contact.windowEnd', message: 'policy.contactWindowOrder' }]);
  });

  it('a policy left empty is the default one, with the creditor-friendly choices off', () => {
    for (const empty of [null, undefined, {}]) expect(parsePolicy(empty)).toEqual(defaultPolicy);
    expect(defaultPolicy).toMatchObject({
      compoundOnOverdueInterest: true,
      installments: { spreadBase: 'outstanding' },
      extension: { rate: 'contract' },
      borrowerProposalClosesSuggestions: false,
      waiverFallsAwayOnBreach: true,
    });
    // An extension's own rate, if a creditor sets one, is at most the cost cap and never negative.
    expect(accepts({ extension: { rate: 'policy', policyAnnualRatePpm: 240_000 } })).toBe(true);
    expect(accepts({ extension: { rate: 'policy', policyAnnualRatePpm: 240_001 } })).toBe(false);
    expect(accepts({ extension: { rate: 'policy', policyAnnualRatePpm: -1 } })).toBe(false);
  });
});
