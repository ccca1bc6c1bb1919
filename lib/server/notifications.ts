import 'server-only';
import { createTranslator } from 'use-intl/core';
import { notifications } from '@/db/schema';
import type { Executor } from '@/db/client';
import { forAudience } from '@/lib/i18n/audience';
import { displayTimeZone, formatInstant, isLocale, type Locale } from '@/lib/i18n/config';
import { formatDay } from '@/lib/i18n/days';
import { messagesFor, type Messages } from '@/lib/i18n/messages';
import { fillPlaceholders } from '@/lib/domain/message-templates';
import { creditorTemplateText } from './templates/template-store';

/**
 * Notifications go through a transactional outbox: the row is written in the
 * same transaction as the change it reports; the dispatcher
 * (lib/server/outbox/dispatch.ts) hands it to a channel (lib/server/outbox/channels.ts).
 * A borrower's message is worded by the creditor's own template when it has
 * one (lib/server/templates/template-store.ts), else by the default in messages/.
 */
/** Templates by audience: borrowers' in the `notifications` namespace, staff's in `staffNotifications` (lib/i18n/audience.ts). */
export type BorrowerTemplate = keyof Messages['notifications'];
export type StaffTemplate = keyof Messages['staffNotifications'];
export type TemplateName = BorrowerTemplate | StaffTemplate;

/**
 * A value for a template. An instant is shown in the reader's language and time zone, a calendar day ({ day })
 * in the reader's language, both exactly as the pages show them.
 */
export type TemplateValue = string | number | Date | { day: string };

type Recipient = { recipientType: 'borrower'; template: BorrowerTemplate } | { recipientType: 'staff'; template: StaffTemplate };

export type QueueInput = Recipient & {
  channel: 'sms' | 'email' | 'in_app' | 'letter';
  recipientId?: string | null;
  toAddress: string;
  locale: string;
  /** The reader's time zone, for instants among the values (the borrower's own; staff read Beijing time). */
  timeZone?: string;
  values?: Record<string, TemplateValue>;
  caseId?: string | null;
  /** The creditor the message speaks for: its own wording of the template is used, when it has one. */
  creditorId?: string | null;
  /** Governed by the contact rules at dispatch (a borrower's SMS, e-mail or letter about their debt). */
  governed?: boolean;
  mandatory?: boolean;
  scheduledAt?: Date;
};

export type TemplateText = { subject: string; body: string };

export function renderTemplate(recipient: Recipient, locale: Locale, values: Record<string, TemplateValue> = {}, timeZone: string = displayTimeZone, override?: TemplateText | null) {
  const namespace = forAudience(recipient.recipientType, { borrower: 'notifications', staff: 'staffNotifications' });
  const shown = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, value instanceof Date ? formatInstant(value, locale, timeZone) : typeof value === 'object' ? formatDay(value.day, locale) : value]),
  );
  // A creditor's own wording has plain placeholders only (lib/domain/message-templates.ts): filled here, not parsed
  // as an ICU message, which the app's precompiled message runtime could not do.
  if (override) return { subject: fillPlaceholders(override.subject, shown), body: fillPlaceholders(override.body, shown) };
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace }) as unknown as (key: string, values: Record<string, string | number>) => string;
  return { subject: t(`${recipient.template}.subject`, shown), body: t(`${recipient.template}.body`, shown) };
}

/** Writes a message to the outbox inside the caller's transaction. */
export async function queueNotification(tx: Executor, input: QueueInput): Promise<string> {
  const locale: Locale = isLocale(input.locale) ? input.locale : 'zh-CN';
  const override = input.recipientType === 'borrower' && input.creditorId ? await creditorTemplateText(tx, input.creditorId, input.template, locale) : null;
  const { subject, body } = renderTemplate(input, locale, input.values, input.timeZone, override);
  const [row] = await tx
    .insert(notifications)
    .values({
      channel: input.channel,
      recipientType: input.recipientType,
      recipientId: input.recipientId ?? null,
      toAddress: input.toAddress,
      template: input.template,
      locale,
      subject,
      body,
      // The values may include a one-time code: never copy them into the payload.
      payload: {},
      caseId: input.caseId ?? null,
      creditorId: input.creditorId ?? null,
      governed: input.governed ?? false,
      mandatory: input.mandatory ?? false,
      ...(input.scheduledAt ? { scheduledAt: input.scheduledAt } : {}),
    })
    .returning({ id: notifications.id });
  return row!.id;
}
