import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** When the borrower first signed in or opened the case after it was opened (the dashboard's "engaged"). */
    engagedAt: timestamp('engaged_at', { withTimezone: true }),
    /** When the mediation window ended with no agreement and the case joined the escalation review list; cleared by a supervisor's decision. */
    escalationReviewSince: timestamp('escalation_review_since', { withTimezone: true }),
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
    index('cases_escalation_review_idx').on(t.creditorId, t.escalationReviewSince).where(sql`${t.escalationReviewSince} is not null`),
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

/**
 * The outcome of each mediation: every ending is recorded here with its amounts. A case reopened
 * (a breach, a new offer) keeps its earlier outcome on record, marked as no longer current; at most
 * one outcome per case is current.
 */
export const caseOutcomes = pgTable(
  'case_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    outcome: caseOutcomeKind('outcome').notNull(),
    /** Money received towards the debt (paid in full, partial settlement), in fen. */
    amountRecovered: bigint('amount_recovered', { mode: 'number' }),
    /** Debt forgiven (partial settlement; an agreement's waivers), in fen. */
    amountWaived: bigint('amount_waived', { mode: 'number' }),
    /** The amount claimed when handed over to litigation, in fen. */
    amountClaimed: bigint('amount_claimed', { mode: 'number' }),
    /** The amount put under the agreement's plan (agreement signed), in fen. */
    amountRestructured: bigint('amount_restructured', { mode: 'number' }),
    fromState: caseState('from_state').notNull(),
    toState: caseState('to_state').notNull(),
    recordedBy: uuid('recorded_by').references(() => staffUsers.id),
    note: text('note'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the case is reopened or another outcome replaces this one: it stays on record. */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    supersededBy: uuid('superseded_by').references(() => staffUsers.id),
    supersededReason: text('superseded_reason'),
  },
  (t) => [index('case_outcomes_case_idx').on(t.caseId, t.recordedAt), uniqueIndex('case_outcomes_current_uq').on(t.caseId).where(sql`${t.supersededAt} is null`)],
);

/**
 * The dashboard's pre-aggregate (ADR 0012): one row of facts per case, kept current by triggers
 * on the tables they come from (custom migration), so that every figure is one scan of this
 * narrow table whatever the filters. Written only by the database.
 */
export const caseFacts = pgTable(
  'case_facts',
  {
    caseId: uuid('case_id').primaryKey().references(() => cases.id, { onDelete: 'cascade' }),
    creditorId: uuid('creditor_id').notNull(),
    assigneeId: uuid('assignee_id'),
    /** DPD bucket at opening: 0 current, 1 M1, 2 M2, 3 M3, 4 M4+. */
    bucket: integer('bucket').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    engagedAt: timestamp('engaged_at', { withTimezone: true }),
    hardshipAt: timestamp('hardship_at', { withTimezone: true }),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    outcome: caseOutcomeKind('outcome'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    /** Mediation ended: an agreement signed, or a current outcome recorded. */
    concludedAt: timestamp('concluded_at', { withTimezone: true }),
    /** Ended in a resolution: an agreement signed, paid in full, or a partial settlement. */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** A staff member called, wrote, messaged or made an offer to the borrower. */
    staffContact: boolean('staff_contact').notNull().default(false),
    restructured: bigint('restructured', { mode: 'number' }).notNull().default(0),
    waived: bigint('waived', { mode: 'number' }).notNull().default(0),
    recovered: bigint('recovered', { mode: 'number' }).notNull().default(0),
    /**
     * Kept by PostgreSQL from the timestamps above, so that the dashboard groups and sorts plain
     * numbers instead of converting 100,000 timestamps per view (ADR 0012). The week of opening:
     * whole weeks since Monday 1970-01-05 00:00 China Standard Time (UTC+8 all year, epoch 316,800 s).
     */
    openedWeek: integer('opened_week').generatedAlwaysAs(sql`floor((extract(epoch from (opened_at at time zone 'UTC')) - 316800) / 604800)::int`),
    /** The month of signing in China Standard Time, as year × 12 + month − 1. */
    signedMonth: integer('signed_month').generatedAlwaysAs(sql`(extract(year from (signed_at at time zone 'Asia/Shanghai'))::int * 12 + extract(month from (signed_at at time zone 'Asia/Shanghai'))::int - 1)`),
    /** Days from opening to signing, with their fraction. */
    daysToSign: doublePrecision('days_to_sign').generatedAlwaysAs(sql`(extract(epoch from (signed_at at time zone 'UTC')) - extract(epoch from (opened_at at time zone 'UTC'))) / 86400.0`),
  },
  (t) => [index('case_facts_opened_idx').on(t.openedAt), index('case_facts_creditor_opened_idx').on(t.creditorId, t.openedAt)],
);
