import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { actorType, planDocumentKind } from './enums';
import { agreements, planInstallments } from './agreements';
import { storedFiles } from './files';
import { payments } from './loans';
import { creditors, staffUsers } from './people';

/**
 * After signing: what follows a plan besides its installments (agreements.ts) and payments (loans.ts).
 * Every row here is written once and never changed (triggers in the migration).
 */

/** A correction: the payment stays on record, reversed with a reason. One reversal per payment. */
export const paymentReversals = pgTable('payment_reversals', {
  id: uuid('id').primaryKey().defaultRandom(),
  paymentId: uuid('payment_id')
    .notNull()
    .unique()
    .references(() => payments.id),
  reason: text('reason').notNull(),
  reversedById: uuid('reversed_by_id')
    .notNull()
    .references(() => staffUsers.id),
  reversedAt: timestamp('reversed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Money paid back to the borrower out of a plan's excess, after a refund decision. */
export const planRefunds = pgTable(
  'plan_refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    refundedOn: date('refunded_on').notNull(),
    reference: text('reference').notNull().unique(),
    note: text('note'),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => staffUsers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_refunds_agreement_idx').on(t.agreementId)],
);

/** A payment file imported by an admin: its hash and what it did (the payments name it in import_id). */
export const paymentImports = pgTable(
  'payment_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The creditor whose file it was; null for a centre admin's file spanning creditors. */
    creditorId: uuid('creditor_id').references(() => creditors.id),
    filename: text('filename').notNull(),
    sha256: text('sha256').notNull(),
    encoding: text('encoding').notNull(),
    rows: integer('rows').notNull(),
    recorded: integer('recorded').notNull(),
    alreadyRecorded: integer('already_recorded').notNull(),
    rejected: integer('rejected').notNull(),
    importedById: uuid('imported_by_id')
      .notNull()
      .references(() => staffUsers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payment_imports_sha_idx').on(t.sha256)],
);

/** The one-time delay of a plan (the agreement, art. 6): unique per agreement, so a second is refused by the database too. */
export const planDelays = pgTable(
  'plan_delays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    installmentId: uuid('installment_id')
      .notNull()
      .references(() => planInstallments.id),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    days: integer('days').notNull(),
    requestedByType: actorType('requested_by_type').notNull(),
    requestedById: uuid('requested_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plan_delays_once_uq').on(t.agreementId)],
);

/**
 * Sealed documents issued during a plan: the delay addendum and the settlement certificate (结清证明). Each has its
 * own verification code, and its file's SHA-256, for /verify; one settlement certificate per agreement.
 */
export const planDocuments = pgTable(
  'plan_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
    kind: planDocumentKind('kind').notNull(),
    documentNo: text('document_no').notNull().unique(),
    verificationCode: text('verification_code').notNull().unique(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    sha256: text('sha256').notNull(),
    /** What the document states (dates, amounts), as issued. */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A second certificate is issued only after the first was withdrawn, under its own number (…-S2): the unique
  // document number keeps two completions of one agreement from both issuing one.
  (t) => [index('plan_documents_agreement_idx').on(t.agreementId), index('plan_documents_sha_idx').on(t.sha256)],
);

/**
 * A settlement certificate withdrawn when the payment that paid the plan off was reversed: it no longer attests that
 * the debt is paid. The certificate itself is never changed (a correction is a new record).
 */
export const planDocumentWithdrawals = pgTable('plan_document_withdrawals', {
  id: uuid('id').primaryKey().defaultRandom(),
  documentId: uuid('document_id')
    .notNull()
    .unique()
    .references(() => planDocuments.id),
  reason: text('reason').notNull(),
  withdrawnById: uuid('withdrawn_by_id')
    .notNull()
    .references(() => staffUsers.id),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }).notNull().defaultNow(),
});
