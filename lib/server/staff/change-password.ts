import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { staffUsers } from '@/db/schema';
import { changePasswordSchema, type ChangePasswordInput } from '@/lib/validation/auth';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { hashPassword } from '../auth/passwords';
import { revokeSessionsOf } from '../auth/sessions';
import { confirmStaffPassword } from '../auth/step-up';
import { AppError } from '../errors';

/**
 * A staff member changes their own password: the current one first (counted
 * towards the sign-in lockout like any step-up), then every other session of
 * theirs ends; the one they are using goes on.
 */
export async function changeStaffPassword(ctx: Ctx, raw: ChangePasswordInput): Promise<{ endedSessions: number }> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const input = changePasswordSchema.parse(raw);
  await confirmStaffPassword(ctx, input.current, 'password_change', 'current');
  const passwordHash = await hashPassword(input.next);
  return getDb().transaction(async (tx) => {
    await tx.update(staffUsers).set({ passwordHash, mustChangePassword: false }).where(eq(staffUsers.id, actor.id));
    const endedSessions = await revokeSessionsOf(tx, actor.id, 'password_changed', { except: actor.sessionId });
    await recordAudit(tx, ctx, { action: 'staff.password_changed', entityType: 'staff', entityId: actor.id, data: { endedSessions } });
    return { endedSessions };
  });
}
