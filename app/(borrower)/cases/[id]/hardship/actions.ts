'use server';

import { revalidatePath } from 'next/cache';
import { currentCtx } from '@/lib/auth/session';
import { actionError, runAction, type ActionResult } from '@/lib/server/action-result';
import { AppError } from '@/lib/server/errors';
import { removeEvidence, uploadEvidence, type EvidenceDto } from '@/lib/server/hardship/evidence';
import { saveHardshipStep } from '@/lib/server/hardship/save-hardship-step';
import { saveHardshipTyping } from '@/lib/server/hardship/save-hardship-typing';
import { submitHardship } from '@/lib/server/hardship/submit-hardship';

type Step = 'household' | 'income' | 'costs' | 'debts' | 'reason';

export async function saveStepAction(input: { caseId: string; step: Step; values: unknown; rowVersion: number | null }): Promise<ActionResult<{ rowVersion: number; step: number }>> {
  try {
    const data = await saveHardshipStep(await currentCtx(), input);
    return { ok: true, data };
  } catch (error) {
    return actionError(error);
  }
}

/** What is being typed on a step, saved a moment after the borrower stops typing. */
export async function saveTypingAction(input: { caseId: string; step: Step; values: unknown }): Promise<ActionResult<{ rowVersion: number; savedAt: string }>> {
  return runAction(async () => saveHardshipTyping(await currentCtx(), input as never));
}

export async function submitStatementAction(input: { caseId: string; rowVersion: number }): Promise<ActionResult<{ disposableIncome: number; version: number }>> {
  return runAction(async () => {
    const { disposableIncome, version } = await submitHardship(await currentCtx(), input);
    revalidatePath(`/cases/${input.caseId}`);
    return { disposableIncome, version };
  });
}

export async function uploadEvidenceAction(formData: FormData): Promise<ActionResult<EvidenceDto>> {
  return runAction(async () => {
    const file = formData.get('file');
    const caseId = String(formData.get('caseId') ?? '');
    if (!(file instanceof File) || file.size === 0) throw new AppError('VALIDATION', { field: 'file' });
    const bytes = Buffer.from(await file.arrayBuffer());
    return await uploadEvidence(await currentCtx(), { caseId, filename: file.name || 'file', bytes });
  });
}

export async function removeEvidenceAction(input: { caseId: string; fileId: string }): Promise<ActionResult> {
  return runAction(async () => removeEvidence(await currentCtx(), input));
}
