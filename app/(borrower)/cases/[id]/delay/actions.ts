'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { confirmDelay } from '@/lib/server/plans/request-delay';
import { id } from '@/lib/validation/envelope';

export const confirmDelayAction = defineAction('borrower', z.object({ caseId: id, days: z.number() }), async ({ caseId, days }, ctx) => {
  // No revalidation needed: every page that shows the plan is rendered per request; the client goes to the answer.
  const { effect, addendumId } = await confirmDelay(ctx, caseId, { days });
  return { toDate: effect.to, seq: effect.seq, addendumId };
});
