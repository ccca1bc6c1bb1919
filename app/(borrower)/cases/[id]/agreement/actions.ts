'use server';

import { revalidatePath } from 'next/cache';
import { currentCtx } from '@/lib/auth/session';
import { runAction, type ActionResult } from '@/lib/server/action-result';
import { AppError } from '@/lib/server/errors';
import { requestSigningCode } from '@/lib/server/agreements/request-signing-code';
import { signAsBorrower } from '@/lib/server/agreements/sign-as-borrower';
import type { BorrowerSignInput } from '@/lib/validation/signing';

/** Signing needs a live borrower session: an expired one is explained, not reported as "not found". */
async function borrowerCtx() {
  const ctx = await currentCtx();
  if (ctx.actor.type !== 'borrower') throw new AppError('SESSION_EXPIRED');
  return ctx;
}

export async function requestSigningCodeAction(input: { agreementId: string }): Promise<ActionResult<{ resendAt: string }>> {
  return runAction(async () => ({ resendAt: (await requestSigningCode(await borrowerCtx(), input.agreementId)).resendAt.toISOString() }));
}

export async function signAgreementAction(input: { caseId: string; agreementId: string; form: BorrowerSignInput }): Promise<ActionResult<{ sha256: string }>> {
  return runAction(async () => {
    const { sha256 } = await signAsBorrower(await borrowerCtx(), input.agreementId, input.form);
    revalidatePath(`/cases/${input.caseId}/agreement`);
    revalidatePath(`/cases/${input.caseId}`);
    return { sha256 };
  });
}
