import { z } from 'zod';
import { visibleText } from './fields';

export const caseMessageSchema = z.object({
  body: visibleText(2000),
});
export type CaseMessageInput = z.input<typeof caseMessageSchema>;
