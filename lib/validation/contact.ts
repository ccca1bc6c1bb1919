import { z } from 'zod';
import { contactResults, staffContactChannels } from '@/lib/domain/contact-record';
import { amountField, calendarDay, reasonField } from './fields';

const note = z.string().trim().max(1000, 'validation.tooLong');
const isoDay = calendarDay;

/** Recording a contact (the case file's form; strings as typed). The promise fields only with the result "promise to pay". */
export const contactFormSchema = z
  .object({
    channel: z.enum(staffContactChannels, { message: 'validation.choose' }),
    direction: z.enum(['outbound', 'inbound'], { message: 'validation.choose' }),
    party: z.enum(['borrower', 'third_party'], { message: 'validation.choose' }),
    result: z.enum(contactResults, { message: 'validation.choose' }),
    note: note.optional().default(''),
    noDebtDisclosed: z.boolean().optional().default(false),
    promiseDate: z.string().optional().default(''),
    promiseAmount: z.string().optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.result !== 'promise_to_pay') return;
    if (!isoDay.safeParse(v.promiseDate).success) ctx.addIssue({ code: 'custom', path: ['promiseDate'], message: 'validation.date' });
    const amount = amountField.safeParse(v.promiseAmount);
    if (!amount.success) ctx.addIssue({ code: 'custom', path: ['promiseAmount'], message: amount.error.issues[0]!.message });
    else if (amount.data <= 0) ctx.addIssue({ code: 'custom', path: ['promiseAmount'], message: 'validation.amountPositive' });
  });
export type ContactFormInput = z.input<typeof contactFormSchema>;

/** A promise to pay recorded on its own (made in a message or in person). */
export const promiseFormSchema = z.object({
  promiseDate: isoDay,
  promiseAmount: amountField.refine((fen) => fen > 0, 'validation.amountPositive'),
});

export const noteSchema = z.object({ body: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong') });

/** A callback at a local date and time (the borrower's clock), e.g. 2026-03-10T15:30. */
export const callbackSchema = z.object({
  dueAt: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'validation.dateTime'),
  note: note.optional().default(''),
});

export const extendDeadlineSchema = z.object({
  days: z.coerce.number({ message: 'validation.between{"min":1,"max":30}' }).int().min(1, 'validation.between{"min":1,"max":30}').max(30, 'validation.between{"min":1,"max":30}'),
  reason: reasonField(1000),
  borrowerAgreed: z.literal(true, { message: 'validation.borrowerAgreed' }),
});

export const revealSchema = z.object({
  field: z.enum(['phone', 'residentId']),
  reason: reasonField(500),
});
