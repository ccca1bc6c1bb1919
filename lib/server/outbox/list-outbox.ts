import 'server-only';
import { desc } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { notifications } from '@/db/schema';
import { getEnv } from '@/lib/env';
import type { Actor } from '../actor';
import { AppError } from '../errors';

export type OutboxEntry = { id: string; channel: string; toAddress: string; subject: string | null; body: string; status: string; createdAt: string };

/** Admins always; in demo mode anyone, so a visitor can read the sign-in code with no SMS provider. */
export function canReadOutbox(actor: Actor): boolean {
  return getEnv().DEMO_MODE || (actor.type === 'staff' && actor.role === 'admin');
}

export async function listOutbox(actor: Actor, limit = 100): Promise<OutboxEntry[]> {
  if (!canReadOutbox(actor)) throw new AppError('NOT_FOUND');
  const rows = await getDb().select().from(notifications).orderBy(desc(notifications.createdAt)).limit(limit);
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    toAddress: row.toAddress,
    subject: row.subject,
    body: row.body,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  }));
}
