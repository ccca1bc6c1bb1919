import { z } from 'zod';
import { defaultHardshipPausePolicy, hardshipPausePolicySchema } from './hardship-pause-policy';
import { defaultNoticeSequence, noticeSequenceSchema } from './notice-sequence';

/**
 * A creditor's policy: every domain rule in DESIGN.md as a setting, with the
 * defaults the brief gives. Stored as JSON on the creditor row and validated
 * with this schema whenever it is read or written.
 *
 * Legal limits are ceilings: the schema lets a creditor tighten them, never
 * loosen them. Each bounded field names its source in a comment (an admin
 * form shows them); fields without a source are the creditor's own choice.
 */
// The engine counts percentages in hundredths (offer-terms, pctHundredths): a third decimal would fail every case.
const percent = z.number().min(0).max(100).multipleOf(0.01, { message: 'validation.percent' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const minutesOf = (value: string) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));

/**
 * The widest contact hours a policy may set: the strictest of the rules in force (DESIGN.md), 08:00–21:00. GB/T
 * 45251-2025 (金融催收服务规范) forbids contact from 22:00 to 08:00, US Regulation F (12 CFR 1006.6(b)(1)(i)) from 21:00;
 * as with Regulation F's 7 call attempts in 7 days, the stricter stands.
 */
export const LEGAL_CONTACT_WINDOW = { start: '08:00', end: '21:00' } as const;
/** Five years: the ceiling of an individually negotiated installment plan (商业银行信用卡业务监督管理办法 art. 70, 个性化分期 ≤ 5 years). */
export const LEGAL_LONGEST_PLAN_MONTHS = 60;
/** SPC opinion on financial adjudication (法发〔2017〕22号) art. 2: interest, compound, penalty and fees above 24 % a year are not enforced. */
export const LEGAL_COST_CAP_PCT = 24;

/** The SPC rules on online mediation (2021): pre-filing mediation takes 30 days, extended only when both sides agree (per case, recorded). */
export const LEGAL_MEDIATION_WINDOW_DAYS = 30;

/** Plan lengths in months, up to the five-year ceiling. */
const planMonths = z.number().int().min(1).max(LEGAL_LONGEST_PLAN_MONTHS);

export const authoritySchema = z.object({
  maxPenaltyWaivePct: percent,
  maxCompoundWaivePct: percent,
  maxInterestWaivePct: percent,
  maxPrincipalWaivePct: percent,
  maxRateReductionPct: percent,
  maxPlanMonths: planMonths,
});

export const contactPolicySchema = z
  .object({
    // Contact hours in the borrower's time zone, inside 08:00–21:00 (LEGAL_CONTACT_WINDOW), the default. Never wraps
    // midnight: the start is before the end.
    windowStart: hhmm.refine((v) => v >= LEGAL_CONTACT_WINDOW.start, { message: 'policy.contactWindow' }).default('08:00'),
    windowEnd: hhmm.refine((v) => v <= LEGAL_CONTACT_WINDOW.end, { message: 'policy.contactWindow' }).default('21:00'),
    // Calls and visits, per the borrower's calendar day: at most 3 effective conversations (GB/T 45251-2025; China Banking
    // Association collection guideline, 2026).
    maxEffectivePerDay: z.number().int().min(0).max(3).default(3),
    // At most 6 unanswered call attempts a day (GB/T 45251-2025; China Banking Association guideline, 2026).
    maxUnansweredAttemptsPerDay: z.number().int().min(0).max(6).default(6),
    // At most 7 call attempts in 7 days (US Regulation F, 12 CFR 1006.14(b)(2)(i)); blocked attempts are recorded, not counted.
    maxAttemptsPer7Days: z.number().int().min(0).max(7).default(7),
    // Automated messages (SMS, e-mail, letters): no statute sets a number; GB/T 45251-2025 asks for a reasonable frequency.
    // Concord's defaults keep them at the pace of the call limits: 2 a day, 7 in 7 days. Mandatory notices are not counted
    // against these (they still obey the hours).
    maxMessagesPerDay: z.number().int().min(0).max(3).default(2),
    maxMessagesPer7Days: z.number().int().min(0).max(14).default(7),
  })
  .refine((c) => minutesOf(c.windowStart) < minutesOf(c.windowEnd), { message: 'policy.contactWindowOrder', path: ['windowEnd'] });

