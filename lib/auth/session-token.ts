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

/**
 * Who a decoded session token claims to speak for; anything expired, idle,
 * incomplete or without a server-side session is anonymous. The claim still
 * has to be checked against the session record (ADR 0008): currentActor does.
 */
export function actorFromToken(token: JWT | null, idleMinutes: number, now = Date.now()): Actor {
  if (!token?.sub || !token.sid || (token.exp && Number(token.exp) * 1000 < now)) return { type: 'anonymous' };
  if (token.kind === 'staff' && token.role && token.creditorId !== undefined) return { type: 'staff', id: token.sub, role: token.role, creditorId: token.creditorId, sessionId: token.sid };
  if (token.kind === 'borrower' && !borrowerIsIdle(token, idleMinutes, now)) return { type: 'borrower', id: token.sub, sessionId: token.sid };
  return { type: 'anonymous' };
}

export type SessionUser = { id: string; name: string; email?: string | null; kind: 'borrower' | 'staff'; role?: 'mediator' | 'supervisor' | 'admin'; creditorId?: string | null };

/** The claims of a fresh session cookie: what the jwt callback writes at sign-in, and what tests and the bench mint. */
export function sessionClaims(user: SessionUser, sessionId: string | undefined, now = Date.now()): JWT {
  return { sub: user.id, name: user.name, email: user.email, kind: user.kind, role: user.role, creditorId: user.creditorId, lastSeen: now, sid: sessionId };
}
