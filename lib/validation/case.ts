import { z } from 'zod';

export const caseMessageSchema = z.object({
  body: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong'),
});
export type CaseMessageInput = z.input<typeof caseMessageSchema>;
