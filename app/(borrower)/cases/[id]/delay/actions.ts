'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { confirmDelay } from '@/lib/server/plans/request-delay';
import { id } from '@/lib/validation/envelope';

export const confirmDelayAction = defineAction('borrower', z.object({ caseId: id, days: z.number() }), async ({ caseId, days }, ctx) => {
  const { effect, addendumId } = await confirmDelay(ctx, caseId, { days });
  revalidatePath(`/cases/${caseId}`);
  return { toDate: effect.to, seq: effect.seq, addendumId };
});
