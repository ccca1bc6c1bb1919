import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { creditors, messageTemplates, staffUsers } from '@/db/schema';
import { checkTemplateText, customizableTemplates, placeholdersOf, type CustomizableTemplate } from '@/lib/domain/message-templates';
import { locales, type Locale } from '@/lib/i18n/config';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { requireAdmin } from '../require-admin';
import { creditorScope, servesCreditor } from '../staff-scope';

/**
 * Message templates per creditor and language: a creditor's admin words the borrower messages their own way
 * (invitations, installment reminders, notices of offers and agreements); without a wording of its own, the
 * default text in messages/<locale>/notifications.json is used. Saving checks the placeholders against the
 * default's (lib/domain/message-templates.ts) and is audited; a stale edit (another admin saved first) is refused.
 */
export type TemplateText = { subject: string; body: string };

/**
 * The default wording as written in messages/<locale>/notifications.json, read from the file: inside the Next
 * server the imported messages are precompiled (not text), and the editor and the importer need the text.
 */
const rawDefaults = new Map<Locale, Record<string, TemplateText>>();
export function defaultTemplateText(template: CustomizableTemplate, locale: Locale): TemplateText {
  let texts = rawDefaults.get(locale);
  if (!texts) {
    texts = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', locale, 'notifications.json'), 'utf8')) as Record<string, TemplateText>;
    rawDefaults.set(locale, texts);
  }
  return texts[template]!;
}

export function allowedPlaceholders(template: CustomizableTemplate): string[] {
  const text = defaultTemplateText(template, 'zh-CN');
  return [...new Set([...placeholdersOf(text.subject), ...placeholdersOf(text.body)])];
}

const isCustomizable = (template: string): template is CustomizableTemplate => (customizableTemplates as readonly string[]).includes(template);

/** The creditor's own wording of a template in a language, or null (the default applies). */
export async function creditorTemplateText(db: Executor, creditorId: string, template: string, locale: Locale): Promise<TemplateText | null> {
  if (!isCustomizable(template)) return null;
  const [row] = await db
    .select({ subject: messageTemplates.subject, body: messageTemplates.body })
    .from(messageTemplates)
    .where(and(eq(messageTemplates.creditorId, creditorId), eq(messageTemplates.template, template), eq(messageTemplates.locale, locale)));
  return row ?? null;
}

/** The invitation texts (SMS and letter) in each language, as the creditor words them. */
export async function invitationTexts(db: Executor, creditorId: string): Promise<Record<Locale, Record<'invitationSms' | 'invitationLetter', TemplateText>>> {
  const rows = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.creditorId, creditorId), inArray(messageTemplates.template, ['invitationSms', 'invitationLetter'])));
  const pick = (template: 'invitationSms' | 'invitationLetter', locale: Locale) => {
    const own = rows.find((r) => r.template === template && r.locale === locale);
    return own ? { subject: own.subject, body: own.body } : defaultTemplateText(template, locale);
  };
  return Object.fromEntries(locales.map((l) => [l, { invitationSms: pick('invitationSms', l), invitationLetter: pick('invitationLetter', l) }])) as Record<Locale, Record<'invitationSms' | 'invitationLetter', TemplateText>>;
}

export type TemplateDto = {
  template: CustomizableTemplate;
  locale: Locale;
  placeholders: string[];
  defaultText: TemplateText;
  own: (TemplateText & { version: number; updatedAt: string; updatedBy: string }) | null;
};
export type CreditorTemplatesDto = { creditorId: string; creditorName: string; creditorNameEn: string; templates: TemplateDto[] };

/** Every template in every language for each creditor the admin serves. */
export async function listTemplates(actor: Actor): Promise<CreditorTemplatesDto[]> {
  const admin = requireAdmin(actor);
  const db = getDb();
  const served = await db.select({ id: creditors.id, name: creditors.name, nameEn: creditors.nameEn }).from(creditors).where(creditorScope(admin, creditors.id)).orderBy(asc(creditors.name));
  if (!served.length) return [];
  const own = await db
    .select({ row: messageTemplates, by: staffUsers.name })
    .from(messageTemplates)
    .innerJoin(staffUsers, eq(staffUsers.id, messageTemplates.updatedBy))
    .where(inArray(messageTemplates.creditorId, served.map((c) => c.id)));
  return served.map((creditor) => ({
    creditorId: creditor.id,
    creditorName: creditor.name,
    creditorNameEn: creditor.nameEn,
    templates: customizableTemplates.flatMap((template) =>
      locales.map((locale): TemplateDto => {
        const mine = own.find((o) => o.row.creditorId === creditor.id && o.row.template === template && o.row.locale === locale);
        return {
          template,
          locale,
          placeholders: allowedPlaceholders(template),
          defaultText: defaultTemplateText(template, locale),
          own: mine ? { subject: mine.row.subject, body: mine.row.body, version: mine.row.version, updatedAt: mine.row.updatedAt.toISOString(), updatedBy: mine.by } : null,
        };
      }),
    ),
  }));
}

