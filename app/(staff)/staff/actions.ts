'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { assignCases } from '@/lib/server/queue/assign-cases';
import { deleteView, saveView } from '@/lib/server/queue/saved-views';
import { id, text } from '@/lib/validation/envelope';

export const assignCasesAction = defineAction(
  'staff',
  z.union([
    z.object({ caseIds: z.array(id).min(1).max(20_000), assigneeId: id }),
    z.object({ view: text, expectedCount: z.number().int().min(1), assigneeId: id }),
  ]),
  async (input, ctx) => {
    const result = await assignCases(ctx, input);
    revalidatePath('/staff');
    return result;
  },
);

export const saveViewAction = defineAction('staff', z.object({ name: text, query: text }), async (input, ctx) => {
  await saveView(ctx, input);
  revalidatePath('/staff');
});

export const deleteViewAction = defineAction('staff', z.object({ viewId: id }), async ({ viewId }, ctx) => {
  await deleteView(ctx, viewId);
  revalidatePath('/staff');
});
