'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { noticeChannels, noticeKinds } from '@/lib/domain/notice-sequence';
import { decideNotice } from '@/lib/server/notices/decide-notice';
import { prepareNotice } from '@/lib/server/notices/prepare-notice';
import { id, text } from '@/lib/validation/envelope';

const refresh = (caseId: string) => revalidatePath(`/staff/cases/${caseId}`);

export const prepareNoticeAction = defineAction('staff', z.object({ caseId: id, kind: z.enum(noticeKinds), channel: z.enum(noticeChannels) }), async ({ caseId, kind, channel }, ctx) => {
  const result = await prepareNotice(ctx, caseId, { kind, channel });
  refresh(caseId);
  return result.status;
});

export const decideNoticeAction = defineAction('staff', z.object({ caseId: id, noticeId: id, decision: z.enum(['approve', 'reject']), note: text.optional() }), async ({ caseId, noticeId, decision, note }, ctx) => {
  const result = await decideNotice(ctx, noticeId, { decision, note: note ?? '' });
  refresh(caseId);
  return result.status;
});
