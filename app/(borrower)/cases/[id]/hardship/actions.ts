'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { AppError } from '@/lib/server/errors';
import { removeEvidence, uploadEvidence } from '@/lib/server/hardship/evidence';
import { saveHardshipStep } from '@/lib/server/hardship/save-hardship-step';
import { saveHardshipTyping } from '@/lib/server/hardship/save-hardship-typing';
import { submitHardship } from '@/lib/server/hardship/submit-hardship';
import { uploadLimit } from '@/lib/domain/file-type';
import { anObject, formData, id } from '@/lib/validation/envelope';

const step = z.object({ caseId: id, step: z.enum(['household', 'income', 'costs', 'debts', 'reason']), values: z.unknown(), rowVersion: z.number().int().nullable() });

export const saveStepAction = defineAction('borrower', step, (input, ctx) => saveHardshipStep(ctx, input));

/** What is being typed on a step, saved a moment after the borrower stops typing. */
export const saveTypingAction = defineAction('borrower', step.omit({ rowVersion: true }).extend({ values: anObject }), (input, ctx) => saveHardshipTyping(ctx, input));

export const submitStatementAction = defineAction('borrower', z.object({ caseId: id, rowVersion: z.number().int() }), async (input, ctx) => {
  const { disposableIncome, version } = await submitHardship(ctx, input);
  revalidatePath(`/cases/${input.caseId}`);
  return { disposableIncome, version };
});

export const uploadEvidenceAction = defineAction('borrower', formData({ caseId: id, file: z.instanceof(File) }), async ({ caseId, file }, ctx) => {
  if (file.size === 0) throw new AppError('VALIDATION', { field: 'file' });
  // Refused before the bytes are read; the service checks the bytes themselves again.
  if (file.size > uploadLimit.maxBytes) throw new AppError('FILE_TOO_LARGE', { field: 'file', params: { max: uploadLimit.maxMegabytes } });
  return uploadEvidence(ctx, { caseId, filename: file.name || 'file', bytes: Buffer.from(await file.arrayBuffer()) });
});

export const removeEvidenceAction = defineAction('borrower', z.object({ caseId: id, fileId: id }), (input, ctx) => removeEvidence(ctx, input));
