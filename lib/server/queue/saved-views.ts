import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { savedViews } from '@/db/schema';
import { parseQueueParams, queueSearch, savedViewSchema } from '@/lib/validation/queue';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';

export type SavedView = { id: string; name: string; query: string };

/** A staff member's own saved views, by name. */
export async function listSavedViews(actor: Actor): Promise<SavedView[]> {
  if (actor.type !== 'staff') throw new AppError('FORBIDDEN');
  return getDb().select({ id: savedViews.id, name: savedViews.name, query: savedViews.query }).from(savedViews).where(eq(savedViews.staffId, actor.id)).orderBy(asc(savedViews.name));
}

/** Saves the current view under a name (the same name again replaces it). The query is kept in its normal form. */
export async function saveView(ctx: Ctx, input: { name: string; query: string }): Promise<SavedView> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('FORBIDDEN');
  const { name, query } = savedViewSchema.parse(input);
  const normal = queueSearch({ ...parseQueueParams(new URLSearchParams(query)), page: undefined });
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(savedViews)
      .values({ staffId: actor.id, name, query: normal })
      .onConflictDoUpdate({ target: [savedViews.staffId, savedViews.name], set: { query: normal, createdAt: new Date() } })
      .returning({ id: savedViews.id, name: savedViews.name, query: savedViews.query });
    await recordAudit(tx, ctx, { action: 'queue.view_saved', entityType: 'saved_view', entityId: row!.id, data: { name, query: normal } });
    return row!;
  });
}

export async function deleteView(ctx: Ctx, viewId: string): Promise<void> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('FORBIDDEN');
  await getDb().transaction(async (tx) => {
    const [row] = await tx.delete(savedViews).where(and(eq(savedViews.id, viewId), eq(savedViews.staffId, actor.id))).returning({ id: savedViews.id, name: savedViews.name });
    if (!row) throw new AppError('NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'queue.view_deleted', entityType: 'saved_view', entityId: row.id, data: { name: row.name } });
  });
}
