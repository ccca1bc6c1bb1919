'use server';

import { revalidatePath } from 'next/cache';
import { currentCtx } from '@/lib/auth/session';
import { runAction, type ActionResult } from '@/lib/server/action-result';
import { decideApproval } from '@/lib/server/offers/decide-approval';
import type { OfferTermsInput } from '@/lib/validation/offer';

type Decision = { decision: 'approve' } | { decision: 'amend'; terms: OfferTermsInput } | { decision: 'reject'; reason: string };

export async function decideApprovalAction(input: { offerId: string } & Decision): Promise<ActionResult> {
  return runAction(async () => {
    const { offerId, ...decision } = input;
    await decideApproval(await currentCtx(), offerId, decision as Decision);
    revalidatePath('/staff/approvals');
  });
}
