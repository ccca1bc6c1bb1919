'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { grantSealAuthorisation, revokeSealAuthorisation } from '@/lib/server/agreements/seal-authorisation';
import { id, text } from '@/lib/validation/envelope';

export const grantSealAction = defineAction('staff', z.object({ creditorId: id, signatory: text }), async (input, ctx) => {
  await grantSealAuthorisation(ctx, input);
  revalidatePath('/staff/admin/seal');
});

export const revokeSealAction = defineAction('staff', z.object({ creditorId: id }), async (input, ctx) => {
  await revokeSealAuthorisation(ctx, input);
  revalidatePath('/staff/admin/seal');
});
