import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { invitations, notifications } from '@/db/schema';
import { getEnv } from '@/lib/env';
import type { Actor } from '../actor';
import { AppError } from '../errors';

export type OutboxEntry = { id: string; channel: string; toAddress: string; subject: string | null; body: string; status: string; createdAt: string; scheduledAt: string; deferredBy: string | null; letterId: string | null };

/**
 * The dev outbox holds every message the default channel "sent", sign-in and
 * signing codes among them: whoever reads it can sign in as any borrower. So
 * admins only, in every mode (mediators and supervisors never see a code).
 */
export function canReadOutbox(actor: Actor): boolean {
  return actor.type === 'staff' && actor.role === 'admin';
}

/** Templates that carry a one-time code. */
const codeTemplates = new Set(['loginCode', 'signCode']);

export async function listOutbox(actor: Actor, limit = 100): Promise<OutboxEntry[]> {
  if (!canReadOutbox(actor)) throw new AppError('NOT_FOUND');
  // Outside demo mode the codes went to real phones: the log shows that they went, not what they were.
  const maskCodes = !getEnv().DEMO_MODE;
  const rows = (
    await getDb()
      .select({ row: notifications, letterId: invitations.id })
      .from(notifications)
      .leftJoin(invitations, eq(invitations.notificationId, notifications.id))
      .orderBy(desc(notifications.createdAt))
      .limit(limit)
  ).map(({ row, letterId }) => ({ ...row, letterId: row.channel === 'letter' ? letterId : null }));
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    toAddress: row.toAddress,
    subject: row.subject,
    body: maskCodes && codeTemplates.has(row.template) ? row.body.replace(/\d{6}/g, '••••••') : row.body,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    scheduledAt: row.scheduledAt.toISOString(),
    deferredBy: row.deferredBy,
    letterId: row.letterId,
  }));
}
