'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { requestConfirmationCode, signConfirmationAsBorrower } from '@/lib/server/confirmations/sign-confirmation';
import { anObject, id } from '@/lib/validation/envelope';

// The application for judicial confirmation is signed with the agreement's step-up (the same form, bound to it).
export const requestConfirmationCodeAction = defineAction('borrower', z.object({ confirmationId: id }), async ({ confirmationId }, ctx) => ({
  resendAt: (await requestConfirmationCode(ctx, confirmationId)).resendAt.toISOString(),
}));

export const signConfirmationAction = defineAction('borrower', z.object({ caseId: id, confirmationId: id, form: anObject }), async ({ caseId, confirmationId, form }, ctx) => {
  const { sha256 } = await signConfirmationAsBorrower(ctx, confirmationId, form);
  revalidatePath(`/cases/${caseId}/confirmation`);
  revalidatePath(`/cases/${caseId}`);
  return { sha256 };
});
