'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { customizableTemplates } from '@/lib/domain/message-templates';
import { locales } from '@/lib/i18n/config';
import { resetTemplate, saveTemplate } from '@/lib/server/templates/template-store';
import { id } from '@/lib/validation/envelope';

const key = z.object({ creditorId: id, template: z.enum(customizableTemplates), locale: z.enum(locales) });

export const saveTemplateAction = defineAction('staff', key.extend({ subject: z.string().max(2000), body: z.string().max(20_000), version: z.number().int().min(0) }), async (input, ctx) => {
  const saved = await saveTemplate(ctx, input);
  revalidatePath('/staff/admin/templates');
  return saved;
});

export const resetTemplateAction = defineAction('staff', key, async (input, ctx) => {
  await resetTemplate(ctx, input);
  revalidatePath('/staff/admin/templates');
});
