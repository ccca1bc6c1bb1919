import 'server-only';
import { getDb } from '@/db/client';
import type { Actor, StaffRole } from '../actor';
import { recordAudit } from '../audit';

export async function recordSignOut(kind: 'borrower' | 'staff', id: string, role?: StaffRole, creditorId?: string) {
  const actor: Actor = kind === 'staff' && role && creditorId ? { type: 'staff', id, role, creditorId } : { type: 'borrower', id };
  await getDb().transaction((tx) => recordAudit(tx, { actor, meta: {} }, { action: 'auth.sign_out', entityType: kind, entityId: id }));
}
