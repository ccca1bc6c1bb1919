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
import { addNote } from '@/lib/server/contacts/add-note';
import { recordContact } from '@/lib/server/contacts/record-contact';
import { recordPromise } from '@/lib/server/contacts/record-promise';
import { cancelCallback, scheduleCallback } from '@/lib/server/contacts/schedule-callback';
import { extendDeadline } from '@/lib/server/cases/extend-deadline';
import { revealBorrowerField } from '@/lib/server/cases/reveal-borrower';
import { assignCases } from '@/lib/server/queue/assign-cases';
import { assignableForCase } from '@/lib/server/queue/list-queue';

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

export const acceptProposalAction = defineAction('staff', z.object({ caseId: id, offerId: id, shown: z.string().max(64).optional() }), async ({ caseId, offerId, shown }, ctx) => {
  await acceptOffer(ctx, offerId, shown);
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

export const addNoteAction = defineAction('staff', z.object({ caseId: id, body: text }), async (input, ctx) => {
  await addNote(ctx, input);
  refresh(input.caseId);
});

const contact = z.object({
  caseId: id,
  channel: text,
  direction: text,
  party: text,
  result: text,
  note: text.optional(),
  noDebtDisclosed: z.boolean().optional(),
  promiseDate: text.optional(),
  promiseAmount: text.optional(),
});

/** A blocked contact is an answer, not an error: it is recorded with its rule, and the form says so. */
export const recordContactAction = defineAction('staff', contact, async (input, ctx) => {
  const result = await recordContact(ctx, input as Parameters<typeof recordContact>[1]);
  refresh(input.caseId);
  revalidatePath('/staff');
  return result;
});

export const recordPromiseAction = defineAction('staff', z.object({ caseId: id, promiseDate: text, promiseAmount: text }), async (input, ctx) => {
  await recordPromise(ctx, input);
  refresh(input.caseId);
  revalidatePath('/staff');
});

export const revealAction = defineAction('staff', z.object({ caseId: id, field: text, reason: text }), async (input, ctx) => revealBorrowerField(ctx, input));

export const assignCaseAction = defineAction('staff', z.object({ caseId: id, assigneeId: id }), async ({ caseId, assigneeId }, ctx) => {
  await assignCases(ctx, { caseIds: [caseId], assigneeId });
  refresh(caseId);
  revalidatePath('/staff');
});

/** Who a supervisor may assign the case to, with the open cases each carries: read when the assign form opens. */
export const assignableStaffAction = defineAction('staff', z.object({ caseId: id }), async (input, ctx) =>
  (await assignableForCase(ctx.actor, input.caseId)).map((s) => ({ id: s.staffId, name: s.name, role: s.role as 'mediator' | 'supervisor', load: s.open })),
);

export const scheduleCallbackAction = defineAction('staff', z.object({ caseId: id, dueAt: text, note: text.optional() }), async (input, ctx) => {
  await scheduleCallback(ctx, input);
  refresh(input.caseId);
  revalidatePath('/staff');
});

export const cancelCallbackAction = defineAction('staff', z.object({ caseId: id, callbackId: id }), async (input, ctx) => {
  await cancelCallback(ctx, input);
  refresh(input.caseId);
});

export const extendDeadlineAction = defineAction('staff', z.object({ caseId: id, days: text, reason: text, borrowerAgreed: z.boolean() }), async (input, ctx) => {
  await extendDeadline(ctx, input);
  refresh(input.caseId);
  revalidatePath('/staff');
});
