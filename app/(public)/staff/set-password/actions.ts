'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { setPasswordWithLink } from '@/lib/server/admin/set-password';
import { text } from '@/lib/validation/envelope';

export const setPasswordAction = defineAction('anyone', z.object({ token: text, next: text, confirm: text }), async (input, ctx) => {
  await setPasswordWithLink(ctx.meta, input);
});
