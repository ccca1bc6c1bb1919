'use server';

import { revalidatePath } from 'next/cache';
import { currentCtx } from '@/lib/auth/session';
import { runAction, type ActionResult } from '@/lib/server/action-result';
import { acceptOffer } from '@/lib/server/offers/accept-offer';
import { declineOffer } from '@/lib/server/offers/decline-offer';
import { proposeOffer } from '@/lib/server/offers/propose-offer';
import { requestSuggestions } from '@/lib/server/offers/suggest-offers';
import type { OfferTermsInput } from '@/lib/validation/offer';

const done = (caseId: string) => {
  revalidatePath(`/cases/${caseId}/offers`);
  revalidatePath(`/cases/${caseId}`);
};

export async function acceptOfferAction(input: { caseId: string; offerId: string }): Promise<ActionResult> {
  return runAction(async () => {
    await acceptOffer(await currentCtx(), input.offerId);
    done(input.caseId);
  });
}

export async function declineOfferAction(input: { caseId: string; offerId: string; reason?: string }): Promise<ActionResult> {
  return runAction(async () => {
    await declineOffer(await currentCtx(), input.offerId, input.reason);
    done(input.caseId);
  });
}

export async function proposeOfferAction(input: { caseId: string; terms: OfferTermsInput; message?: string; replaces?: string[] }): Promise<ActionResult> {
  return runAction(async () => {
    const replaces = Array.isArray(input?.replaces) ? input.replaces.filter((id): id is string => typeof id === 'string').slice(0, 20) : [];
    await proposeOffer(await currentCtx(), { caseId: input.caseId, terms: input.terms, message: input.message, replaces });
    done(input.caseId);
  });
}

export async function requestSuggestionsAction(input: { caseId: string }): Promise<ActionResult> {
  return runAction(async () => {
    await requestSuggestions(await currentCtx(), input.caseId);
    done(input.caseId);
  });
}
