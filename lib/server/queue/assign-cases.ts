import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { cases, staffUsers } from '@/db/schema';
import { parseQueueParams } from '@/lib/validation/queue';
import type { Ctx } from '../actor';
import { recordAuditBatch } from '../audit';
import { AppError } from '../errors';
import { servesCreditor } from '../staff-scope';
import { visibleCases } from '../cases/case-access';
import { matchingCaseIds } from './list-queue';

/** The most cases one assignment moves: beyond it, the supervisor narrows the view first. */
export const MAX_BULK_ASSIGN = 20_000;

const uuid = z.string().uuid();
export const assignCasesSchema = z.union([
  z.object({ caseIds: z.array(uuid).min(1).max(MAX_BULK_ASSIGN), assigneeId: uuid }),
  // "Select all N matching": the view's query string and the count the supervisor saw; a view that has changed since is refused.
  z.object({ view: z.string().max(2000), expectedCount: z.number().int().min(1).max(MAX_BULK_ASSIGN), assigneeId: uuid }),
]);

/**
 * A supervisor assigns or reassigns cases — one, a selection, or every case of a view — to a mediator or supervisor
 * who serves each case's creditor. All or nothing, in one transaction, each case's change in the audit trail.
 */
export async function assignCases(ctx: Ctx, input: z.input<typeof assignCasesSchema>, now: Date = new Date()): Promise<{ assigned: number }> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  if (actor.role !== 'supervisor') throw new AppError(actor.role === 'admin' ? 'READ_ONLY' : 'FORBIDDEN');
  const parsed = assignCasesSchema.parse(input);
  return getDb().transaction(async (tx) => {
    const [assignee] = await tx.select().from(staffUsers).where(eq(staffUsers.id, parsed.assigneeId));
    if (!assignee || !assignee.active || assignee.role === 'admin') throw new AppError('VALIDATION', { field: 'assigneeId', message: 'validation.assignee' });
    let ids: string[];
    if ('caseIds' in parsed) ids = [...new Set(parsed.caseIds)];
    else {
      ids = await matchingCaseIds(actor, parseQueueParams(new URLSearchParams(parsed.view)), now, tx, MAX_BULK_ASSIGN + 1);
      if (ids.length !== parsed.expectedCount) throw new AppError('CONFLICT', { message: 'validation.viewChanged', params: { count: ids.length } });
    }
    const rows = await tx
      .select({ id: cases.id, creditorId: cases.creditorId, assigneeId: cases.assigneeId })
      .from(cases)
      .where(and(inArray(cases.id, ids), visibleCases(actor)))
      .orderBy(cases.id)
      .for('update');
    // A case the supervisor may not see is "not found", never "forbidden" (that would confirm it exists).
    if (rows.length !== ids.length) throw new AppError('NOT_FOUND');
    if (rows.some((row) => !servesCreditor(assignee, row.creditorId))) throw new AppError('VALIDATION', { field: 'assigneeId', message: 'validation.assigneeCreditor' });
    const moving = rows.filter((row) => row.assigneeId !== assignee.id);
    if (!moving.length) return { assigned: 0 };
    await tx
      .update(cases)
      .set({ assigneeId: assignee.id, version: sql`${cases.version} + 1`, updatedAt: now })
      .where(inArray(cases.id, moving.map((r) => r.id)));
    await recordAuditBatch(
      tx,
      ctx,
      moving.map((row) => ({ action: row.assigneeId ? 'case.reassigned' : 'case.assigned', entityType: 'case', entityId: row.id, data: { from: row.assigneeId, to: assignee.id, together: moving.length } })),
    );
    return { assigned: moving.length };
  });
}
