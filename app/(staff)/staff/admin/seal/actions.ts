'use server';

import { revalidatePath } from 'next/cache';
import { currentCtx } from '@/lib/auth/session';
import { runAction, type ActionResult } from '@/lib/server/action-result';
import { grantSealAuthorisation, revokeSealAuthorisation } from '@/lib/server/agreements/seal-authorisation';

export async function grantSealAction(input: { signatory: string }): Promise<ActionResult> {
  return runAction(async () => {
    await grantSealAuthorisation(await currentCtx(), { signatory: String(input?.signatory ?? '') });
    revalidatePath('/staff/admin/seal');
  });
}

export async function revokeSealAction(): Promise<ActionResult> {
  return runAction(async () => {
    await revokeSealAuthorisation(await currentCtx());
    revalidatePath('/staff/admin/seal');
  });
}
