import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getEnv } from '@/lib/env';
import { isLocale } from '@/lib/i18n/config';
import { verifyLoginCode } from '@/lib/server/auth/verify-login-code';
import { authenticateStaff } from '@/lib/server/auth/authenticate-staff';
import { SESSION_MAX_SECONDS, endSession, sessionIsLive } from '@/lib/server/auth/sessions';
import { isAppError } from '@/lib/server/errors';
import { logger, scrubPersonalData } from '@/lib/server/logger';
import { metaFromHeaders } from './request-meta';
import { borrowerIsIdle, sessionClaims } from './session-token';

export type SessionKind = 'borrower' | 'staff';

declare module 'next-auth' {
  interface User {
    kind: SessionKind;
    role?: 'mediator' | 'supervisor' | 'admin';
    creditorId?: string | null;
    locale?: string;
    /** The server-side session the sign-in opened (ADR 0008). */
    sessionId?: string;
  }
  interface Session {
    user: { id: string; name: string; kind: SessionKind; role?: 'mediator' | 'supervisor' | 'admin'; creditorId?: string | null };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    kind?: SessionKind;
    role?: 'mediator' | 'supervisor' | 'admin';
    creditorId?: string | null;
    lastSeen?: number;
    /** The session record this cookie stands for. */
    sid?: string;
  }
}

/** Errors cross next-auth as a JSON message: the form shows them next to the right field, localized. */
function toAuthError(error: unknown): Error {
  if (isAppError(error)) return new Error(JSON.stringify({ code: error.code, params: error.params, field: error.field }));
  if (error && typeof error === 'object' && 'issues' in error) return new Error(JSON.stringify({ code: 'VALIDATION' }));
  logger.error({ err: { name: (error as Error)?.name, message: scrubPersonalData(String((error as Error)?.message)) } }, 'sign-in failed');
  return new Error(JSON.stringify({ code: 'UNAVAILABLE' }));
}

/** Sessions ended on purpose are not errors: next-auth's logger says them at info. */
const endedSession = new Set(['SESSION_IDLE', 'SESSION_REVOKED']);

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  cached = {
    secret: env.authSecret,
    useSecureCookies: env.secureCookies,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_SECONDS },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        id: 'borrower-code',
        name: 'Mobile number and code',
        credentials: { phone: { type: 'tel' }, code: { type: 'text' } },
        async authorize(credentials, req) {
          try {
            const borrower = await verifyLoginCode(metaFromHeaders(req.headers ?? {}), { phone: credentials?.phone ?? '', code: credentials?.code ?? '' });
            return { id: borrower.id, name: borrower.name, kind: 'borrower', locale: isLocale(borrower.locale) ? borrower.locale : undefined, sessionId: borrower.sessionId };
          } catch (error) {
            throw toAuthError(error);
          }
        },
      }),
      CredentialsProvider({
        id: 'staff-password',
        name: 'E-mail and password',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, req) {
          try {
            const staff = await authenticateStaff(metaFromHeaders(req.headers ?? {}), { email: credentials?.email ?? '', password: credentials?.password ?? '' });
            return { id: staff.id, name: staff.name, email: staff.email, kind: 'staff', role: staff.role, creditorId: staff.creditorId, sessionId: staff.sessionId };
          } catch (error) {
            throw toAuthError(error);
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        const now = Date.now();
        if (user) {
          return sessionClaims({ id: user.id, name: user.name ?? '', email: user.email, kind: user.kind, role: user.role, creditorId: user.creditorId }, user.sessionId, now);
        }
        // Borrowers are signed out after a period without activity; a thrown error clears the cookie.
        if (borrowerIsIdle(token, env.BORROWER_IDLE_MINUTES, now)) {
          throw new Error('SESSION_IDLE');
        }
        // A session ended elsewhere (signed out, everywhere, locked, deactivated) is not renewed.
        if (!token.sub || !(await sessionIsLive(token.sid, token.sub))) {
          throw new Error('SESSION_REVOKED');
        }
        return { ...token, lastSeen: now };
      },
      async session({ session, token }) {
        session.user = { id: token.sub!, name: token.name ?? '', kind: token.kind!, role: token.role, creditorId: token.creditorId };
        return session;
      },
    },
    events: {
      // Awaited by next-auth before it clears the cookie; a failure is logged, and the cookie still goes.
      async signOut({ token }) {
        if (!token?.sub || !token.kind) return;
        const actor = token.kind === 'staff' && token.role && token.creditorId !== undefined ? { type: 'staff' as const, id: token.sub, role: token.role, creditorId: token.creditorId } : { type: 'borrower' as const, id: token.sub };
        await endSession(actor, token.sid).catch((error: Error) => logger.error({ err: { name: error.name, message: scrubPersonalData(error.message) } }, 'sign-out could not end the session'));
      },
    },
    logger: {
      error(code, metadata) {
        const message = (metadata as { message?: string } | undefined)?.message ?? (metadata as Error | undefined)?.message;
        if (code === 'JWT_SESSION_ERROR' && message && endedSession.has(message)) return logger.info({ code, reason: message }, 'session ended');
        logger.error({ code, err: { message: scrubPersonalData(String(message ?? '')) } }, 'next-auth error');
      },
      warn(code) {
        logger.warn({ code }, 'next-auth warning');
      },
      debug() {},
    },
  };
  return cached;
}
