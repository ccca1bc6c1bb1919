import 'server-only';
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/db/client';
import { staffUsers } from '@/db/schema';
import { systemCtx } from '../actor';
import { recordAudit } from '../audit';
import { hashPassword } from '../auth/passwords';

/** Serialises the first start of several instances; distinct from the seed, audit and migration locks. */
const BOOTSTRAP_LOCK_KEY = 727_415;

/**
 * A deployment (DEMO_MODE=false) seeds no accounts, so its first start makes
 * the first admin: of the mediation centre, with a random password returned
 * to be printed once, and which must be changed at the first sign-in. Does
 * nothing once any admin exists.
 */
export async function ensureFirstAdmin(db: Database, email: string): Promise<{ email: string; password: string } | null> {
  const [any] = await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.role, 'admin')).limit(1);
  if (any) return null;
  const password = crypto.randomBytes(15).toString('base64url');
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
    const [again] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.role, 'admin')).limit(1);
    if (again) return null;
    const [admin] = await tx.insert(staffUsers).values({ email: email.toLowerCase(), name: 'Administrator', role: 'admin', creditorId: null, passwordHash, mustChangePassword: true }).returning({ id: staffUsers.id });
    await recordAudit(tx, systemCtx, { action: 'staff.first_admin_created', entityType: 'staff', entityId: admin!.id, data: { email } });
    return { email, password };
  });
}

/** Whether a staff member must change their password before anything else. */
export async function staffMustChangePassword(staffId: string): Promise<boolean> {
  const [row] = await getDb().select({ must: staffUsers.mustChangePassword }).from(staffUsers).where(eq(staffUsers.id, staffId));
  return row?.must ?? false;
}
