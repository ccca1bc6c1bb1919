'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { uploadLimit } from '@/lib/domain/file-type';
import { verifyAgreementCode, verifyAgreementFile } from '@/lib/server/agreements/verify-agreement';
import { AppError } from '@/lib/server/errors';
import { formData, text } from '@/lib/validation/envelope';

const input = formData({ file: z.instanceof(File).optional(), code: text.optional() });

export const verifyAction = defineAction('anyone', input, async ({ file, code }, { meta }) => {
  if (file && file.size > 0) {
    if (file.size > uploadLimit.maxBytes) throw new AppError('FILE_TOO_LARGE', { field: 'file', params: { max: uploadLimit.maxMegabytes } });
    return verifyAgreementFile(meta, Buffer.from(await file.arrayBuffer()));
  }
  if (!code?.trim()) throw new AppError('VALIDATION', { message: 'validation.verifyNeedsInput' });
  return verifyAgreementCode(meta, code.trim());
});
