'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { setLitigationSettings } from '@/lib/server/admin/litigation-settings';
import { setNoticeSequence } from '@/lib/server/admin/notice-sequence';
import { id, text } from '@/lib/validation/envelope';

/** A creditor's counsel and courts (the service checks the admin, the creditor and the content). */
export const setLitigationSettingsAction = defineAction(
  'staff',
  z.object({ creditorId: id, firm: text, lawyer: text, phone: text, address: text, courts: z.array(z.object({ region: text, court: text })).max(60) }),
  async ({ creditorId, ...input }, ctx) => {
    await setLitigationSettings(ctx, creditorId, input);
    revalidatePath(`/staff/admin/creditors/${creditorId}/litigation`);
    return 'saved';
  },
);

/** A creditor's notice sequence (the service checks the admin, the creditor, the content and the version). */
export const setNoticeSequenceAction = defineAction(
  'staff',
  z.object({ creditorId: id, version: text, rows: z.array(z.object({ kind: text, included: z.boolean(), days: text, approval: z.boolean() })).max(5) }),
  async ({ creditorId, version, rows }, ctx) => {
    const saved = await setNoticeSequence(ctx, creditorId, { rows }, version);
    revalidatePath(`/staff/admin/creditors/${creditorId}/litigation`);
    return { version: saved.version };
  },
);
