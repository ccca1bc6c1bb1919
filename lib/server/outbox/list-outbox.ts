import 'server-only';
import { desc } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { notifications } from '@/db/schema';
import { getEnv } from '@/lib/env';
import type { Actor } from '../actor';
import { AppError } from '../errors';

export type OutboxEntry = { id: string; channel: string; toAddress: string; subject: string | null; body: string; status: string; createdAt: string };

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
  const rows = await getDb().select().from(notifications).orderBy(desc(notifications.createdAt)).limit(limit);
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    toAddress: row.toAddress,
    subject: row.subject,
    body: maskCodes && codeTemplates.has(row.template) ? row.body.replace(/\d{6}/g, '••••••') : row.body,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  }));
}
