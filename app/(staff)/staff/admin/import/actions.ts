'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { cancelImport, confirmImport } from '@/lib/server/imports/import-batches';
import { id } from '@/lib/validation/envelope';

export const confirmImportAction = defineAction('staff', z.object({ batchId: id }), async ({ batchId }, ctx) => {
  await confirmImport(ctx, batchId);
  revalidatePath(`/staff/admin/import/${batchId}`);
});

export const cancelImportAction = defineAction('staff', z.object({ batchId: id }), async ({ batchId }, ctx) => {
  await cancelImport(ctx, batchId);
  revalidatePath(`/staff/admin/import/${batchId}`);
});
