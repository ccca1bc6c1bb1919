import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { notices } from '@/db/schema';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { loadVisibleCase, isUuid } from '../cases/case-access';
import { AppError } from '../errors';
import { noticesAllowedIn } from '@/lib/domain/notice-sequence';
import { sendNoticeTx } from './prepare-notice';

export const decideNoticeSchema = z.object({ decision: z.enum(['approve', 'reject']), note: z.string().trim().max(500).default('') });

/**
 * A supervisor approves a notice waiting for approval (the lawyer's letter, the notice of suit), which then goes
 * through its channel under the contact rules, or rejects it with a reason (it may be prepared again). A notice held
 * back by a contact rule is sent again the same way once the rule allows it.
 */
export async function decideNotice(ctx: Ctx, noticeId: unknown, raw: unknown, now: Date = new Date()): Promise<{ status: 'sent' | 'blocked' | 'rejected' }> {
  const { actor } = ctx;
  if (actor.type !== 'staff' || actor.role === 'admin') throw new AppError('NOT_FOUND');
  if (!isUuid(noticeId)) throw new AppError('NOT_FOUND');
  const input = decideNoticeSchema.parse(raw);
  if (input.decision === 'reject' && !input.note) throw new AppError('VALIDATION', { field: 'note', message: 'validation.required' });
  return getDb().transaction(async (tx) => {
    const [notice] = await tx.select().from(notices).where(eq(notices.id, noticeId)).for('update');
    if (!notice) throw new AppError('NOT_FOUND');
    const kase = await loadVisibleCase(tx, actor, notice.caseId, { forUpdate: true, act: true });
    const retry = notice.status === 'blocked';
    if (notice.status !== 'pending_approval' && !retry) throw new AppError('CONFLICT', { message: 'validation.notice.alreadyDecided' });
    // Approving is a supervisor's; sending again what a contact rule held back is anyone's who works the case.
    if (!retry && actor.role !== 'supervisor') throw new AppError('FORBIDDEN');
    if (input.decision === 'reject') {
      await tx.update(notices).set({ status: 'rejected', decidedBy: actor.id, decidedAt: now, decisionNote: input.note, version: sql`${notices.version} + 1` }).where(eq(notices.id, notice.id));
      await recordAudit(tx, ctx, { action: 'notice.rejected', entityType: 'notice', entityId: notice.id, data: { caseId: kase.id, kind: notice.kind, note: input.note } });
      return { status: 'rejected' as const };
    }
    // A notice held for approval, or back by a contact rule, does not go out once the borrower has agreed or the case ended.
    if (!noticesAllowedIn(kase.state)) throw new AppError('CONFLICT', { message: 'validation.notice.caseState' });
    if (!retry) {
      await tx.update(notices).set({ decidedBy: actor.id, decidedAt: now, decisionNote: input.note || null }).where(eq(notices.id, notice.id));
      await recordAudit(tx, ctx, { action: 'notice.approved', entityType: 'notice', entityId: notice.id, data: { caseId: kase.id, kind: notice.kind } });
    }
    return { status: await sendNoticeTx(tx, ctx, kase, notice, now) };
  });
}
