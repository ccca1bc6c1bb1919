import { bigint, customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { actorType, fileKind } from './enums';
import { borrowers } from './people';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Durable file storage in PostgreSQL: evidence uploads and generated documents, each with its SHA-256. */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: fileKind('kind').notNull(),
    borrowerId: uuid('borrower_id').references(() => borrowers.id),
    caseId: uuid('case_id'),
    /** The hardship statement or agreement the file belongs to. */
    ownerId: uuid('owner_id'),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedByType: actorType('uploaded_by_type').notNull(),
    uploadedById: uuid('uploaded_by_id'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stored_files_owner_idx').on(t.ownerId), index('stored_files_case_idx').on(t.caseId), index('stored_files_sha_idx').on(t.sha256)],
);
