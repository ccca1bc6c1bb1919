import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { staffTokens, staffUsers } from '@/db/schema';
import { rateLimits } from '@/lib/domain/rate-limit';
import { setPasswordSchema, type SetPasswordInput } from '@/lib/validation/staff-admin';
import type { RequestMeta } from '../actor';
import { recordAudit } from '../audit';
import { clearFailures, lockoutKey } from '../auth/password-lockout';
import { hashPassword } from '../auth/passwords';
import { revokeSessionsOf } from '../auth/sessions';
import { AppError } from '../errors';
import { hitRateLimit } from '../rate-limit';
import { tokenHash } from './staff-links';

/** What the set-password page shows before anything is typed: whose link it is, or that it no longer works. */
export async function readStaffLink(token: unknown, now = new Date()): Promise<{ email: string; name: string; purpose: 'invite' | 'reset' } | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
  const [row] = await getDb()
    .select({ email: staffUsers.email, name: staffUsers.name, purpose: staffTokens.purpose, active: staffUsers.active })
    .from(staffTokens)
    .innerJoin(staffUsers, eq(staffUsers.id, staffTokens.staffId))
    .where(and(eq(staffTokens.tokenHash, tokenHash(token)), isNull(staffTokens.usedAt), gt(staffTokens.expiresAt, now)));
  return row?.active ? { email: row.email, name: row.name, purpose: row.purpose } : null;
}

/**
 * Sets a staff member's password from an invitation or reset link: the
 * password rules of the account page, the link used once, any lockout on the
 * address lifted, sessions ended (a reset means someone else may have had the
 * old password). Limited per address like staff sign-in.
 */
export async function setPasswordWithLink(meta: RequestMeta, raw: SetPasswordInput, now = new Date()): Promise<{ email: string }> {
  const input = setPasswordSchema.parse(raw);
  const passwordHash = await hashPassword(input.next);
  const ctx = { actor: { type: 'anonymous' as const }, meta };
  const outcome = await getDb().transaction(async (tx) => {
    const limit = await hitRateLimit(tx, rateLimits.staffLoginPerIp, meta.ip ?? 'unknown', now);
    if (!limit.allowed) return { error: new AppError('RATE_LIMITED', { params: { retryAt: limit.retryAt.toISOString() } }) };
    const [link] = await tx
      .select({ id: staffTokens.id, staffId: staffTokens.staffId, purpose: staffTokens.purpose })
      .from(staffTokens)
      .where(and(eq(staffTokens.tokenHash, tokenHash(input.token)), isNull(staffTokens.usedAt), gt(staffTokens.expiresAt, now)))
      .for('update');
    const [staff] = link ? await tx.select().from(staffUsers).where(eq(staffUsers.id, link.staffId)) : [];
    if (!link || !staff?.active) {
      await recordAudit(tx, ctx, { action: 'staff.link_refused' });
      return { error: new AppError('LINK_INVALID') };
    }
    await tx.update(staffTokens).set({ usedAt: now }).where(eq(staffTokens.id, link.id));
    await tx.update(staffUsers).set({ passwordHash, mustChangePassword: false }).where(eq(staffUsers.id, staff.id));
    await clearFailures(tx, lockoutKey(staff.email), now);
    await revokeSessionsOf(tx, staff.id, 'password_changed', { now });
    await recordAudit(tx, { actor: { type: 'staff', id: staff.id, role: staff.role, creditorId: staff.creditorId }, meta }, { action: 'staff.password_set', entityType: 'staff', entityId: staff.id, data: { via: link.purpose } });
    return { email: staff.email };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome;
}
