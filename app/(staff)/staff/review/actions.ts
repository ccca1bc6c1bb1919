'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { decideEscalationReview, type ReviewDecision } from '@/lib/server/review/decide-escalation-review';
import { anObject, id } from '@/lib/validation/envelope';

const decision = z.object({ caseId: id, version: z.number().int(), decision: z.enum(['extend', 'close', 'escalate']), input: anObject });

export const decideReviewAction = defineAction('staff', decision, async ({ caseId, version, decision, input }, ctx) => {
  const result = await decideEscalationReview(ctx, caseId, { decision, input } as ReviewDecision, { version });
  revalidatePath('/staff/review');
  revalidatePath(`/staff/cases/${caseId}`);
  return result;
});

/** The review's "close" in the shape the case page's close form calls. */
export const closeFromReviewAction = defineAction('staff', z.object({ caseId: id, version: z.number().int() }).passthrough(), async ({ caseId, version, ...input }, ctx) => {
  const result = await decideEscalationReview(ctx, caseId, { decision: 'close', input: input as never }, { version });
  revalidatePath('/staff/review');
  return result;
});
