import { index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { importBatches } from './imports';
import { notifications } from './notifications';
import { creditors, staffUsers } from './people';

/**
 * A creditor's own wording of a borrower message, per language (lib/server/templates/). Without a row the
 * default text of the messages files is used; a row replaces it for that creditor and language.
 */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    creditorId: uuid('creditor_id').notNull().references(() => creditors.id),
    template: text('template').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').notNull().references(() => staffUsers.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('message_templates_uq').on(t.creditorId, t.template, t.locale)],
);

/** An invitation sent for a case (by SMS or letter), with the outbox message that carries it. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    channel: text('channel').notNull(),
    notificationId: uuid('notification_id').references(() => notifications.id),
    batchId: uuid('batch_id').references(() => importBatches.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('invitations_case_channel_uq').on(t.caseId, t.channel), index('invitations_notification_idx').on(t.notificationId)],
);

/**
 * What a scheduled job has already done, one row per (job, subject): a reminder for an installment, a warning
 * for a deadline. Written in the same transaction as the message it stands for, so a job that runs twice, on two
 * workers, or again after a worker died, does it once.
 */
export const jobMarks = pgTable(
  'job_marks',
  {
    job: text('job').notNull(),
    subject: text('subject').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.job, t.subject] })],
);
