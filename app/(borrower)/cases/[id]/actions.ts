'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { postCaseMessage } from '@/lib/server/cases/case-messages';
import { id, text } from '@/lib/validation/envelope';

export const postMessageAction = defineAction('borrower', z.object({ caseId: id, body: text }), async (input, ctx) => {
  await postCaseMessage(ctx, input);
  revalidatePath(`/cases/${input.caseId}`);
  revalidatePath(`/staff/cases/${input.caseId}`);
});
