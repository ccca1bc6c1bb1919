import 'server-only';
import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { staffTokens } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { lookupHash } from '../crypto';
import { queueNotification } from '../notifications';

/** How long an invitation or reset link works. */
export const LINK_HOURS = { invite: 72, reset: 24 } as const;

/**
 * Issues a one-time link for a staff member (an invitation or a password
 * reset): 32 random bytes, of which only a keyed hash is kept; any earlier
 * unused link of theirs stops working. The link goes by e-mail through the
 * outbox (in demo mode the dev outbox shows it).
 */
export async function issueStaffLink(
  tx: Executor,
  input: { staff: { id: string; email: string; name: string }; purpose: 'invite' | 'reset'; createdBy: string; now: Date },
): Promise<{ url: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + LINK_HOURS[input.purpose] * 3_600_000);
  await tx.update(staffTokens).set({ usedAt: input.now }).where(and(eq(staffTokens.staffId, input.staff.id), isNull(staffTokens.usedAt)));
  await tx.insert(staffTokens).values({ staffId: input.staff.id, purpose: input.purpose, tokenHash: tokenHash(token), createdBy: input.createdBy, createdAt: input.now, expiresAt });
  const url = `${getEnv().NEXTAUTH_URL.replace(/\/$/, '')}/staff/set-password?token=${token}`;
  await queueNotification(tx, {
    channel: 'email',
    recipientType: 'staff',
    recipientId: input.staff.id,
    toAddress: input.staff.email,
    template: input.purpose === 'invite' ? 'staffInvitation' : 'staffPasswordReset',
    locale: 'zh-CN',
    values: { name: input.staff.name, url, hours: LINK_HOURS[input.purpose] },
  });
  return { url, expiresAt };
}

export function tokenHash(token: string): string {
  return lookupHash(`staff-link:${token}`);
}
