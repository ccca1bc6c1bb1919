'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { recordConfirmationDecision, recordConfirmationFiling, type CourtDocument } from '@/lib/server/confirmations/court-steps';
import { countersignConfirmation, prepareConfirmation } from '@/lib/server/confirmations/sign-confirmation';
import { formData, id, text } from '@/lib/validation/envelope';

const refresh = (caseId: string) => revalidatePath(`/staff/cases/${caseId}`);
const document = z.union([z.instanceof(File), z.string()]).optional();
const read = async (file: File | string | undefined): Promise<CourtDocument | null> => (file instanceof File && file.size > 0 ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : null);

export const prepareConfirmationAction = defineAction('staff', z.object({ caseId: id }), async ({ caseId }, ctx) => {
  const result = await prepareConfirmation(ctx, caseId);
  refresh(caseId);
  return result.confirmationId;
});

export const countersignConfirmationAction = defineAction('staff', z.object({ caseId: id, confirmationId: id, password: text }), async ({ caseId, confirmationId, password }, ctx) => {
  await countersignConfirmation(ctx, confirmationId, { password });
  refresh(caseId);
  return 'signed';
});

export const recordFilingAction = defineAction('staff', formData({ caseId: id, confirmationId: id, filedOn: text, courtCaseNo: text.optional(), document }), async (input, ctx) => {
  const { status } = await recordConfirmationFiling(ctx, input.confirmationId, { filedOn: input.filedOn, courtCaseNo: input.courtCaseNo }, await read(input.document));
  refresh(input.caseId);
  return status;
});

export const recordDecisionAction = defineAction('staff', formData({ caseId: id, confirmationId: id, decision: text, decidedOn: text, note: text.optional(), document }), async (input, ctx) => {
  const { status } = await recordConfirmationDecision(ctx, input.confirmationId, { decision: input.decision, decidedOn: input.decidedOn, note: input.note }, await read(input.document));
  refresh(input.caseId);
  return status;
});
