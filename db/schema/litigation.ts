import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ConfirmationStatus } from '@/lib/domain/judicial-confirmation';
import type { NoticeChannel, NoticeKind } from '@/lib/domain/notice-sequence';
import { agreements } from './agreements';
import { cases } from './cases';
import { storedFiles } from './files';
import { staffUsers } from './people';

export type NoticeStatus = 'pending_approval' | 'sent' | 'rejected' | 'blocked';

/**
 * Every evidence bundle handed out: the SHA-256 of its manifest (the sealed list of every file's hash), so
 * that /verify and `npm run verify-bundle` can say a bundle is one this portal issued, and when, for whom.
 */
export const evidenceBundles = pgTable(
  'evidence_bundles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    /** The day the arrears are computed as of, in the borrower's time zone. */
    asOf: text('as_of').notNull(),
    manifestSha256: text('manifest_sha256').notNull().unique(),
    fileCount: integer('file_count').notNull(),
    totalBytes: bigint('total_bytes', { mode: 'number' }).notNull(),
    createdBy: uuid('created_by').notNull().references(() => staffUsers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evidence_bundles_case_idx').on(t.caseId, t.createdAt)],
);

/**
 * A pre-litigation notice (collection letter, lawyer's letter, notice of intended suit): rendered, sealed and
 * stored when prepared (its SHA-256 with it), sent through a channel under the contact rules once approved when it
 * needs approval, and recorded as a contact. The sealed PDF never changes; a refused one is prepared again.
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    kind: text('kind').$type<NoticeKind>().notNull(),
    channel: text('channel').$type<NoticeChannel>().notNull(),
    status: text('status').$type<NoticeStatus>().notNull(),
    /** The enforceable amount the notice states (fen), and the day it was computed for. */
    enforceableAmount: bigint('enforceable_amount', { mode: 'number' }).notNull(),
    asOf: text('as_of').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    sha256: text('sha256').notNull(),
    preparedBy: uuid('prepared_by')
      .notNull()
      .references(() => staffUsers.id),
    preparedAt: timestamp('prepared_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => staffUsers.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The contact rule that held it back, when the channel could not be used (status blocked), and when it may go. */
    blockedRule: text('blocked_rule'),
    /** When the contact rules next allow the channel (nextContactMoment), for a held-back notice. */
    nextAllowedAt: timestamp('next_allowed_at', { withTimezone: true }),
    contactRecordId: uuid('contact_record_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('notices_case_idx').on(t.caseId, t.preparedAt), index('notices_pending_idx').on(t.status)],
);

/**
 * The joint application for judicial confirmation (司法确认) of an executed agreement: prepared from it, signed by
 * the borrower and the mediator (for both sides' consent: the creditor's seal under its authorisation), then filed
 * with the court and confirmed or rejected, each step with its date and documents.
 */
export const judicialConfirmations = pgTable(
  'judicial_confirmations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    agreementId: uuid('agreement_id')
      .notNull()
      .unique()
      .references(() => agreements.id),
    status: text('status').$type<ConfirmationStatus>().notNull(),
    court: text('court').notNull(),
    /** The agreement took effect (executed) at; the application is due within 30 days of it. */
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    unsignedFileId: uuid('unsigned_file_id').references(() => storedFiles.id),
    unsignedSha256: text('unsigned_sha256'),
    borrowerSignedFileId: uuid('borrower_signed_file_id').references(() => storedFiles.id),
    borrowerSignedSha256: text('borrower_signed_sha256'),
    signedFileId: uuid('signed_file_id').references(() => storedFiles.id),
    signedSha256: text('signed_sha256'),
    preparedBy: uuid('prepared_by').references(() => staffUsers.id),
    preparedAt: timestamp('prepared_at', { withTimezone: true }).notNull(),
    borrowerSignedAt: timestamp('borrower_signed_at', { withTimezone: true }),
    /** The borrower's signature: the name typed, the consent text's version and SHA-256 (the agreement's disclosure). */
    borrowerTypedName: text('borrower_typed_name'),
    borrowerConsentVersion: text('borrower_consent_version'),
    borrowerConsentSha256: text('borrower_consent_sha256'),
    /** The mediator who signed for the mediation (after their password) when the creditor's seal was applied. */
    signedBy: uuid('signed_by').references(() => staffUsers.id),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    filedAt: timestamp('filed_at', { withTimezone: true }),
    filedBy: uuid('filed_by').references(() => staffUsers.id),
    /** The court's receipt of the application (受理通知书), stored as a document. */
    filedFileId: uuid('filed_file_id').references(() => storedFiles.id),
    courtCaseNo: text('court_case_no'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => staffUsers.id),
    /** The court's ruling (民事裁定书), stored as a document. */
    decisionFileId: uuid('decision_file_id').references(() => storedFiles.id),
    decisionNote: text('decision_note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('judicial_confirmations_case_idx').on(t.caseId)],
);
