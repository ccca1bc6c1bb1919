'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { decideApproval } from '@/lib/server/offers/decide-approval';
import type { OfferTermsInput } from '@/lib/validation/offer';
import { anObject, id, text } from '@/lib/validation/envelope';

const decision = z.discriminatedUnion('decision', [
  z.object({ offerId: id, decision: z.literal('approve') }),
  z.object({ offerId: id, decision: z.literal('amend'), terms: anObject, message: text.optional() }),
  z.object({ offerId: id, decision: z.literal('reject'), reason: text }),
]);

export const decideApprovalAction = defineAction('staff', decision, async ({ offerId, ...rest }, ctx) => {
  await decideApproval(ctx, offerId, rest.decision === 'amend' ? { decision: 'amend', terms: rest.terms as OfferTermsInput, message: rest.message } : rest);
  revalidatePath('/staff/approvals');
});
