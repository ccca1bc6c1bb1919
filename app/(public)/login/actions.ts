'use server';

import { getLocale } from '@/lib/i18n/server';
import { currentRequestMeta } from '@/lib/auth/request-meta';
import { runAction, type ActionResult } from '@/lib/server/action-result';
import { requestLoginCode } from '@/lib/server/auth/request-login-code';

export async function requestCodeAction(input: { phone: string }): Promise<ActionResult<{ resendAt: string }>> {
  return runAction(async () => {
    const { resendAt } = await requestLoginCode(await currentRequestMeta(), { phone: String(input?.phone ?? '') }, await getLocale());
    return { resendAt: resendAt.toISOString() };
  });
}
