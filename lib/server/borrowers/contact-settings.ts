import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { borrowers, type ContactPreferences } from '@/db/schema';
import { contactSettingsSchema, type ContactSettingsInput } from '@/lib/validation/contact-settings';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';

export type ContactSettingsDto = { quietHours: { start: string; end: string } | null; optOut: { sms: boolean; email: boolean; phone: boolean }; timeZone: string };

/** The signed-in borrower's own contact settings. */
export async function getContactSettings(actor: Actor): Promise<ContactSettingsDto> {
  if (actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const [row] = await getDb().select({ prefs: borrowers.contactPreferences, timeZone: borrowers.timezone }).from(borrowers).where(eq(borrowers.id, actor.id));
  if (!row) throw new AppError('NOT_FOUND');
  const optOut = row.prefs.optOut ?? {};
  return { quietHours: row.prefs.quietHours ?? null, optOut: { sms: Boolean(optOut.sms), email: Boolean(optOut.email), phone: Boolean(optOut.phone) }, timeZone: row.timeZone };
}

/**
 * The borrower sets their quiet hours and opt-outs. From then on the contact rules apply them to every staff
 * contact and every automated message that is not mandatory (lib/domain/contact-rules.ts). Audited with before and after.
 */
export async function updateContactSettings(ctx: Ctx, raw: ContactSettingsInput): Promise<void> {
  const { actor } = ctx;
  if (actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const input = contactSettingsSchema.parse(raw);
  const next: ContactPreferences = {
    ...(input.quiet ? { quietHours: { start: input.quietStart, end: input.quietEnd } } : {}),
    optOut: { sms: input.optOutSms, email: input.optOutEmail, phone: input.optOutPhone },
  };
  await getDb().transaction(async (tx) => {
    const [row] = await tx.select({ prefs: borrowers.contactPreferences }).from(borrowers).where(eq(borrowers.id, actor.id)).for('update');
    if (!row) throw new AppError('NOT_FOUND');
    await tx.update(borrowers).set({ contactPreferences: next }).where(eq(borrowers.id, actor.id));
    await recordAudit(tx, ctx, { action: 'borrower.contact_settings_changed', entityType: 'borrower', entityId: actor.id, data: { before: row.prefs, after: next } });
  });
}
