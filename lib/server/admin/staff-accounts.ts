import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { creditors, signInLockouts, staffTokens, staffUsers } from '@/db/schema';
import { changeStaffRoleSchema, inviteStaffSchema, type ChangeStaffRoleInput, type InviteStaffInput } from '@/lib/validation/staff-admin';
import type { Ctx, StaffRole } from '../actor';
import { recordAudit } from '../audit';
import { clearFailures, lockoutKey } from '../auth/password-lockout';
import { revokeSessionsOf } from '../auth/sessions';
import { isUuid } from '../cases/case-access';
import { AppError } from '../errors';
import { creditorScope, servesCreditor } from '../staff-scope';
import { assertAdmin, type Admin } from './admin-actor';
import { issueStaffLink } from './staff-links';

export type StaffAccountDto = {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  creditorId: string | null;
  creditorName: string | null;
  active: boolean;
  lastLoginAt: string | null;
  /** Invited and not yet signed in with a password of their own. */
  pending: boolean;
  /** The sign-in lockout on their address (the same as the sign-in page reports), if any. */
  lockedUntil: string | null;
};

/** Centre admins see every account; a creditor's admin their creditor's. */
export async function listStaffAccounts(actor: Ctx['actor'], now = new Date()): Promise<StaffAccountDto[]> {
  assertAdmin(actor);
  const rows = await getDb()
    .select({ s: staffUsers, creditorName: creditors.name, pending: sql<boolean>`exists (select 1 from ${staffTokens} t where t.staff_id = ${staffUsers.id} and t.purpose = 'invite' and t.used_at is null)` })
    .from(staffUsers)
    .leftJoin(creditors, eq(creditors.id, staffUsers.creditorId))
    .where(creditorScope(actor, staffUsers.creditorId))
    .orderBy(asc(staffUsers.role), asc(staffUsers.email));
  const locks = await getDb().select().from(signInLockouts).where(sql`${signInLockouts.lockedUntil} > ${now}`);
  const lockedBy = new Map(locks.map((l) => [l.key, l.lockedUntil!]));
  return rows.map(({ s, creditorName, pending }) => ({
    id: s.id,
    name: s.name,
    email: s.email,
    role: s.role,
    creditorId: s.creditorId,
    creditorName,
    active: s.active,
    lastLoginAt: s.lastLoginAt?.toISOString() ?? null,
    pending,
    lockedUntil: lockedBy.get(lockoutKey(s.email))?.toISOString() ?? null,
  }));
}

/** The creditor an admin may give an account: their own, or (centre admins) any creditor or the centre. */
async function assertMayAssign(tx: Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0], admin: Admin, creditorId: string | null) {
  if (creditorId === null) {
    if (admin.creditorId !== null) throw new AppError('FORBIDDEN', { field: 'creditorId' });
    return;
  }
  const [row] = await tx.select({ id: creditors.id }).from(creditors).where(and(eq(creditors.id, creditorId), creditorScope(admin, creditors.id)));
  if (!row || !servesCreditor(admin, row.id)) throw new AppError('VALIDATION', { message: 'validation.choose', field: 'creditorId' });
}

/**
 * Invites a new staff member: the account is created without a usable
 * password, and a one-time link to set one is sent (the dev outbox in demo
 * mode). An address already in use is refused beside the field.
 */
export async function inviteStaff(ctx: Ctx, raw: InviteStaffInput, now = new Date()): Promise<{ id: string; url: string }> {
  const { actor } = ctx;
  assertAdmin(actor);
  const input = inviteStaffSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    await assertMayAssign(tx, actor, input.creditorId);
    const [taken] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(sql`lower(${staffUsers.email}) = ${input.email}`);
    if (taken) throw new AppError('VALIDATION', { message: 'validation.emailTaken', field: 'email' });
    // '!' is no argon2 hash: nobody can sign in until the link has been used.
    const [staff] = await tx.insert(staffUsers).values({ email: input.email, name: input.name, role: input.role, creditorId: input.creditorId, passwordHash: '!', createdAt: now }).returning();
    const { url } = await issueStaffLink(tx, { staff: staff!, purpose: 'invite', createdBy: actor.id, now });
    await recordAudit(tx, ctx, { action: 'staff.invited', entityType: 'staff', entityId: staff!.id, data: { email: input.email, role: input.role, creditorId: input.creditorId } });
    return { id: staff!.id, url };
  });
}

