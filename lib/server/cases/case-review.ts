import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { borrowers, cases } from '@/db/schema';
import { formatMoney } from '@/lib/domain/money';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { reviewNoteSchema } from '@/lib/validation/outcome';
import { notifyAssignee } from '../notify-assignee';
import { loadVisibleCase } from './case-access';

type CaseRow = typeof cases.$inferSelect;
export type ReviewReason = 'hardship_pause';

/**
 * Flags the case for its mediator's review (in the caller's transaction, the case row locked): the queue and
 * the case page show it, the mediator is told, and an agreement from the offer under review is countersigned
 * only once the review is recorded. A new request replaces an earlier, reviewed one.
 */
export async function requestReviewTx(tx: Executor, ctx: Ctx, kase: CaseRow, reason: ReviewReason, disposableIncome: number): Promise<void> {
  const now = new Date();
  await tx.update(cases).set({ reviewReason: reason, reviewRequestedAt: now, reviewedAt: null, reviewedBy: null, updatedAt: now }).where(eq(cases.id, kase.id));
  await recordAudit(tx, ctx, { action: 'case.review_requested', entityType: 'case', entityId: kase.id, data: { reason, disposableIncome } });
  const [borrower] = await tx.select({ name: borrowers.fullName }).from(borrowers).where(eq(borrowers.id, kase.borrowerId));
  await notifyAssignee(tx, kase, 'hardshipReview', { caseNo: kase.caseNo, name: borrower?.name ?? '', income: formatMoney(disposableIncome, 'zh-CN') });
}

/** The mediator (or a supervisor) records that they reviewed the case: who and when, in the audit log. */
export async function recordReview(ctx: Ctx, caseId: unknown, note: string): Promise<void> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  // Refused when too long, not cut short where the mediator cannot see it.
  const text = reviewNoteSchema.parse({ note }).note;
  await getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, caseId, { forUpdate: true, act: true });
    if (!kase.reviewReason || kase.reviewedAt) throw new AppError('CONFLICT');
    await tx.update(cases).set({ reviewedAt: new Date(), reviewedBy: actor.id, version: sql`${cases.version} + 1`, updatedAt: new Date() }).where(eq(cases.id, kase.id));
    await recordAudit(tx, ctx, { action: 'case.reviewed', entityType: 'case', entityId: kase.id, data: { reason: kase.reviewReason, note: text } });
  });
}
