import { z } from 'zod';
import { defaultHardshipPausePolicy, hardshipPausePolicySchema } from './hardship-pause-policy';
import { defaultNoticeSequence, noticeSequenceSchema } from './notice-sequence';

/**
 * A creditor's policy: every domain rule in DESIGN.md as a setting, with the
 * defaults the brief gives. Stored as JSON on the creditor row and validated
 * with this schema whenever it is read or written.
 */
const percent = z.number().min(0).max(100);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const authoritySchema = z.object({
  maxPenaltyWaivePct: percent,
  maxCompoundWaivePct: percent,
  maxInterestWaivePct: percent,
  maxPrincipalWaivePct: percent,
  maxRateReductionPct: percent,
  maxPlanMonths: z.number().int().min(1).max(60),
});

export const creditorPolicySchema = z.object({
  penaltyMarkupPct: z.number().min(30).max(50).default(50),
  compoundOnOverdueInterest: z.boolean().default(true),
  dayCountBasis: z.literal(360).default(360),
  totalCostCapAnnualPct: z.number().min(0).max(36).default(24),
  allocationOrder: z
    .array(z.enum(['fees', 'penalty', 'compound', 'interest', 'principal']))
    .length(5)
    .default(['fees', 'penalty', 'compound', 'interest', 'principal']),
  graceDays: z.number().int().min(0).max(30).default(3),
  selfServiceDelayMaxDays: z.number().int().min(0).max(31).default(14),
  breachConsecutiveMisses: z.number().int().min(1).max(6).default(2),
  mediationWindowDays: z.number().int().min(1).max(180).default(30),
  offerExpiryDays: z.number().int().min(1).max(60).default(7),
  installments: z
    .object({
      maxMonths: z.number().int().min(1).max(60).default(60),
      minDownPaymentPct: percent.default(0),
      firstDueWindowDays: z.number().int().min(1).max(90).default(30),
      spreadBase: z.enum(['arrears', 'outstanding']).default('outstanding'),
    })
    .default({ maxMonths: 60, minDownPaymentPct: 0, firstDueWindowDays: 30, spreadBase: 'outstanding' }),
  extension: z
    .object({ rate: z.enum(['contract', 'policy']).default('contract'), policyAnnualRatePpm: z.number().int().min(0).max(240_000).optional() })
    .default({ rate: 'contract' }),
  authority: z
    .object({ mediator: authoritySchema, supervisor: authoritySchema })
    .default({
      mediator: { maxPenaltyWaivePct: 100, maxCompoundWaivePct: 100, maxInterestWaivePct: 30, maxPrincipalWaivePct: 0, maxRateReductionPct: 30, maxPlanMonths: 36 },
      supervisor: { maxPenaltyWaivePct: 100, maxCompoundWaivePct: 100, maxInterestWaivePct: 100, maxPrincipalWaivePct: 20, maxRateReductionPct: 100, maxPlanMonths: 60 },
    }),
  borrowerProposal: z
    .object({ maxMonths: z.number().int().min(1).max(60).default(36), minDownPaymentPct: percent.default(0) })
    .default({ maxMonths: 36, minDownPaymentPct: 0 }),
  contact: z
    .object({
      windowStart: hhmm.default('08:00'),
      windowEnd: hhmm.default('21:00'),
      maxEffectivePerDay: z.number().int().min(0).max(10).default(3),
      maxUnansweredAttemptsPerDay: z.number().int().min(0).max(20).default(6),
      maxAttemptsPer7Days: z.number().int().min(0).max(50).default(7),
    })
    .default({ windowStart: '08:00', windowEnd: '21:00', maxEffectivePerDay: 3, maxUnansweredAttemptsPerDay: 6, maxAttemptsPer7Days: 7 }),
  waiverFallsAwayOnBreach: z.boolean().default(true),
  /** A payment pause for a borrower with nothing left over (lib/domain/hardship-pause.ts). */
  hardshipPause: hardshipPausePolicySchema.default(defaultHardshipPausePolicy),
  /** Whether a borrower's own proposal closes the system's suggestions still open (it always replaces a mediator's open counter). */
  borrowerProposalClosesSuggestions: z.boolean().default(false),
  /** The pre-litigation notices, their order and spacing, and which need a supervisor (lib/domain/notice-sequence.ts). */
  noticeSequence: noticeSequenceSchema.default(defaultNoticeSequence),
});

export type CreditorPolicy = z.infer<typeof creditorPolicySchema>;
export type Authority = z.infer<typeof authoritySchema>;

export const defaultPolicy: CreditorPolicy = creditorPolicySchema.parse({});

export function parsePolicy(value: unknown): CreditorPolicy {
  return creditorPolicySchema.parse(value ?? {});
}
