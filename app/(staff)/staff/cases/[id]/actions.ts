'use server';

import { revalidatePath } from 'next/cache';
import { currentCtx } from '@/lib/auth/session';
import { runAction, type ActionResult } from '@/lib/server/action-result';
import { postCaseMessage } from '@/lib/server/cases/case-messages';
import { recordReview } from '@/lib/server/cases/case-review';
import { countersign } from '@/lib/server/agreements/countersign';
import { supersedeAgreement } from '@/lib/server/agreements/supersede-agreement';
import { acceptOffer } from '@/lib/server/offers/accept-offer';
import { proposeOffer } from '@/lib/server/offers/propose-offer';
import { withdrawOffer } from '@/lib/server/offers/withdraw-offer';
import type { OfferTermsInput } from '@/lib/validation/offer';

export async function replyAction(input: { caseId: string; body: string }): Promise<ActionResult> {
  return runAction(async () => {
    await postCaseMessage(await currentCtx(), { caseId: String(input?.caseId ?? ''), body: String(input?.body ?? '') });
    revalidatePath(`/staff/cases/${input.caseId}`);
  });
}

export async function counterOfferAction(input: { caseId: string; terms: OfferTermsInput; message?: string; approvalReason?: string }): Promise<ActionResult> {
  return runAction(async () => {
    await proposeOffer(await currentCtx(), input);
    revalidatePath(`/staff/cases/${input.caseId}`);
  });
}

export async function withdrawOfferAction(input: { caseId: string; offerId: string; reason: string }): Promise<ActionResult> {
  return runAction(async () => {
    await withdrawOffer(await currentCtx(), input.offerId, input.reason);
    revalidatePath(`/staff/cases/${input.caseId}`);
  });
}

export async function acceptProposalAction(input: { caseId: string; offerId: string }): Promise<ActionResult> {
  return runAction(async () => {
    await acceptOffer(await currentCtx(), input.offerId);
    revalidatePath(`/staff/cases/${input.caseId}`);
  });
}

export async function countersignAction(input: { caseId: string; agreementId: string; password: string }): Promise<ActionResult> {
  return runAction(async () => {
    await countersign(await currentCtx(), input.agreementId, { password: input.password });
    revalidatePath(`/staff/cases/${input.caseId}`);
  });
}

export async function supersedeAgreementAction(input: { caseId: string; agreementId: string; reason: string }): Promise<ActionResult> {
  return runAction(async () => {
    await supersedeAgreement(await currentCtx(), input.agreementId, input.reason);
    revalidatePath(`/staff/cases/${input.caseId}`);
  });
}

export async function recordReviewAction(input: { caseId: string; note: string }): Promise<ActionResult> {
  return runAction(async () => {
    await recordReview(await currentCtx(), input?.caseId, String(input?.note ?? ''));
    revalidatePath(`/staff/cases/${input.caseId}`);
  });
}
