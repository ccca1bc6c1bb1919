import { bigint, boolean, customType, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { creditors, staffUsers } from './people';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * A portfolio import (lib/server/imports/): uploaded in chunks, validated by a job into staged rows and row
 * problems (the preview), then applied by a job in one transaction once an admin confirms.
 */
export const importBatchStatus = pgEnum('import_batch_status', ['uploading', 'uploaded', 'validating', 'previewed', 'importing', 'imported', 'failed', 'refused', 'cancelled']);

export type ImportProblem = { key: string; params?: Record<string, string | number> };

export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    creditorId: uuid('creditor_id').notNull().references(() => creditors.id),
    uploadedBy: uuid('uploaded_by').notNull().references(() => staffUsers.id),
    filename: text('filename').notNull(),
    size: bigint('size', { mode: 'number' }).notNull().default(0),
    /** SHA-256 of the file's bytes, once the upload is complete. */
    sha256: text('sha256'),
    /** What the admin chose ('auto', 'utf-8', 'gbk') and what the file was read as. */
    encodingChoice: text('encoding_choice').notNull().default('auto'),
    encoding: text('encoding'),
    /** The file's header row as written, for the error report (the bad rows, under the same header, re-uploadable as they are). */
    header: text('header').array(),
    status: importBatchStatus('status').notNull().default('uploading'),
    /** Why the whole file was refused (empty, header, binary…), or why the import failed. */
    /** Where a running job is (reading, staging, borrowers, loans, schedules…), for the progress shown. */
    stage: text('stage'),
    problem: jsonb('problem').$type<ImportProblem | null>(),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsValid: integer('rows_valid').notNull().default(0),
    rowsInvalid: integer('rows_invalid').notNull().default(0),
    rowsNew: integer('rows_new').notNull().default(0),
    rowsUpdated: integer('rows_updated').notNull().default(0),
    rowsUnchanged: integer('rows_unchanged').notNull().default(0),
    rowsImported: integer('rows_imported').notNull().default(0),
    casesOpened: integer('cases_opened').notNull().default(0),
    borrowersCreated: integer('borrowers_created').notNull().default(0),
    invitationsQueued: integer('invitations_queued').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by').references(() => staffUsers.id),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('import_batches_creditor_idx').on(t.creditorId, t.createdAt)],
);

/** One field a re-import changes, as the preview shows it; payments added are listed (the first few, date and amount in fen). */
export type ImportChange = { field: string; from: string; to: string; added?: { date: string; amountFen: number }[] };

/** The uploaded file, in chunks of about 1 MB, so neither the upload nor the reading ever holds it whole. */
export const importFileChunks = pgTable(
  'import_file_chunks',
  {
    batchId: uuid('batch_id').notNull().references(() => importBatches.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.seq] })],
);

/**
 * A valid row, checked and normalised (the staging table, filled with COPY): what applying it will write, and
 * what it changes on the loan already there. The resident ID is kept encrypted, as on borrowers.
 */
export const importRows = pgTable(
  'import_rows',
  {
    batchId: uuid('batch_id').notNull().references(() => importBatches.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    /** new: no loan with this contract number; update: the loan changes; unchanged: nothing to do. */
    action: text('action').notNull(),
    /** The loan's terms change (its schedule is rebuilt), not only the borrower's details or the payments. */
    termsChanged: boolean('terms_changed').notNull().default(false),
    changes: jsonb('changes').$type<ImportChange[]>().notNull().default([]),
    rowHash: text('row_hash').notNull(),
    contractNo: text('contract_no').notNull(),
    fullName: text('full_name').notNull(),
    residentIdEnc: text('resident_id_enc').notNull(),
    residentIdHash: text('resident_id_hash').notNull(),
    residentIdMasked: text('resident_id_masked').notNull(),
    phone: text('phone').notNull(),
    address: text('address'),
    locale: text('locale').notNull(),
    product: text('product').notNull(),
    principal: bigint('principal', { mode: 'number' }).notNull(),
    annualRatePpm: integer('annual_rate_ppm').notNull(),
    termMonths: integer('term_months').notNull(),
    repaymentMethod: text('repayment_method').notNull(),
    startDate: date('start_date').notNull(),
    firstDueDate: date('first_due_date').notNull(),
    maturityDate: date('maturity_date').notNull(),
    dueDates: date('due_dates').array().notNull(),
    principalDue: bigint('principal_due', { mode: 'number' }).array().notNull(),
    interestDue: bigint('interest_due', { mode: 'number' }).array().notNull(),
    paymentDates: date('payment_dates').array().notNull(),
    paymentAmounts: bigint('payment_amounts', { mode: 'number' }).array().notNull(),
    paymentRefs: text('payment_refs').array().notNull(),
    dpd: integer('dpd').notNull(),
    arrears: bigint('arrears', { mode: 'number' }).notNull(),
    inviteChannel: text('invite_channel').notNull(),
    inviteCode: text('invite_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.line] })],
);

/** A row that cannot be imported: its problems (column and reason), and the row as written, encrypted (it holds a resident ID). */
export const importRowErrors = pgTable(
  'import_row_errors',
  {
    batchId: uuid('batch_id').notNull().references(() => importBatches.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    problems: jsonb('problems').$type<{ column: string; key: string; params?: Record<string, string | number> }[]>().notNull(),
    rawEnc: text('raw_enc').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.line] })],
);