export const templateKey = z.object({ creditorId: z.string().uuid(), template: z.enum(customizableTemplates), locale: z.enum(locales) });
export const saveTemplateInput = templateKey.extend({
  subject: z.string().max(1000),
  body: z.string().max(10_000),
  /** The version the admin edited (0: they started from the default); another admin's save in between is refused. */
  version: z.number().int().min(0),
});

function assertServes(admin: ReturnType<typeof requireAdmin>, creditorId: string) {
  if (!servesCreditor(admin, creditorId)) throw new AppError('NOT_FOUND');
}

export async function saveTemplate(ctx: Ctx, input: z.input<typeof saveTemplateInput>): Promise<{ version: number }> {
  const admin = requireAdmin(ctx.actor);
  const data = saveTemplateInput.parse(input);
  assertServes(admin, data.creditorId);
  const text = { subject: data.subject.trim(), body: data.body.replace(/\r\n/g, '\n').trim() };
  const problems = checkTemplateText(data.template, text, allowedPlaceholders(data.template));
  if (problems.length) {
    const first = problems[0]!;
    throw new AppError('VALIDATION', { field: first.field, message: `template.${first.key}`, params: first.params, details: problems });
  }
  return getDb().transaction(async (tx) => {
    const key = and(eq(messageTemplates.creditorId, data.creditorId), eq(messageTemplates.template, data.template), eq(messageTemplates.locale, data.locale));
    const [current] = await tx.select().from(messageTemplates).where(key).for('update');
    if ((current?.version ?? 0) !== data.version) throw new AppError('CONFLICT', { message: 'template.stale' });
    const version = data.version + 1;
    if (current) await tx.update(messageTemplates).set({ ...text, version, updatedBy: admin.id, updatedAt: new Date() }).where(key);
    else await tx.insert(messageTemplates).values({ creditorId: data.creditorId, template: data.template, locale: data.locale, ...text, version, updatedBy: admin.id });
    await recordAudit(tx, ctx, { action: 'template.saved', entityType: 'creditor', entityId: data.creditorId, data: { template: data.template, locale: data.locale, version, before: current ? { subject: current.subject, body: current.body } : null, after: text } });
    return { version };
  });
}

/** Back to the default wording (the creditor's own is deleted; the audit log keeps it). */
export async function resetTemplate(ctx: Ctx, input: z.input<typeof templateKey>): Promise<void> {
  const admin = requireAdmin(ctx.actor);
  const data = templateKey.parse(input);
  assertServes(admin, data.creditorId);
  await getDb().transaction(async (tx) => {
    const key = and(eq(messageTemplates.creditorId, data.creditorId), eq(messageTemplates.template, data.template), eq(messageTemplates.locale, data.locale));
    const [current] = await tx.delete(messageTemplates).where(key).returning();
    if (current) await recordAudit(tx, ctx, { action: 'template.reset', entityType: 'creditor', entityId: data.creditorId, data: { template: data.template, locale: data.locale, before: { subject: current.subject, body: current.body } } });
  });
}

/** One template of one creditor in one language, for its editor; NOT_FOUND beyond the admin's creditors. */
export async function getTemplate(actor: Actor, input: { creditorId: string; template: string; locale: string }): Promise<TemplateDto & { creditorId: string; creditorName: string; creditorNameEn: string }> {
  const key = templateKey.safeParse(input);
  if (!key.success) throw new AppError('NOT_FOUND');
  const served = await listTemplates(actor);
  const creditor = served.find((c) => c.creditorId === key.data.creditorId);
  const template = creditor?.templates.find((t) => t.template === key.data.template && t.locale === key.data.locale);
  if (!creditor || !template) throw new AppError('NOT_FOUND');
  return { ...template, creditorId: creditor.creditorId, creditorName: creditor.creditorName, creditorNameEn: creditor.creditorNameEn };
}
