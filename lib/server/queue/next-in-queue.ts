import 'server-only';
import { and } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases } from '@/db/schema';
import type { QueueParams } from '@/lib/validation/queue';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { isUuid } from '../cases/case-access';
import { afterInOrder, queueOrder, queueWhere } from './queue-filter';

/**
 * "Work next": the case after `afterId` in the view's order (the view's first case without one), or null at the end.
 * The order is read afresh, so a case whose next action just moved is met again where it now belongs.
 */
export async function nextInQueue(actor: Actor, params: QueueParams, afterId?: string, now: Date = new Date()): Promise<string | null> {
  if (actor.type !== 'staff') throw new AppError('FORBIDDEN');
  const after = afterId && isUuid(afterId) ? afterId : undefined;
  const [row] = await getDb()
    .select({ id: cases.id })
    .from(cases)
    .where(and(queueWhere(actor, params, now), after ? afterInOrder(params, after) : undefined))
    .orderBy(...queueOrder(params))
    .limit(1);
  if (row || !after) return row?.id ?? null;
  // Past the end: back to the top of the view, unless that is the case being left.
  const [first] = await getDb().select({ id: cases.id }).from(cases).where(queueWhere(actor, params, now)).orderBy(...queueOrder(params)).limit(1);
  return first && first.id !== after ? first.id : null;
}

