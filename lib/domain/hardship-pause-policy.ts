import { z } from 'zod';

/**
 * The creditor's hardship-pause setting (DESIGN.md: a disposable income of zero
 * or below leads to a hardship pause or a long-term offer and a mediator's
 * review). A pause is months with nothing to pay, interest frozen or reduced,
 * after which an installment plan starts; the whole plan, pause included, still
 * ends within the five-year longest plan.
 */
export const hardshipPausePolicySchema = z
  .object({
    /** Whether the system proposes a pause when the borrower has nothing left over. */
    enabled: z.boolean().default(true),
    /** The pause the system proposes, in months. */
    months: z.number().int().min(1).max(12).default(3),
    /** The longest pause anyone may grant, in months (a year at most). */
    maxMonths: z.number().int().min(1).max(12).default(6),
    /** During the pause: no interest at all ('frozen'), or interest at reducedRatePct % of the contract rate ('reduced'). */
    interest: z.enum(['frozen', 'reduced']).default('frozen'),
    /** The rate during a 'reduced' pause, as a percentage of the contract rate (0–100). */
    reducedRatePct: z.number().min(0).max(100).default(50),
  })
  .refine((pause) => pause.months <= pause.maxMonths, { message: 'the proposed pause is longer than the longest allowed', path: ['months'] });

export type HardshipPausePolicy = z.infer<typeof hardshipPausePolicySchema>;

export const defaultHardshipPausePolicy: HardshipPausePolicy = { enabled: true, months: 3, maxMonths: 6, interest: 'frozen', reducedRatePct: 50 };
