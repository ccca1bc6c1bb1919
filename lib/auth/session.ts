import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import type { Actor, Ctx, StaffRole } from '@/lib/server/actor';
import { getAuthOptions } from './options';
import { currentRequestMeta } from './request-meta';

/** The acting user for this request, or anonymous. Never marked 'use server': it is a helper, not an endpoint. */
export async function currentActor(): Promise<Actor> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user;
  if (!user?.id) return { type: 'anonymous' };
  if (user.kind === 'staff' && user.role && user.creditorId) return { type: 'staff', id: user.id, role: user.role, creditorId: user.creditorId };
  if (user.kind === 'borrower') return { type: 'borrower', id: user.id };
  return { type: 'anonymous' };
}

export async function currentCtx(): Promise<Ctx> {
  return { actor: await currentActor(), meta: await currentRequestMeta() };
}

/** For borrower pages: a borrower, or off to the borrower sign-in (staff are sent to their own home). */
export async function requireBorrower(): Promise<Ctx & { actor: Extract<Actor, { type: 'borrower' }> }> {
  const ctx = await currentCtx();
  if (ctx.actor.type === 'borrower') return ctx as Ctx & { actor: Extract<Actor, { type: 'borrower' }> };
  if (ctx.actor.type === 'staff') redirect('/staff');
  redirect('/login');
}

/** For staff pages: staff with one of the roles, or away (a borrower goes to their own home). */
export async function requireStaff(roles: readonly StaffRole[] = ['mediator', 'supervisor', 'admin']): Promise<Ctx & { actor: Extract<Actor, { type: 'staff' }> }> {
  const ctx = await currentCtx();
  if (ctx.actor.type === 'borrower') redirect('/');
  if (ctx.actor.type !== 'staff') redirect('/staff/login');
  if (!roles.includes(ctx.actor.role)) redirect('/staff?denied=1');
  return ctx as Ctx & { actor: Extract<Actor, { type: 'staff' }> };
}
