import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getEnv } from '@/lib/env';
import { isLocale } from '@/lib/i18n/config';
import { verifyLoginCode } from '@/lib/server/auth/verify-login-code';
import { authenticateStaff } from '@/lib/server/auth/authenticate-staff';
import { recordSignOut } from '@/lib/server/auth/record-sign-out';
import { isAppError } from '@/lib/server/errors';
import { logger, scrubPersonalData } from '@/lib/server/logger';
import { metaFromHeaders } from './request-meta';
import { borrowerIsIdle } from './session-token';

export type SessionKind = 'borrower' | 'staff';

declare module 'next-auth' {
  interface User {
    kind: SessionKind;
    role?: 'mediator' | 'supervisor' | 'admin';
    creditorId?: string;
    locale?: string;
  }
  interface Session {
    user: { id: string; name: string; kind: SessionKind; role?: 'mediator' | 'supervisor' | 'admin'; creditorId?: string };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    kind?: SessionKind;
    role?: 'mediator' | 'supervisor' | 'admin';
    creditorId?: string;
    lastSeen?: number;
  }
}

/** Errors cross next-auth as a JSON message: the form shows them next to the right field, localized. */
function toAuthError(error: unknown): Error {
  if (isAppError(error)) return new Error(JSON.stringify({ code: error.code, params: error.params, field: error.field }));
  if (error && typeof error === 'object' && 'issues' in error) return new Error(JSON.stringify({ code: 'VALIDATION' }));
  logger.error({ err: { name: (error as Error)?.name, message: scrubPersonalData(String((error as Error)?.message)) } }, 'sign-in failed');
  return new Error(JSON.stringify({ code: 'UNAVAILABLE' }));
}

export const STAFF_SESSION_SECONDS = 12 * 60 * 60;

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  cached = {
    secret: env.authSecret,
    useSecureCookies: env.secureCookies,
    session: { strategy: 'jwt', maxAge: STAFF_SESSION_SECONDS },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        id: 'borrower-code',
        name: 'Mobile number and code',
        credentials: { phone: { type: 'tel' }, code: { type: 'text' } },
        async authorize(credentials, req) {
          try {
            const borrower = await verifyLoginCode(metaFromHeaders(req.headers ?? {}), { phone: credentials?.phone ?? '', code: credentials?.code ?? '' });
            return { id: borrower.id, name: borrower.name, kind: 'borrower', locale: isLocale(borrower.locale) ? borrower.locale : undefined };
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
            return { id: staff.id, name: staff.name, email: staff.email, kind: 'staff', role: staff.role, creditorId: staff.creditorId };
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
          return { sub: user.id, name: user.name, email: user.email, kind: user.kind, role: user.role, creditorId: user.creditorId, lastSeen: now };
        }
        // Borrowers are signed out after a period without activity; a thrown error clears the cookie.
        if (borrowerIsIdle(token, env.BORROWER_IDLE_MINUTES, now)) {
          throw new Error('SESSION_IDLE');
        }
        return { ...token, lastSeen: now };
      },
      async session({ session, token }) {
        session.user = { id: token.sub!, name: token.name ?? '', kind: token.kind!, role: token.role, creditorId: token.creditorId };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sub && token.kind) await recordSignOut(token.kind, token.sub, token.role, token.creditorId).catch(() => undefined);
      },
    },
  };
  return cached;
}
