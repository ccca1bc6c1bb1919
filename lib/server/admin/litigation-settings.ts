import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { creditors } from '@/db/schema';
import { parseLitigationSettings, type LitigationSettings } from '@/lib/domain/litigation-settings';
import { litigationSettingsFormSchema } from '@/lib/validation/litigation';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { isUuid } from '../cases/case-access';
import { AppError } from '../errors';
import { creditorScope } from '../staff-scope';
import { assertAdmin, type Admin } from './admin-actor';

/** The creditor row an admin may administer (none for an id that is not a UUID). */
export const scoped = (actor: Admin, creditorId: unknown) => and(eq(creditors.id, isUuid(creditorId) ? creditorId : '00000000-0000-0000-0000-000000000000'), creditorScope(actor, creditors.id));

/** The creditors an admin administers, with whether counsel is set and how many courts are listed. */
export async function listLitigationSettings(actor: Actor) {
  assertAdmin(actor);
  const rows = await getDb().select({ id: creditors.id, name: creditors.name, nameEn: creditors.nameEn, court: creditors.court, litigation: creditors.litigation }).from(creditors).where(creditorScope(actor, creditors.id)).orderBy(asc(creditors.name));
  return rows.map((r) => ({ id: r.id, name: r.name, nameEn: r.nameEn, agreedCourt: r.court, settings: parseLitigationSettings(r.litigation) }));
}

export async function getLitigationSettings(actor: Actor, creditorId: unknown): Promise<{ name: string; nameEn: string; agreedCourt: string; settings: LitigationSettings }> {
  assertAdmin(actor);
  const [row] = await getDb().select({ name: creditors.name, nameEn: creditors.nameEn, court: creditors.court, litigation: creditors.litigation }).from(creditors).where(scoped(actor, creditorId));
  if (!row) throw new AppError('NOT_FOUND');
  return { name: row.name, nameEn: row.nameEn, agreedCourt: row.court, settings: parseLitigationSettings(row.litigation) };
}

/**
 * Sets a creditor's counsel (named on the lawyer's letter) and its courts for judicial confirmation by region; an
 * admin of that creditor (or of the centre), validated, before and after audited. Notices and applications already
 * issued keep what they said; the next ones use the new settings.
 */
export async function setLitigationSettings(ctx: Ctx, creditorId: unknown, raw: unknown): Promise<LitigationSettings> {
  const { actor } = ctx;
  assertAdmin(actor);
  const settings = litigationSettingsFormSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const [row] = await tx.select({ id: creditors.id, before: creditors.litigation }).from(creditors).where(scoped(actor, creditorId)).for('update');
    if (!row) throw new AppError('NOT_FOUND');
    await tx.update(creditors).set({ litigation: settings }).where(eq(creditors.id, row.id));
    await recordAudit(tx, ctx, { action: 'creditor.litigation_settings_changed', entityType: 'creditor', entityId: row.id, data: { before: row.before ?? {}, after: settings } });
    return settings;
  });
}
