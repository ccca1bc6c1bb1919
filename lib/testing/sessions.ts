import crypto from 'node:crypto';
import { encode } from 'next-auth/jwt';
import type { Executor } from '@/db/client';
import { sessionClaims } from '@/lib/auth/session-token';
import { SESSION_MAX_SECONDS, startSession } from '@/lib/server/auth/sessions';

/** A factory-made borrower or staff row: staff rows have a role. */
export type SessionHolder = { id: string; fullName: string } | { id: string; name: string; email: string; role: 'mediator' | 'supervisor' | 'admin'; creditorId: string | null };

/**
 * A session as a sign-in would open it (its record in the database, and the
 * signed, encrypted cookie that names it), without going through the sign-in
 * form: for browser tests and the benchmark, as dub's and epic-stack's tests
 * do. The sign-in spec is the one place the real forms are used.
 */
export async function mintSession(db: Executor, holder: SessionHolder, secret: string, options: { userAgent?: string } = {}): Promise<{ name: string; value: string; sessionId: string; csrf: { name: string; value: string } }> {
  const staff = 'role' in holder;
  const sessionId = await startSession(db, { type: staff ? 'staff' : 'borrower', id: holder.id }, { ip: '127.0.0.1', userAgent: options.userAgent ?? 'minted for a test' });
  const user = staff
    ? { id: holder.id, name: holder.name, email: holder.email, kind: 'staff' as const, role: holder.role, creditorId: holder.creditorId }
    : { id: holder.id, name: holder.fullName, kind: 'borrower' as const };
  const value = await encode({ secret, token: sessionClaims(user, sessionId), maxAge: SESSION_MAX_SECONDS });
  // next-auth's CSRF cookie ("token|sha256(token + secret)"), which a browser that signed in holds too:
  // the header's sign-out form sends its token, with or without JavaScript.
  const token = crypto.randomBytes(32).toString('hex');
  const csrf = { name: 'next-auth.csrf-token', value: `${token}|${crypto.createHash('sha256').update(`${token}${secret}`).digest('hex')}` };
  return { name: 'next-auth.session-token', value, sessionId, csrf };
}
