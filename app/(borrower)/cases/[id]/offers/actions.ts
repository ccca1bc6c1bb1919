'use server';

import { revalidatePath } from 'next/cache';
import { currentCtx } from '@/lib/auth/session';
import { actionError, type ActionResult } from '@/lib/server/action-result';
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
  try {
    await acceptOffer(await currentCtx(), input.offerId);
    done(input.caseId);
    return { ok: true };
  } catch (error) {
    return actionError(error);
  }
}

export async function declineOfferAction(input: { caseId: string; offerId: string; reason?: string }): Promise<ActionResult> {
  try {
    await declineOffer(await currentCtx(), input.offerId, input.reason);
    done(input.caseId);
    return { ok: true };
  } catch (error) {
    return actionError(error);
  }
}

export async function proposeOfferAction(input: { caseId: string; terms: OfferTermsInput; message?: string }): Promise<ActionResult> {
  try {
    await proposeOffer(await currentCtx(), { caseId: input.caseId, terms: input.terms, message: input.message });
    done(input.caseId);
    return { ok: true };
  } catch (error) {
    return actionError(error);
  }
}

export async function requestSuggestionsAction(input: { caseId: string }): Promise<ActionResult> {
  try {
    await requestSuggestions(await currentCtx(), input.caseId);
    done(input.caseId);
    return { ok: true };
  } catch (error) {
    return actionError(error);
  }
}
