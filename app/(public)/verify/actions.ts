'use server';

import { currentRequestMeta } from '@/lib/auth/request-meta';
import { runAction, type ActionResult } from '@/lib/server/action-result';
import { verifyAgreementCode, verifyAgreementFile, type VerificationDto } from '@/lib/server/agreements/verify-agreement';
import { AppError } from '@/lib/server/errors';

export async function verifyAction(formData: FormData): Promise<ActionResult<VerificationDto>> {
  return runAction(async () => {
    const meta = await currentRequestMeta();
    const file = formData.get('file');
    if (file instanceof File && file.size > 0) {
      if (file.size > 10 * 1024 * 1024) throw new AppError('FILE_TOO_LARGE', { params: { max: 10 } });
      return verifyAgreementFile(meta, Buffer.from(await file.arrayBuffer()));
    }
    const code = String(formData.get('code') ?? '').trim();
    if (!code) throw new AppError('VALIDATION', { message: 'validation.verifyNeedsInput' });
    return verifyAgreementCode(meta, code);
  });
}
