import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { creditors } from '@/db/schema';
import { noticeSequenceSchema, type NoticeSequence } from '@/lib/domain/notice-sequence';
import { noticeSequenceFormSchema } from '@/lib/validation/notice-sequence';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { creditorPolicy } from '../creditor-policy';
import { AppError } from '../errors';
import { assertAdmin } from './admin-actor';
import { scoped } from './litigation-settings';

/** A creditor's notice sequence, with the policy's version (for the form: a save refuses an older one). */
export async function getNoticeSequence(actor: Actor, creditorId: unknown): Promise<{ sequence: NoticeSequence; version: string }> {
  assertAdmin(actor);
  const [row] = await getDb().select({ policy: creditors.policy, updatedAt: creditors.updatedAt }).from(creditors).where(scoped(actor, creditorId));
  if (!row) throw new AppError('NOT_FOUND');
  return { sequence: creditorPolicy(row.policy).noticeSequence, version: row.updatedAt.toISOString() };
}

/**
 * Sets which pre-litigation notices a creditor sends, in their escalation order, and the days between them: part
 * of its policy, so, like every policy setting, for admins only (an admin of that creditor, or of the centre) —
 * supervisors approve each lawyer's letter and notice of suit but do not write the rules they approve under, and
 * mediators send within them. Refused if the policy was saved since the form was opened; audited before and after.
 * Notices already sent stay as they are; each case's next notice follows the new sequence at once.
 */
export async function setNoticeSequence(ctx: Ctx, creditorId: unknown, raw: unknown, version: unknown): Promise<{ sequence: NoticeSequence; version: string }> {
  const { actor } = ctx;
  assertAdmin(actor);
  // The form's checks (localized, beside each field), then the policy's own schema: one rule, checked twice.
  const sequence = noticeSequenceSchema.parse(noticeSequenceFormSchema.parse(raw));
  return getDb().transaction(async (tx) => {
    const [row] = await tx.select({ id: creditors.id, policy: creditors.policy, updatedAt: creditors.updatedAt }).from(creditors).where(scoped(actor, creditorId)).for('update');
    if (!row) throw new AppError('NOT_FOUND');
    if (row.updatedAt.toISOString() !== version) throw new AppError('CONFLICT');
    const policy = creditorPolicy(row.policy);
    const before = policy.noticeSequence;
    if (JSON.stringify(before) === JSON.stringify(sequence)) return { sequence, version: row.updatedAt.toISOString() };
    const updatedAt = new Date();
    await tx.update(creditors).set({ policy: { ...policy, noticeSequence: sequence }, updatedAt }).where(eq(creditors.id, row.id));
    await recordAudit(tx, ctx, { action: 'creditor.notice_sequence_changed', entityType: 'creditor', entityId: row.id, data: { before, after: sequence } });
    return { sequence, version: updatedAt.toISOString() };
  });
}
