import 'server-only';
import type { Actor } from '../actor';
import { AppError } from '../errors';

export type Admin = Extract<Actor, { type: 'staff' }> & { role: 'admin' };

/** Administration is for admins: checked here, in every admin service, never only in a layout. */
export function assertAdmin(actor: Actor): asserts actor is Admin {
  if (actor.type !== 'staff' || actor.role !== 'admin') throw new AppError('FORBIDDEN');
}
