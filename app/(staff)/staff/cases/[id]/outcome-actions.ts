'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { closeCase } from '@/lib/server/outcomes/close-case';
import { reopenCase } from '@/lib/server/outcomes/reopen-case';
import { id, text } from '@/lib/validation/envelope';

const refresh = (caseId: string) => {
  revalidatePath(`/staff/cases/${caseId}`);
  revalidatePath('/staff');
};

const closing = z.object({
  caseId: id,
  version: z.number().int(),
  outcome: text,
  amountRecovered: text.optional(),
  amountWaived: text.optional(),
  amountClaimed: text.optional(),
  note: text.optional(),
});

export const closeCaseAction = defineAction('staff', closing, async ({ caseId, version, ...input }, ctx) => {
  const result = await closeCase(ctx, caseId, input as Parameters<typeof closeCase>[2], { version });
  refresh(caseId);
  return result;
});

export const reopenCaseAction = defineAction('staff', z.object({ caseId: id, version: z.number().int(), reason: text }), async ({ caseId, version, reason }, ctx) => {
  const result = await reopenCase(ctx, caseId, { reason }, { version });
  refresh(caseId);
  return result;
});
