'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { getLocale } from '@/lib/i18n/server';
import { requestLoginCode } from '@/lib/server/auth/request-login-code';
import { text } from '@/lib/validation/envelope';

export const requestCodeAction = defineAction('anyone', z.object({ phone: text }), async (input, ctx) => {
  const { resendAt } = await requestLoginCode(ctx.meta, input, await getLocale());
  return { resendAt: resendAt.toISOString() };
});
