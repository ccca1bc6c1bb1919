import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { staffUsers } from '@/db/schema';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { revokeSessionsOf } from '../auth/sessions';
import { isUuid } from '../cases/case-access';
import { AppError } from '../errors';

/**
 * An admin deactivates a staff account of their own creditor: it can no longer
 * sign in (its address is answered like an unknown one) and every open session
 * ends at its next request. Not one's own account: another admin does that.
 */
export async function deactivateStaff(ctx: Ctx, staffId: unknown): Promise<{ endedSessions: number }> {
  const { actor } = ctx;
  if (actor.type !== 'staff' || actor.role !== 'admin' || !isUuid(staffId)) throw new AppError('NOT_FOUND');
  if (staffId === actor.id) throw new AppError('FORBIDDEN');
  return getDb().transaction(async (tx) => {
    const [staff] = await tx
      .select()
      .from(staffUsers)
      .where(and(eq(staffUsers.id, staffId), actor.creditorId === null ? undefined : eq(staffUsers.creditorId, actor.creditorId)))
      .for('update');
    if (!staff) throw new AppError('NOT_FOUND');
    if (staff.active) await tx.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, staff.id));
    const endedSessions = await revokeSessionsOf(tx, staff.id, 'deactivated');
    await recordAudit(tx, ctx, { action: 'staff.deactivated', entityType: 'staff', entityId: staff.id, data: { endedSessions, wasActive: staff.active } });
    return { endedSessions };
  });
}
