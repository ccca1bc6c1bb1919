import { z } from 'zod';

const hhmm = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.time');

/**
 * A borrower's own contact settings: quiet hours (no calls or non-mandatory messages between start and end, their
 * clock; may cross midnight) and the channels they opt out of for anything not mandatory.
 */
export const contactSettingsSchema = z
  .object({
    quiet: z.boolean(),
    quietStart: z.string().optional().default(''),
    quietEnd: z.string().optional().default(''),
    optOutSms: z.boolean(),
    optOutEmail: z.boolean(),
    optOutPhone: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (!v.quiet) return;
    const start = hhmm.safeParse(v.quietStart);
    const end = hhmm.safeParse(v.quietEnd);
    if (!start.success) ctx.addIssue({ code: 'custom', path: ['quietStart'], message: 'validation.time' });
    if (!end.success) ctx.addIssue({ code: 'custom', path: ['quietEnd'], message: 'validation.time' });
    if (start.success && end.success && start.data === end.data) ctx.addIssue({ code: 'custom', path: ['quietEnd'], message: 'validation.quietSame' });
  });
export type ContactSettingsInput = z.input<typeof contactSettingsSchema>;
