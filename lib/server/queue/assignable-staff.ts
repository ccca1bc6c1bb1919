import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { staffUsers } from '@/db/schema';
import type { Actor } from '../actor';
import { staffServing } from '../staff-scope';

type Staff = Extract<Actor, { type: 'staff' }>;

/**
 * The people a supervisor may give cases to: active mediators and supervisors who serve the supervisor's creditor
 * (its own staff and the centre's); a centre supervisor's list is every active mediator and supervisor. Whether one
 * of them serves a particular case's creditor is checked when assigning.
 */
export async function assignableStaff(actor: Staff): Promise<{ id: string; name: string; role: 'mediator' | 'supervisor'; creditorId: string | null }[]> {
  const rows = await getDb()
    .select({ id: staffUsers.id, name: staffUsers.name, role: staffUsers.role, creditorId: staffUsers.creditorId })
    .from(staffUsers)
    .where(and(eq(staffUsers.active, true), inArray(staffUsers.role, ['mediator', 'supervisor']), actor.creditorId ? staffServing(actor.creditorId, staffUsers.creditorId) : undefined))
    .orderBy(asc(staffUsers.role), asc(staffUsers.name));
  return rows as { id: string; name: string; role: 'mediator' | 'supervisor'; creditorId: string | null }[];
}
