import 'server-only';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { visibleText } from '@/lib/validation/fields';
import { getDb, type Executor } from '@/db/client';
import { creditors, sealAuthorisations, staffUsers } from '@/db/schema';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { creditorScope } from '../staff-scope';

/**
 * A creditor's standing authorisation for Concord to apply its seal to agreements (the visible seal and the
 * PKCS#7 signature under its certificate) once the mediator has signed. An admin who serves the creditor (its own
 * admin, or the mediation centre's) grants it, naming who authorises it, and revokes it; both are audited.
 * Countersigning without one in force is refused.
 */
export type SealAuthorisationDto = { id: string; signatory: string; grantedBy: string; grantedAt: string; revokedBy: string | null; revokedAt: string | null };
export type CreditorSealDto = { creditorId: string; creditorName: string; creditorNameEn: string; inForce: SealAuthorisationDto | null; history: SealAuthorisationDto[] };

// Who authorised the seal, by office and name (a one-letter signatory named no one).
const grantInput = z.object({ creditorId: z.string().uuid(), signatory: visibleText(100, 2, 'validation.signatory') });
const revokeInput = z.object({ creditorId: z.string().uuid() });

type Admin = Extract<Actor, { type: 'staff' }>;

function requireAdmin(actor: Actor): Admin {
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

/** Each creditor the admin serves, with the authorisation in force and the earlier ones, newest first. */
export async function listSealAuthorisations(actor: Actor): Promise<CreditorSealDto[]> {
  const admin = requireAdmin(actor);
  const db = getDb();
  const served = await db.select({ id: creditors.id, name: creditors.name, nameEn: creditors.nameEn }).from(creditors).where(creditorScope(admin, creditors.id)).orderBy(asc(creditors.name));
  if (served.length === 0) return [];
  const rows = await db
    .select()
    .from(sealAuthorisations)
    .where(inArray(sealAuthorisations.creditorId, served.map((c) => c.id)))
    .orderBy(desc(sealAuthorisations.grantedAt));
  const who = [...new Set(rows.flatMap((r) => (r.revokedBy ? [r.grantedBy, r.revokedBy] : [r.grantedBy])))];
  const names = new Map(who.length ? (await db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(inArray(staffUsers.id, who))).map((s) => [s.id, s.name]) : []);
  const dto = (r: (typeof rows)[number]): SealAuthorisationDto => ({
    id: r.id,
    signatory: r.signatory,
    grantedBy: names.get(r.grantedBy) ?? '—',
    grantedAt: r.grantedAt.toISOString(),
    revokedBy: r.revokedBy ? (names.get(r.revokedBy) ?? '—') : null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  });
  return served.map((creditor) => {
    const history = rows.filter((r) => r.creditorId === creditor.id).map(dto);
    return { creditorId: creditor.id, creditorName: creditor.name, creditorNameEn: creditor.nameEn, inForce: history.find((a) => a.revokedAt === null) ?? null, history };
  });
}

/** The creditor row, locked (its authorisations change one at a time), if the admin serves it; otherwise NOT_FOUND. */
async function lockServedCreditor(tx: Executor, admin: Admin, creditorId: string): Promise<void> {
  const [row] = await tx
    .select({ id: creditors.id })
    .from(creditors)
    .where(and(eq(creditors.id, creditorId), creditorScope(admin, creditors.id)))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND');
}

export async function grantSealAuthorisation(ctx: Ctx, raw: z.input<typeof grantInput>): Promise<{ id: string }> {
  const admin = requireAdmin(ctx.actor);
  const { creditorId, signatory } = grantInput.parse(raw);
  return getDb().transaction(async (tx) => {
    await lockServedCreditor(tx, admin, creditorId);
    // One in force at a time (the partial unique index holds it too).
    if (await sealAuthorisationInForce(tx, creditorId)) throw new AppError('CONFLICT');
    const [row] = await tx.insert(sealAuthorisations).values({ creditorId, signatory, grantedBy: admin.id }).returning({ id: sealAuthorisations.id });
    await recordAudit(tx, ctx, { action: 'creditor.seal_authorised', entityType: 'creditor', entityId: creditorId, data: { authorisationId: row!.id, signatory } });
    return { id: row!.id };
  });
}

export async function revokeSealAuthorisation(ctx: Ctx, raw: z.input<typeof revokeInput>): Promise<void> {
  const admin = requireAdmin(ctx.actor);
  const { creditorId } = revokeInput.parse(raw);
  await getDb().transaction(async (tx) => {
    await lockServedCreditor(tx, admin, creditorId);
    const current = await sealAuthorisationInForce(tx, creditorId);
    if (!current) throw new AppError('CONFLICT');
    await tx.update(sealAuthorisations).set({ revokedAt: new Date(), revokedBy: admin.id }).where(eq(sealAuthorisations.id, current.id));
    await recordAudit(tx, ctx, { action: 'creditor.seal_revoked', entityType: 'creditor', entityId: creditorId, data: { authorisationId: current.id } });
  });
}

/** Whether the case's creditor has a seal authorisation in force (the case page says so before anyone tries to sign). */
export async function sealAuthorisedFor(creditorId: string): Promise<boolean> {
  return (await sealAuthorisationInForce(getDb(), creditorId)) !== null;
}
