'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { postCaseMessage } from '@/lib/server/cases/case-messages';
import { recordReview } from '@/lib/server/cases/case-review';
import { claimCase } from '@/lib/server/cases/claim-case';
import { countersign } from '@/lib/server/agreements/countersign';
import { supersedeAgreement } from '@/lib/server/agreements/supersede-agreement';
import { acceptOffer } from '@/lib/server/offers/accept-offer';
import { proposeOffer } from '@/lib/server/offers/propose-offer';
import { withdrawOffer } from '@/lib/server/offers/withdraw-offer';
import type { OfferTermsInput } from '@/lib/validation/offer';
import { anObject, id, text } from '@/lib/validation/envelope';

const refresh = (caseId: string) => revalidatePath(`/staff/cases/${caseId}`);

export const replyAction = defineAction('staff', z.object({ caseId: id, body: text }), async (input, ctx) => {
  await postCaseMessage(ctx, input);
  refresh(input.caseId);
});

const counter = z.object({ caseId: id, terms: anObject, message: text.optional(), approvalReason: text.optional() });

export const counterOfferAction = defineAction('staff', counter, async ({ terms, ...input }, ctx) => {
  await proposeOffer(ctx, { ...input, terms: terms as OfferTermsInput });
  refresh(input.caseId);
});

export const withdrawOfferAction = defineAction('staff', z.object({ caseId: id, offerId: id, reason: text }), async ({ caseId, offerId, reason }, ctx) => {
  await withdrawOffer(ctx, offerId, reason);
  refresh(caseId);
});

export const acceptProposalAction = defineAction('staff', z.object({ caseId: id, offerId: id }), async ({ caseId, offerId }, ctx) => {
  await acceptOffer(ctx, offerId);
  refresh(caseId);
});

export const countersignAction = defineAction('staff', z.object({ caseId: id, agreementId: id, password: text }), async ({ caseId, agreementId, password }, ctx) => {
  await countersign(ctx, agreementId, { password });
  refresh(caseId);
});

export const supersedeAgreementAction = defineAction('staff', z.object({ caseId: id, agreementId: id, reason: text }), async ({ caseId, agreementId, reason }, ctx) => {
  await supersedeAgreement(ctx, agreementId, reason);
  refresh(caseId);
});

export const claimCaseAction = defineAction('staff', z.object({ caseId: id }), async ({ caseId }, ctx) => {
  await claimCase(ctx, caseId);
  refresh(caseId);
  revalidatePath('/staff');
});

export const recordReviewAction = defineAction('staff', z.object({ caseId: id, note: text }), async ({ caseId, note }, ctx) => {
  await recordReview(ctx, caseId, note);
  refresh(caseId);
  revalidatePath('/staff');
});
