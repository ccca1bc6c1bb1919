import 'server-only';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import { notifications } from '@/db/schema';
import type { Database, Executor } from '@/db/client';
import { forAudience } from '@/lib/i18n/audience';
import { displayTimeZone, formatInstant, isLocale, type Locale } from '@/lib/i18n/config';
import { formatDay } from '@/lib/i18n/days';
import { messagesFor, type Messages } from '@/lib/i18n/messages';

/**
 * Notifications go through a transactional outbox: the row is written in the
 * same transaction as the change it reports, then a dispatcher hands it to a
 * channel. The default channel is the dev outbox — the row itself, shown to
 * admins (and to anyone in demo mode) — so a demo needs no SMS provider.
 */
export type OutboxMessage = { id: string; channel: 'sms' | 'email' | 'in_app'; toAddress: string; subject: string | null; body: string };

export interface NotificationChannel {
  readonly name: string;
  send(message: OutboxMessage): Promise<void>;
}

/** Keeps the message in the outbox table only; the dev outbox page is its inbox. */
export const devOutboxChannel: NotificationChannel = {
  name: 'dev-outbox',
  async send() {},
};

/** The channel messages are handed to: a provider's channel (SMS, e-mail) goes here. */
const activeChannel: NotificationChannel = devOutboxChannel;

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
  channel: 'sms' | 'email' | 'in_app';
  recipientId?: string | null;
  toAddress: string;
  locale: string;
  /** The reader's time zone, for instants among the values (the borrower's own; staff read Beijing time). */
  timeZone?: string;
  values?: Record<string, TemplateValue>;
  caseId?: string | null;
};

export function renderTemplate(recipient: Recipient, locale: Locale, values: Record<string, TemplateValue> = {}, timeZone: string = displayTimeZone) {
  const namespace = forAudience(recipient.recipientType, { borrower: 'notifications', staff: 'staffNotifications' });
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace }) as unknown as (key: string, values: Record<string, string | number>) => string;
  const shown = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, value instanceof Date ? formatInstant(value, locale, timeZone) : typeof value === 'object' ? formatDay(value.day, locale) : value]),
  );
  return { subject: t(`${recipient.template}.subject`, shown), body: t(`${recipient.template}.body`, shown) };
}

/** Writes a message to the outbox inside the caller's transaction. */
export async function queueNotification(tx: Executor, input: QueueInput): Promise<string> {
  const locale: Locale = isLocale(input.locale) ? input.locale : 'zh-CN';
  const { subject, body } = renderTemplate(input, locale, input.values, input.timeZone);
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
    })
    .returning({ id: notifications.id });
  return row!.id;
}

/** Hands pending messages to the channel; SKIP LOCKED lets several instances dispatch without sending twice. */
export async function dispatchOutbox(db: Database, limit = 50): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.status, 'pending'), lte(notifications.scheduledAt, new Date())))
      .orderBy(asc(notifications.scheduledAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const sent: string[] = [];
    for (const message of due) {
      if (message.channel !== 'sms' && message.channel !== 'email' && message.channel !== 'in_app') continue;
      try {
        await activeChannel.send({ id: message.id, channel: message.channel, toAddress: message.toAddress, subject: message.subject, body: message.body });
        sent.push(message.id);
      } catch (error) {
        await tx
          .update(notifications)
          .set({ attempts: sql`${notifications.attempts} + 1`, error: String(error).slice(0, 500), status: message.attempts >= 4 ? 'failed' : 'pending' })
          .where(eq(notifications.id, message.id));
      }
    }
    if (sent.length) {
      await tx
        .update(notifications)
        .set({ status: 'sent', sentAt: new Date(), attempts: sql`${notifications.attempts} + 1` })
        .where(inArray(notifications.id, sent));
    }
    return sent.length;
  });
}
