'use server';

import { revalidatePath } from 'next/cache';
import { currentCtx } from '@/lib/auth/session';
import { runAction, type ActionResult } from '@/lib/server/action-result';
import { requestSigningCode } from '@/lib/server/agreements/request-signing-code';
import { signAsBorrower } from '@/lib/server/agreements/sign-as-borrower';
import type { BorrowerSignInput } from '@/lib/validation/signing';

export async function requestSigningCodeAction(input: { agreementId: string }): Promise<ActionResult<{ resendAt: string }>> {
  return runAction(async () => ({ resendAt: (await requestSigningCode(await currentCtx(), input.agreementId)).resendAt.toISOString() }));
}

export async function signAgreementAction(input: { caseId: string; agreementId: string; form: BorrowerSignInput }): Promise<ActionResult<{ sha256: string }>> {
  return runAction(async () => {
    const { sha256 } = await signAsBorrower(await currentCtx(), input.agreementId, input.form);
    revalidatePath(`/cases/${input.caseId}/agreement`);
    revalidatePath(`/cases/${input.caseId}`);
    return { sha256 };
  });
}
