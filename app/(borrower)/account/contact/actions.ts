'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { updateContactSettings } from '@/lib/server/borrowers/contact-settings';
import { text } from '@/lib/validation/envelope';

export const saveContactSettingsAction = defineAction(
  'borrower',
  z.object({ quiet: z.boolean(), quietStart: text, quietEnd: text, optOutSms: z.boolean(), optOutEmail: z.boolean(), optOutPhone: z.boolean() }),
  async (input, ctx) => {
    await updateContactSettings(ctx, input);
    revalidatePath('/account/contact');
  },
);
