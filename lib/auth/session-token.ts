import type { JWT } from 'next-auth/jwt';
import type { Actor } from '@/lib/server/actor';

/**
 * The one rule for a session token, used both where next-auth renews it (the
 * jwt callback) and where pages read it (currentActor): a borrower idle for
 * longer than the limit is signed out.
 */
export function borrowerIsIdle(token: Pick<JWT, 'kind' | 'lastSeen'>, idleMinutes: number, now = Date.now()): boolean {
  return token.kind === 'borrower' && (!token.lastSeen || now - token.lastSeen > idleMinutes * 60_000);
}

/** Who a decoded session token speaks for; anything expired, idle or incomplete is anonymous. */
export function actorFromToken(token: JWT | null, idleMinutes: number, now = Date.now()): Actor {
  if (!token?.sub || (token.exp && Number(token.exp) * 1000 < now)) return { type: 'anonymous' };
  if (token.kind === 'staff' && token.role && token.creditorId) return { type: 'staff', id: token.sub, role: token.role, creditorId: token.creditorId };
  if (token.kind === 'borrower' && !borrowerIsIdle(token, idleMinutes, now)) return { type: 'borrower', id: token.sub };
  return { type: 'anonymous' };
}
