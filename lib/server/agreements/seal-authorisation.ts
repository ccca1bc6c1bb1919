import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { creditors, sealAuthorisations, staffUsers } from '@/db/schema';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';

/**
 * The creditor's standing authorisation for Concord to apply its seal to agreements (the visible seal and the
 * PKCS#7 signature under its certificate) once its mediator has signed. An admin of the creditor grants it, naming
 * who authorises it, and revokes it; both are audited. Countersigning without one in force is refused.
 */
export type SealAuthorisationDto = { id: string; signatory: string; grantedBy: string; grantedAt: string; revokedBy: string | null; revokedAt: string | null };

const grantInput = z.object({ signatory: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong') });

function requireAdmin(actor: Actor): Extract<Actor, { type: 'staff' }> {
  if (actor.type !== 'staff' || actor.role !== 'admin') throw new AppError('NOT_FOUND');
  return actor;
}

export async function sealAuthorisationInForce(db: Executor, creditorId: string) {
  const [row] = await db
    .select()
    .from(sealAuthorisations)
    .where(and(eq(sealAuthorisations.creditorId, creditorId), isNull(sealAuthorisations.revokedAt)))
    .limit(1);
  return row ?? null;
}

/** The authorisation in force and the earlier ones, newest first, for the creditor's admin. */
export async function listSealAuthorisations(actor: Actor): Promise<SealAuthorisationDto[]> {
  const admin = requireAdmin(actor);
  const rows = await getDb().select().from(sealAuthorisations).where(eq(sealAuthorisations.creditorId, admin.creditorId)).orderBy(desc(sealAuthorisations.grantedAt));
  const staff = new Map((await getDb().select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.creditorId, admin.creditorId))).map((s) => [s.id, s.name]));
  return rows.map((r) => ({
    id: r.id,
    signatory: r.signatory,
    grantedBy: staff.get(r.grantedBy) ?? '—',
    grantedAt: r.grantedAt.toISOString(),
    revokedBy: r.revokedBy ? (staff.get(r.revokedBy) ?? '—') : null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

export async function grantSealAuthorisation(ctx: Ctx, raw: z.input<typeof grantInput>): Promise<{ id: string }> {
  const admin = requireAdmin(ctx.actor);
  const { signatory } = grantInput.parse(raw);
  return getDb().transaction(async (tx) => {
    // The creditor row is the lock: its authorisations change one at a time (and the unique index holds one in force).
    await tx.select({ id: creditors.id }).from(creditors).where(eq(creditors.id, admin.creditorId)).for('update');
    if (await sealAuthorisationInForce(tx, admin.creditorId)) throw new AppError('CONFLICT');
    const [row] = await tx.insert(sealAuthorisations).values({ creditorId: admin.creditorId, signatory, grantedBy: admin.id }).returning({ id: sealAuthorisations.id });
    await recordAudit(tx, ctx, { action: 'creditor.seal_authorised', entityType: 'creditor', entityId: admin.creditorId, data: { authorisationId: row!.id, signatory } });
    return { id: row!.id };
  });
}

export async function revokeSealAuthorisation(ctx: Ctx): Promise<void> {
  const admin = requireAdmin(ctx.actor);
  await getDb().transaction(async (tx) => {
    const current = await sealAuthorisationInForce(tx, admin.creditorId);
    if (!current) throw new AppError('CONFLICT');
    const [revoked] = await tx
      .update(sealAuthorisations)
      .set({ revokedAt: new Date(), revokedBy: admin.id })
      .where(and(eq(sealAuthorisations.id, current.id), isNull(sealAuthorisations.revokedAt)))
      .returning({ id: sealAuthorisations.id });
    if (!revoked) throw new AppError('CONFLICT');
    await recordAudit(tx, ctx, { action: 'creditor.seal_revoked', entityType: 'creditor', entityId: admin.creditorId, data: { authorisationId: current.id } });
  });
}

/** Whether the staff member's creditor has a seal authorisation in force (the case page says so before anyone tries to sign). */
export async function sealAuthorisedFor(actor: Actor): Promise<boolean> {
  if (actor.type !== 'staff') return false;
  return (await sealAuthorisationInForce(getDb(), actor.creditorId)) !== null;
}
