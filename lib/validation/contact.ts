import { z } from 'zod';
import { contactResults, staffContactChannels } from '@/lib/domain/contact-record';
import { amountField, calendarDay, extensionDaysField, reasonField, visibleText } from './fields';

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

export const noteSchema = z.object({ body: visibleText(2000) });

/** A callback at a local date and time (the borrower's clock), e.g. 2026-03-10T15:30. */
export const callbackSchema = z.object({
  // A real day and time: 2026-11-35T10:00 or 25:00 was rolled over into another day, not refused.
  dueAt: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'validation.dateTime')
    .refine((value) => calendarDay.safeParse(value.slice(0, 10)).success, 'validation.dateTime'),
  note: note.optional().default(''),
});

export const extendDeadlineSchema = z.object({
  days: extensionDaysField,
  reason: reasonField(1000),
  borrowerAgreed: z.literal(true, { message: 'validation.borrowerAgreed' }),
});

export const revealSchema = z.object({
  field: z.enum(['phone', 'residentId']),
  reason: reasonField(500),
});
