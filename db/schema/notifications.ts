import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { actorType, channel, notificationStatus } from './enums';

/** Transactional outbox: written in the same transaction as the change it reports. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: channel('channel').notNull(),
    recipientType: actorType('recipient_type').notNull(),
    recipientId: uuid('recipient_id'),
    /** Phone number or e-mail address the message goes to. */
    toAddress: text('to_address').notNull(),
    template: text('template').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    caseId: uuid('case_id'),
    creditorId: uuid('creditor_id'),
    /**
     * A message to a borrower that the contact rules govern (lib/server/outbox/dispatch.ts): checked when it is
     * sent, and deferred to the next allowed moment when a rule blocks it. Sign-in codes the borrower asked for
     * are not governed.
     */
    governed: boolean('governed').notNull().default(false),
    /** A message the law or the agreement requires: it ignores opt-outs and counts, never the hours. */
    mandatory: boolean('mandatory').notNull().default(false),
    /** The rule that last deferred it, and how many times it was deferred. */
    deferredBy: text('deferred_by'),
    deferrals: integer('deferrals').notNull().default(0),
    status: notificationStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_status_idx').on(t.status, t.scheduledAt), index('notifications_created_idx').on(t.createdAt)],
);