export const creditorPolicySchema = z.object({
  // PBoC notice on RMB loan interest rates (银发〔2003〕251号): penalty interest = the contract rate raised by 30 %–50 %.
  penaltyMarkupPct: z.number().min(30).max(50).multipleOf(0.01).default(50),
  compoundOnOverdueInterest: z.boolean().default(true),
  // Daily rate = annual rate / 360 (PBoC convention) for penalty and compound interest.
  dayCountBasis: z.literal(360).default(360),
  // The total-cost cap, a ceiling: SPC opinion on financial adjudication (法发〔2017〕22号) art. 2, 24 % a year.
  totalCostCapAnnualPct: z.number().min(0).max(LEGAL_COST_CAP_PCT).multipleOf(0.01).default(LEGAL_COST_CAP_PCT),
  // The order of the classes a payment pays (Civil Code art. 561: costs → interest → principal).
  allocationOrder: z
    .array(z.enum(['fees', 'penalty', 'compound', 'interest', 'principal']))
    .length(5)
    // Each class once: a class left out would never be paid, and its money would go nowhere.
    .refine((order) => new Set(order).size === order.length)
    .default(['fees', 'penalty', 'compound', 'interest', 'principal']),
  // Civil Code art. 561: each class across the whole overdue debt, oldest installment first ('whole_debt'), unless the
  // contract stipulates that each installment is cleared before the next ('per_installment').
  allocationScope: z.enum(['whole_debt', 'per_installment']).default('whole_debt'),
  graceDays: z.number().int().min(0).max(30).default(3),
  selfServiceDelayMaxDays: z.number().int().min(0).max(31).default(14),
  breachConsecutiveMisses: z.number().int().min(1).max(6).default(2),
  // SPC rules on online mediation (2021): pre-filing mediation in 30 days, extendable when both sides agree.
  mediationWindowDays: z.number().int().min(1).max(LEGAL_MEDIATION_WINDOW_DAYS).default(LEGAL_MEDIATION_WINDOW_DAYS),
  offerExpiryDays: z.number().int().min(1).max(60).default(7),
  // Every plan (installments, extension or both) ends within this many months of the agreement date; a ceiling of five
  // years (商业银行信用卡业务监督管理办法 art. 70). Extensions are also limited by General Rules on Loans art. 12.
  longestPlanMonths: planMonths.default(LEGAL_LONGEST_PLAN_MONTHS),
  installments: z
    .object({
      maxMonths: planMonths.default(60),
      minDownPaymentPct: percent.default(0),
      firstDueWindowDays: z.number().int().min(1).max(90).default(30),
      spreadBase: z.enum(['arrears', 'outstanding']).default('outstanding'),
    })
    .default({ maxMonths: 60, minDownPaymentPct: 0, firstDueWindowDays: 30, spreadBase: 'outstanding' }),
  extension: z
    // A policy rate on the extended part may not exceed the cap (240 000 ppm = 24 %).
    .object({ rate: z.enum(['contract', 'policy']).default('contract'), policyAnnualRatePpm: z.number().int().min(0).max(LEGAL_COST_CAP_PCT * 10_000).optional() })
    .default({ rate: 'contract' }),
  authority: z
    .object({ mediator: authoritySchema, supervisor: authoritySchema })
    // What a mediator may grant alone, a supervisor may approve: a mediator's limit above the supervisor's would let a
    // mediator grant what no one could approve.
    .superRefine((a, ctx) => {
      for (const key of Object.keys(a.mediator) as (keyof Authority)[]) {
        if (a.mediator[key] > a.supervisor[key]) ctx.addIssue({ code: 'custom', path: ['mediator', key], message: `validation.authorityAboveSupervisor${JSON.stringify({ max: a.supervisor[key] })}` });
      }
    })
    .default({
      mediator: { maxPenaltyWaivePct: 100, maxCompoundWaivePct: 100, maxInterestWaivePct: 30, maxPrincipalWaivePct: 0, maxRateReductionPct: 30, maxPlanMonths: 36 },
      supervisor: { maxPenaltyWaivePct: 100, maxCompoundWaivePct: 100, maxInterestWaivePct: 100, maxPrincipalWaivePct: 20, maxRateReductionPct: 100, maxPlanMonths: 60 },
    }),
  borrowerProposal: z
    .object({ maxMonths: planMonths.default(36), minDownPaymentPct: percent.default(0) })
    .default({ maxMonths: 36, minDownPaymentPct: 0 }),
  contact: contactPolicySchema.default({
    windowStart: '08:00',
    windowEnd: '21:00',
    maxEffectivePerDay: 3,
    maxUnansweredAttemptsPerDay: 6,
    maxAttemptsPer7Days: 7,
    maxMessagesPerDay: 2,
    maxMessagesPer7Days: 7,
  }),
  waiverFallsAwayOnBreach: z.boolean().default(true),
  /** A payment pause for a borrower with nothing left over (lib/domain/hardship-pause.ts). */
  hardshipPause: hardshipPausePolicySchema.default(defaultHardshipPausePolicy),
  /** Whether a borrower's own proposal closes the system's suggestions still open (it always replaces a mediator's open counter). */
  borrowerProposalClosesSuggestions: z.boolean().default(false),
  /** The pre-litigation notices, their order and spacing, and which need a supervisor (lib/domain/notice-sequence.ts). */
  noticeSequence: noticeSequenceSchema.default(defaultNoticeSequence),
});

export type CreditorPolicy = z.infer<typeof creditorPolicySchema>;
export type ContactPolicy = z.infer<typeof contactPolicySchema>;
export type Authority = z.infer<typeof authoritySchema>;

export const defaultPolicy: CreditorPolicy = creditorPolicySchema.parse({});

export function parsePolicy(value: unknown): CreditorPolicy {
  return creditorPolicySchema.parse(value ?? {});
}
