import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { callbacks } from '@/db/schema';
import { mayContact } from '@/lib/domain/contact-rules';
import { instantAtLocal } from '@/lib/domain/local-day';
import { callbackSchema } from '@/lib/validation/contact';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { loadVisibleCase } from '../cases/case-access';
import { contactContext } from './contact-context';

/** A callback is scheduled at most this many days ahead. */
export const CALLBACK_HORIZON_DAYS = 30;

/**
 * A staff member who acts on a case schedules a call back at a local time of the borrower's. The time must be ahead,
 * within the horizon, and one the hours rules allow (the contact window, the borrower's quiet hours and opt-out):
 * a callback the rules would refuse is refused now, with the rule named, not discovered at the moment of the call.
 */
export async function scheduleCallback(ctx: Ctx, raw: { caseId: string; dueAt: string; note?: string }, now: Date = new Date()): Promise<{ id: string }> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const input = callbackSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    // The case row locked: the same callback sent twice (a double click, a retried request) is scheduled once.
    const kase = await loadVisibleCase(tx, actor, raw.caseId, { act: true, forUpdate: true });
    const { request, borrower } = await contactContext(tx, kase, now);
    const dueAt = instantAtLocal(input.dueAt, borrower.timezone);
    if (dueAt.getTime() <= now.getTime()) throw new AppError('VALIDATION', { field: 'dueAt', message: 'validation.callbackPast' });
    if (dueAt.getTime() > now.getTime() + CALLBACK_HORIZON_DAYS * 86_400_000) throw new AppError('VALIDATION', { field: 'dueAt', message: 'validation.callbackFar', params: { days: CALLBACK_HORIZON_DAYS } });
    // The hours alone: how many calls that day will have had is not known yet.
    const decision = mayContact({ ...request, now: dueAt, history: [], channel: 'phone', mandatory: false });
    if (!decision.allowed) throw new AppError('VALIDATION', { field: 'dueAt', message: decision.rule === 'contact.quietHours' ? 'validation.callbackQuiet' : decision.rule === 'contact.optOut' ? 'validation.callbackOptOut' : 'validation.callbackHours' });
    const [same] = await tx
      .select({ id: callbacks.id })
      .from(callbacks)
      .where(and(eq(callbacks.caseId, kase.id), eq(callbacks.staffId, actor.id), eq(callbacks.status, 'open'), eq(callbacks.dueAt, dueAt)));
    if (same) return same;
    const [row] = await tx.insert(callbacks).values({ caseId: kase.id, staffId: actor.id, dueAt, note: input.note || null, createdAt: now }).returning({ id: callbacks.id });
    await recordAudit(tx, ctx, { action: 'callback.scheduled', entityType: 'case', entityId: kase.id, data: { callbackId: row!.id, dueAt: dueAt.toISOString() } });
    return row!;
  });
}

/** Cancels an open callback on a case the staff member acts on. */
export async function cancelCallback(ctx: Ctx, raw: { caseId: string; callbackId: string }, now: Date = new Date()): Promise<void> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  await getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, raw.caseId, { act: true });
    const done = await tx
      .update(callbacks)
      .set({ status: 'cancelled', doneAt: now })
      .where(and(eq(callbacks.id, raw.callbackId), eq(callbacks.caseId, kase.id), eq(callbacks.status, 'open')))
      .returning({ id: callbacks.id });
    if (!done.length) throw new AppError('NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'callback.cancelled', entityType: 'case', entityId: kase.id, data: { callbackId: raw.callbackId } });
  });
}
