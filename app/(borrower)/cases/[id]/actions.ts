'use server';

import { revalidatePath } from 'next/cache';
import { currentCtx } from '@/lib/auth/session';
import { runAction, type ActionResult } from '@/lib/server/action-result';
import { postCaseMessage } from '@/lib/server/cases/case-messages';

export async function postMessageAction(input: { caseId: string; body: string }): Promise<ActionResult> {
  return runAction(async () => {
    await postCaseMessage(await currentCtx(), { caseId: String(input?.caseId ?? ''), body: String(input?.body ?? '') });
    revalidatePath(`/cases/${input.caseId}`);
    revalidatePath(`/staff/cases/${input.caseId}`);
  });
}
