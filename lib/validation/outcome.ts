import { z } from 'zod';
import { calendarDay, extensionDaysField, typedYuanToFen, visibleText } from './fields';
import { closingOutcomes, outcomeAmounts, type OutcomeAmount } from '@/lib/domain/outcomes';

/** Amounts on an outcome: up to ¥100 million (a loan's whole debt), in yuan as typed, to fen. */
const MAX_OUTCOME_FEN = 100_000_000_00;

const optionalAmount = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const text = (raw ?? '').trim();
    if (text === '') return undefined;
    return typedYuanToFen(text, MAX_OUTCOME_FEN, ctx);
  });

export const noteField = z.string().trim().max(1000, 'validation.tooLong').optional();

/** The note of a mediator's review of a flagged case (it may be empty). */
export const reviewNoteSchema = z.object({ note: z.string().trim().max(1000, 'validation.tooLong') });

/** Closing a case: the outcome, the amounts it carries (required where it has them), a note. */
export const closeCaseSchema = z
  .object({
    outcome: z.enum(closingOutcomes, 'validation.choose'),
    amountRecovered: optionalAmount,
    amountWaived: optionalAmount,
    amountClaimed: optionalAmount,
    note: noteField,
  })
  .superRefine((value, ctx) => {
    for (const field of ['amountRecovered', 'amountWaived', 'amountClaimed'] as const satisfies readonly OutcomeAmount[]) {
      const needed = outcomeAmounts[value.outcome].includes(field);
      if (needed && value[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'validation.required' });
      if (needed && value[field] === 0) ctx.addIssue({ code: 'custom', path: [field], message: 'validation.amountPositive' });
    }
  })
  .transform((value) => {
    // Amounts an outcome does not carry are dropped, not stored.
    const keep = (field: OutcomeAmount) => (outcomeAmounts[value.outcome].includes(field) ? value[field] : undefined);
    return { outcome: value.outcome, amountRecovered: keep('amountRecovered'), amountWaived: keep('amountWaived'), amountClaimed: keep('amountClaimed'), note: value.note || undefined };
  });
export type CloseCaseInput = z.input<typeof closeCaseSchema>;

export const reopenCaseSchema = z.object({ reason: visibleText(1000) });
export type ReopenCaseInput = z.input<typeof reopenCaseSchema>;

/** Ways the borrower can have agreed to more time. */
export const agreementChannels = ['phone', 'in_app', 'sms', 'email', 'letter', 'visit'] as const;

/** A supervisor's extension of the mediation window: with the borrower's agreement, recorded. */
export const extendWindowSchema = z.object({
  days: extensionDaysField,
  agreedVia: z.enum(agreementChannels, 'validation.choose'),
  agreedOn: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .pipe(calendarDay),
  borrowerConfirmed: z.literal(true, 'validation.borrowerAgreement'),
  note: visibleText(1000),
});
export type ExtendWindowInput = z.input<typeof extendWindowSchema>;
