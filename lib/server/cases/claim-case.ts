import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases } from '@/db/schema';
import { mayClaim } from '@/lib/domain/case-access';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { loadVisibleCase } from './case-access';

/**
 * A mediator (or supervisor) takes an unassigned case of their creditor: from
 * now on it is theirs to act on. Two claiming at once: one wins, the other is
 * told the case was taken (the update only matches while nobody has it).
 */
export async function claimCase(ctx: Ctx, caseId: unknown): Promise<{ version: number }> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, caseId, { forUpdate: true });
    if (kase.assigneeId === actor.id) return { version: kase.version };
    if (actor.role === 'admin') throw new AppError('READ_ONLY');
    if (!mayClaim(actor, kase.assigneeId)) throw new AppError('CASE_TAKEN');
    const [claimed] = await tx
      .update(cases)
      .set({ assigneeId: actor.id, version: sql`${cases.version} + 1`, updatedAt: new Date() })
      .where(and(eq(cases.id, kase.id), isNull(cases.assigneeId)))
      .returning({ version: cases.version });
    if (!claimed) throw new AppError('CASE_TAKEN');
    await recordAudit(tx, ctx, { action: 'case.claimed', entityType: 'case', entityId: kase.id, data: { assigneeId: actor.id } });
    return { version: claimed.version };
  });
}
