'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { acceptOffer } from '@/lib/server/offers/accept-offer';
import { declineOffer } from '@/lib/server/offers/decline-offer';
import { proposeOffer } from '@/lib/server/offers/propose-offer';
import { requestSuggestions } from '@/lib/server/offers/suggest-offers';
import type { OfferTermsInput } from '@/lib/validation/offer';
import { anObject, id, text } from '@/lib/validation/envelope';

const done = (caseId: string) => {
  revalidatePath(`/cases/${caseId}/offers`);
  revalidatePath(`/cases/${caseId}`);
};

/** `shown`: the payments key of the figures the page showed (the offer priced on today's arrears). */
export const acceptOfferAction = defineAction('borrower', z.object({ caseId: id, offerId: id, shown: z.string().max(64).optional() }), async ({ caseId, offerId, shown }, ctx) => {
  await acceptOffer(ctx, offerId, shown);
  done(caseId);
});

export const declineOfferAction = defineAction('borrower', z.object({ caseId: id, offerId: id, reason: text.optional() }), async ({ caseId, offerId, reason }, ctx) => {
  await declineOffer(ctx, offerId, reason);
  done(caseId);
});

/** `replaces`: the offers the borrower saw when they confirmed what their plan replaces (checked by the service). */
export const proposeOfferAction = defineAction(
  'borrower',
  z.object({ caseId: id, terms: anObject, message: text.optional(), replaces: z.array(id).max(20).optional() }),
  async ({ caseId, terms, message, replaces }, ctx) => {
    await proposeOffer(ctx, { caseId, terms: terms as OfferTermsInput, message, replaces: replaces ?? [] });
    done(caseId);
  },
);

export const requestSuggestionsAction = defineAction('borrower', z.object({ caseId: id }), async ({ caseId }, ctx) => {
  await requestSuggestions(ctx, caseId);
  done(caseId);
});
