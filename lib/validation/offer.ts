import { z } from 'zod';

/** The terms of an offer as a service receives them (already numbers: fen, months, percentages, ISO dates). */
const pct = z.number().min(0).max(100);

export const offerTermsSchema = z
  .object({
    extensionMonths: z.number().int().min(1).max(36).optional(),
    installments: z
      .object({
        months: z.number().int().min(1).max(60),
        method: z.enum(['equal_installment', 'equal_principal']),
        downPayment: z.number().int().min(0),
        firstDueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date'),
      })
      .optional(),
    relief: z
      .object({
        penaltyWaivePct: pct,
        compoundWaivePct: pct,
        interestWaivePct: pct,
        principalWaive: z.number().int().min(0),
        rateReduction: z.object({ pct, months: z.number().int().min(1).max(60) }).optional(),
      })
      .optional(),
  })
  .refine((t) => t.extensionMonths !== undefined || t.installments !== undefined || t.relief !== undefined, { message: 'validation.offerEmpty' });

export type OfferTermsInput = z.infer<typeof offerTermsSchema>;

export const offerMessageSchema = z.string().trim().max(1000, 'validation.tooLong').optional();
export const reasonSchema = z.string().trim().min(1, 'validation.required').max(1000, 'validation.tooLong');
