import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, invitations, notifications, staffUsers } from '@/db/schema';
import { getEnv } from '@/lib/env';
import type { Actor } from '../actor';
import { AppError } from '../errors';

export type OutboxEntry = { id: string; channel: string; toAddress: string; subject: string | null; body: string; status: string; createdAt: string; scheduledAt: string; deferredBy: string | null; letterId: string | null };

/**
 * The dev outbox holds every message the default channel "sent", sign-in and
 * signing codes among them: whoever reads it can sign in as any borrower. So
 * admins only, in every mode (mediators and supervisors never see a code), and
 * an admin of one creditor sees only that creditor's: its messages, its staff's
 * (an invitation or reset link signs in as that person) and the codes sent to
 * its borrowers. The centre's admins, who serve every creditor, see all.
 */
export function canReadOutbox(actor: Actor): boolean {
  return actor.type === 'staff' && actor.role === 'admin';
}

/** Templates that carry a one-time code. */
const codeTemplates = new Set(['loginCode', 'signCode']);

function visibleTo(actor: Actor) {
  if (actor.type !== 'staff' || actor.creditorId === null) return undefined;
  const creditorId = actor.creditorId;
  return sql`(${notifications.creditorId} = ${creditorId}
    or (${notifications.creditorId} is null and ${notifications.recipientType} = 'staff'
        and exists (select 1 from ${staffUsers} where ${staffUsers.id} = ${notifications.recipientId} and ${staffUsers.creditorId} = ${creditorId}))
    or (${notifications.creditorId} is null and ${notifications.recipientType} = 'borrower'
        and exists (select 1 from ${cases} where ${cases.borrowerId} = ${notifications.recipientId} and ${cases.creditorId} = ${creditorId})))`;
}

export async function listOutbox(actor: Actor, limit = 100): Promise<OutboxEntry[]> {
  if (!canReadOutbox(actor)) throw new AppError('NOT_FOUND');
  // Outside demo mode the codes went to real phones: the log shows that they went, not what they were.
  const maskCodes = !getEnv().DEMO_MODE;
  const rows = (
    await getDb()
      .select({ row: notifications, letterId: invitations.id })
      .from(notifications)
      .leftJoin(invitations, eq(invitations.notificationId, notifications.id))
      .where(visibleTo(actor))
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
