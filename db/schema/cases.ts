import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { HardshipDraftData } from '@/lib/validation/hardship';
import { actorType, caseOutcomeKind, caseState, channel, contactDirection, contactOutcome, statementStatus } from './enums';
import { loans } from './loans';
import { borrowers, creditors, staffUsers } from './people';

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseNo: text('case_no').notNull().unique(),
    creditorId: uuid('creditor_id').notNull().references(() => creditors.id),
    borrowerId: uuid('borrower_id').notNull().references(() => borrowers.id),
    loanId: uuid('loan_id').notNull().references(() => loans.id),
    state: caseState('state').notNull().default('invited'),
    assigneeId: uuid('assignee_id').references(() => staffUsers.id),
    /** Days past due and amount in arrears when the case was opened, for the queue. */
    dpdAtOpen: integer('dpd_at_open').notNull(),
    arrearsAtOpen: bigint('arrears_at_open', { mode: 'number' }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    mediationDeadline: timestamp('mediation_deadline', { withTimezone: true }).notNull(),
    deadlineExtensions: integer('deadline_extensions').notNull().default(0),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /**
     * A mediator's review the case waits for (e.g. 'hardship_pause': the borrower has nothing left over and the
     * system offered a payment pause); an agreement from such an offer is countersigned only once reviewed.
     */
    reviewReason: text('review_reason'),
    reviewRequestedAt: timestamp('review_requested_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => staffUsers.id),
    /** Optimistic concurrency: every update bumps it and checks the value it read. */
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_borrower_idx').on(t.borrowerId),
    index('cases_loan_idx').on(t.loanId),
    index('cases_queue_idx').on(t.creditorId, t.state, t.mediationDeadline),
    index('cases_assignee_idx').on(t.assigneeId, t.state),
    // One open case per loan: a closed one may be followed by a new one.
    uniqueIndex('cases_open_loan_uq').on(t.loanId).where(sql`${t.state} not in ('completed', 'escalated', 'closed')`),
  ],
);

export const hardshipStatements = pgTable(
  'hardship_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    borrowerId: uuid('borrower_id').notNull().references(() => borrowers.id),
    version: integer('version').notNull(),
    status: statementStatus('status').notNull().default('draft'),
    /** The last completed step of the multi-step form, to resume where it stopped. */
    step: integer('step').notNull().default(0),
    /** Each step's checked values; checked again as a whole (completeStatement) on submission. */
    data: jsonb('data').$type<HardshipDraftData>().notNull().default({}),
    /**
     * What the borrower is typing on a step not yet saved (the raw text of its fields), saved as they type so that a
     * reload or another device finds it; cleared when the step is saved. Never used for anything but refilling the form.
     */
    typing: jsonb('typing').$type<{ step: string; values: Record<string, unknown>; savedAt: string } | null>(),
    disposableIncome: bigint('disposable_income', { mode: 'number' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('hardship_case_version_uq').on(t.caseId, t.version),
    uniqueIndex('hardship_one_draft_uq').on(t.caseId).where(sql`${t.status} = 'draft'`),
  ],
);

export const negotiationMessages = pgTable(
  'negotiation_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    authorType: actorType('author_type').notNull(),
    authorId: uuid('author_id'),
    offerId: uuid('offer_id'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('negotiation_messages_case_idx').on(t.caseId, t.createdAt)],
);

export const contactRecords = pgTable(
  'contact_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    borrowerId: uuid('borrower_id').notNull().references(() => borrowers.id),
    staffId: uuid('staff_id').references(() => staffUsers.id),
    channel: channel('channel').notNull(),
    direction: contactDirection('direction').notNull(),
    outcome: contactOutcome('outcome').notNull(),
    /** The contact rule that blocked it, when outcome = blocked. */
    blockedRule: text('blocked_rule'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contact_records_case_idx').on(t.caseId, t.at), index('contact_records_borrower_idx').on(t.borrowerId, t.at)],
);

export const caseOutcomes = pgTable('case_outcomes', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().unique().references(() => cases.id),
  outcome: caseOutcomeKind('outcome').notNull(),
  recoveredAmount: bigint('recovered_amount', { mode: 'number' }).notNull().default(0),
  recordedBy: uuid('recorded_by').references(() => staffUsers.id),
  notes: text('notes'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});
