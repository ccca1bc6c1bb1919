import 'server-only';
import type { Actor } from './actor';
import { AppError } from './errors';

export type Admin = Extract<Actor, { type: 'staff' }> & { role: 'admin' };

/** An admin, or NOT_FOUND (pages and actions of /staff/admin say nothing to anyone else). */
export function requireAdmin(actor: Actor): Admin {
  if (actor.type !== 'staff' || actor.role !== 'admin') throw new AppError('NOT_FOUND');
  return actor as Admin;
}
