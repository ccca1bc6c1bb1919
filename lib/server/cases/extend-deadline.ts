import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases } from '@/db/schema';
import { openMediationStates } from '@/lib/domain/case-state';
import { extendDeadlineSchema } from '@/lib/validation/contact';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { loadVisibleCase } from './case-access';

/**
 * A supervisor extends a case's mediation window when both sides agree (the 30-day window of the online mediation
 * rules is extendable by agreement): by 1 to 30 days, with a reason and the borrower's agreement stated, on a case
 * still in mediation. The old and new deadline and the reason go into the audit trail.
 */
export async function extendDeadline(ctx: Ctx, raw: { caseId: string; days: unknown; reason: string; borrowerAgreed: unknown }, now: Date = new Date()): Promise<{ deadline: string }> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const input = extendDeadlineSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, raw.caseId, { forUpdate: true });
    if (actor.role !== 'supervisor') throw new AppError(actor.role === 'admin' ? 'READ_ONLY' : 'FORBIDDEN');
    if (!openMediationStates.includes(kase.state)) throw new AppError('CONFLICT', { message: 'validation.caseEnded' });
    // From the later of the deadline and now: extending a window that has passed gives the days from today.
    const from = Math.max(kase.mediationDeadline.getTime(), now.getTime());
    const deadline = new Date(from + input.days * 86_400_000);
    await tx
      .update(cases)
      .set({ mediationDeadline: deadline, deadlineExtensions: sql`${cases.deadlineExtensions} + 1`, version: sql`${cases.version} + 1`, updatedAt: now })
      .where(eq(cases.id, kase.id));
    await recordAudit(tx, ctx, {
      action: 'case.deadline_extended',
      entityType: 'case',
      entityId: kase.id,
      data: { from: kase.mediationDeadline.toISOString(), to: deadline.toISOString(), days: input.days, reason: input.reason, borrowerAgreed: true },
    });
    return { deadline: deadline.toISOString() };
  });
}
