import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { staffUsers } from './people';

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
