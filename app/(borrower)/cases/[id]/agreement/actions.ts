'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { requestSigningCode } from '@/lib/server/agreements/request-signing-code';
import { signAsBorrower } from '@/lib/server/agreements/sign-as-borrower';
import type { BorrowerSignInput } from '@/lib/validation/signing';
import { anObject, id } from '@/lib/validation/envelope';

// Signing needs a live borrower session: an ended one is explained (SESSION_EXPIRED), not reported as "not found".
export const requestSigningCodeAction = defineAction('borrower', z.object({ agreementId: id }), async ({ agreementId }, ctx) => ({
  resendAt: (await requestSigningCode(ctx, agreementId)).resendAt.toISOString(),
}));

export const signAgreementAction = defineAction('borrower', z.object({ caseId: id, agreementId: id, form: anObject }), async ({ caseId, agreementId, form }, ctx) => {
  const { sha256 } = await signAsBorrower(ctx, agreementId, form as BorrowerSignInput);
  revalidatePath(`/cases/${caseId}/agreement`);
  revalidatePath(`/cases/${caseId}`);
  return { sha256 };
});
