import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getEnv } from '@/lib/env';
import type { Actor, Ctx, StaffRole } from '@/lib/server/actor';
import { sessionIsLive, staffSessionState } from '@/lib/server/auth/sessions';
import { currentRequestMeta } from './request-meta';
import { signInPath } from './return-path';
import { decodeSessionToken } from './session-decode';
import { actorFromToken } from './session-token';

/** next-auth's session cookie, reassembled when it was split into chunks. */
async function sessionCookie(): Promise<string | undefined> {
  const name = getEnv().secureCookies ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
  const jar = await cookies();
  const whole = jar.get(name)?.value;
  if (whole) return whole;
  const chunks = jar
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join('') : undefined;
}

/**
 * The acting user for this request, or anonymous: the signed, encrypted session
 * cookie decoded directly (the same token next-auth issues and renews), with
 * the borrower idle timeout applied, and its session record still open (a
 * signed-out, revoked or expired session is anonymous: ADR 0008). For staff the
 * same read says whether the password must be changed first (requireStaff).
 * Cached per request. Never marked 'use server': it is a helper, not an endpoint.
 */
const sessionState = cache(async (): Promise<{ actor: Actor; mustChangePassword: boolean }> => {
  const anonymous = { actor: { type: 'anonymous' } as Actor, mustChangePassword: false };
  const raw = await sessionCookie();
  if (!raw) return anonymous;
  const env = getEnv();
  const token = await decodeSessionToken(raw, env.authSecret);
  const actor = actorFromToken(token, env.BORROWER_IDLE_MINUTES);
  if (actor.type === 'staff') {
    const { live, mustChangePassword } = await staffSessionState(actor.sessionId, actor.id);
    return live ? { actor, mustChangePassword } : anonymous;
  }
  if (actor.type !== 'borrower' || !(await sessionIsLive(actor.sessionId, actor.id))) return anonymous;
  return { actor, mustChangePassword: false };
});

export const currentActor = cache(async (): Promise<Actor> => (await sessionState()).actor);

export async function currentCtx(): Promise<Ctx> {
  return { actor: await currentActor(), meta: await currentRequestMeta() };
}

/**
 * For borrower pages: a borrower, or off to the borrower sign-in (staff are sent to their own home). A borrower
 * whose session ended comes back to the page they were on once signed in again (a path on this portal only).
 */
export async function requireBorrower(): Promise<Ctx & { actor: Extract<Actor, { type: 'borrower' }> }> {
  const ctx = await currentCtx();
  if (ctx.actor.type === 'borrower') return ctx as Ctx & { actor: Extract<Actor, { type: 'borrower' }> };
  if (ctx.actor.type === 'staff') redirect('/staff');
  redirect(signInPath((await headers()).get('x-return-path')));
}

/**
 * For staff pages: staff with one of the roles, or away (a borrower goes to their own home).
 * An account whose password was chosen by someone else (a deployment's first admin) goes to its
 * account page to change it first: only that page passes `passwordChange`.
 */
export async function requireStaff(roles: readonly StaffRole[] = ['mediator', 'supervisor', 'admin'], options: { passwordChange?: boolean } = {}): Promise<Ctx & { actor: Extract<Actor, { type: 'staff' }> }> {
  const ctx = await currentCtx();
  if (ctx.actor.type === 'borrower') redirect('/');
  if (ctx.actor.type !== 'staff') redirect('/staff/login');
  if (!options.passwordChange && (await sessionState()).mustChangePassword) redirect('/staff/account?mustChange=1');
  if (!roles.includes(ctx.actor.role)) redirect('/staff?denied=1');
  return ctx as Ctx & { actor: Extract<Actor, { type: 'staff' }> };
}