/** Loads an account the admin may manage, locked; never their own (another admin does that). */
async function loadManaged(tx: Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0], admin: Admin, staffId: unknown) {
  if (!isUuid(staffId)) throw new AppError('NOT_FOUND');
  if (staffId === admin.id) throw new AppError('FORBIDDEN');
  const [staff] = await tx
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.id, staffId), creditorScope(admin, staffUsers.creditorId)))
    .for('update');
  if (!staff) throw new AppError('NOT_FOUND');
  return staff;
}

/**
 * Changes a staff member's role or creditor. What they may see and do changes
 * with it, so their open sessions end: they sign in again under the new role.
 */
export async function changeStaffRole(ctx: Ctx, staffId: unknown, raw: ChangeStaffRoleInput, now = new Date()): Promise<{ endedSessions: number }> {
  const { actor } = ctx;
  assertAdmin(actor);
  const input = changeStaffRoleSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const staff = await loadManaged(tx, actor, staffId);
    await assertMayAssign(tx, actor, input.creditorId);
    if (staff.role === input.role && staff.creditorId === input.creditorId) return { endedSessions: 0 };
    await tx.update(staffUsers).set({ role: input.role, creditorId: input.creditorId }).where(eq(staffUsers.id, staff.id));
    const endedSessions = await revokeSessionsOf(tx, staff.id, 'role_changed', { now });
    await recordAudit(tx, ctx, {
      action: 'staff.role_changed',
      entityType: 'staff',
      entityId: staff.id,
      data: { before: { role: staff.role, creditorId: staff.creditorId }, after: { role: input.role, creditorId: input.creditorId }, endedSessions },
    });
    return { endedSessions };
  });
}

/** Lets a deactivated account sign in again (its password unchanged; its old sessions stay ended). */
export async function reactivateStaff(ctx: Ctx, staffId: unknown): Promise<void> {
  const { actor } = ctx;
  assertAdmin(actor);
  await getDb().transaction(async (tx) => {
    const staff = await loadManaged(tx, actor, staffId);
    if (staff.active) return;
    await tx.update(staffUsers).set({ active: true }).where(eq(staffUsers.id, staff.id));
    await recordAudit(tx, ctx, { action: 'staff.reactivated', entityType: 'staff', entityId: staff.id });
  });
}

/**
 * Resets a staff member's password: the old one stops working at once, their
 * sessions end, and a one-time link to choose a new one is sent to them.
 */
export async function resetStaffPassword(ctx: Ctx, staffId: unknown, now = new Date()): Promise<{ endedSessions: number; url: string }> {
  const { actor } = ctx;
  assertAdmin(actor);
  return getDb().transaction(async (tx) => {
    const staff = await loadManaged(tx, actor, staffId);
    if (!staff.active) throw new AppError('CONFLICT');
    await tx.update(staffUsers).set({ passwordHash: '!' }).where(eq(staffUsers.id, staff.id));
    const endedSessions = await revokeSessionsOf(tx, staff.id, 'password_reset', { now });
    const { url } = await issueStaffLink(tx, { staff, purpose: 'reset', createdBy: actor.id, now });
    await recordAudit(tx, ctx, { action: 'staff.password_reset', entityType: 'staff', entityId: staff.id, data: { endedSessions } });
    return { endedSessions, url };
  });
}

/** Lifts a sign-in lockout on a staff member's address before its fifteen minutes are up. */
export async function unlockStaff(ctx: Ctx, staffId: unknown, now = new Date()): Promise<void> {
  const { actor } = ctx;
  assertAdmin(actor);
  await getDb().transaction(async (tx) => {
    const staff = await loadManaged(tx, actor, staffId);
    await clearFailures(tx, lockoutKey(staff.email), now);
    await recordAudit(tx, ctx, { action: 'staff.unlocked', entityType: 'staff', entityId: staff.id });
  });
}

/** Invitations still open, for the pending accounts' "send again". */
export async function resendInvitation(ctx: Ctx, staffId: unknown, now = new Date()): Promise<{ url: string }> {
  const { actor } = ctx;
  assertAdmin(actor);
  return getDb().transaction(async (tx) => {
    const staff = await loadManaged(tx, actor, staffId);
    const [open] = await tx.select({ id: staffTokens.id }).from(staffTokens).where(and(eq(staffTokens.staffId, staff.id), eq(staffTokens.purpose, 'invite'), isNull(staffTokens.usedAt)));
    // A deactivated account's link would open on a refusal: reactivate it first.
    if (!open || staff.lastLoginAt || !staff.active) throw new AppError('CONFLICT');
    const { url } = await issueStaffLink(tx, { staff, purpose: 'invite', createdBy: actor.id, now });
    await recordAudit(tx, ctx, { action: 'staff.invitation_resent', entityType: 'staff', entityId: staff.id });
    return { url };
  });
}
