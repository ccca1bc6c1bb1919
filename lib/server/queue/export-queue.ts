import 'server-only';
import { getDb } from '@/db/client';
import { exportReasonSchema, parseQueueParams, queueSearch } from '@/lib/validation/queue';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { queueKpis, queueRowsQuery, toQueueRow, type QueueRow } from './list-queue';

/** The most rows one export holds (the whole of a large portfolio); a larger view is narrowed first. */
export const MAX_EXPORT_ROWS = 100_000;
const BATCH = 5_000;

/**
 * Exports a view: the reason is required, and who, when, why and which view (with its row count) go to the audit
 * trail before the first row leaves. Rows come in batches, in the view's order, personal data masked as on screen.
 */
export async function startQueueExport(ctx: Ctx, input: { view: string; reason: string }, now: Date = new Date()): Promise<{ total: number; batches: AsyncGenerator<QueueRow[]> }> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('FORBIDDEN');
  const staff = actor;
  const reason = exportReasonSchema.safeParse(input.reason);
  if (!reason.success) throw new AppError('VALIDATION', { field: 'reason', message: reason.error.issues[0]!.message });
  const params = { ...parseQueueParams(new URLSearchParams(input.view)), page: undefined };
  const { matching } = await queueKpis(actor, params, now);
  if (matching > MAX_EXPORT_ROWS) throw new AppError('VALIDATION', { message: 'validation.exportTooLarge', params: { max: MAX_EXPORT_ROWS } });
  await getDb().transaction((tx) => recordAudit(tx, ctx, { action: 'queue.exported', entityType: 'queue', data: { reason: reason.data, view: queueSearch(params), rows: matching } }));
  async function* batches() {
    for (let offset = 0; offset < matching; offset += BATCH) {
      const rows = await queueRowsQuery(staff, params, now, { limit: BATCH, offset });
      if (!rows.length) return;
      yield rows.map((row) => toQueueRow(row, now));
    }
  }
  return { total: matching, batches: batches() };
}
