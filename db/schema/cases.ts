import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, smallint, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { HardshipDraftData } from '@/lib/validation/hardship';
import { actorType, callbackStatus, caseOutcomeKind, caseState, channel, contactDirection, contactOutcome, contactParty, contactResult, promiseStatus, statementStatus } from './enums';
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
    /** The short code in the borrower's invitation, for the public "is this message genuine?" page (lib/domain/invite-code.ts). */
    inviteCode: text('invite_code').unique(),
    reviewReason: text('review_reason'),
    reviewRequestedAt: timestamp('review_requested_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => staffUsers.id),
    /** Optimistic concurrency: every update bumps it and checks the value it read. */
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /*
     * The queue's facts (docs/decisions/0016-queue.md): copies of what the side tables say, kept by database
     * triggers (migration 00xx_queue_facts) whoever writes those tables, so that every queue filter and sort reads
     * this one table. The version above is not bumped by them: they change no decision a stale form could break.
     */
    /** The day the oldest unpaid installment fell due when the case was opened (opened_at − dpd_at_open, Asia/Shanghai); DPD today = today − this. */
    overdueSince: date('overdue_since'),
    /** The latest submitted hardship statement's submission. */
    hardshipSubmittedAt: timestamp('hardship_submitted_at', { withTimezone: true }),
    /** The earliest expiry of the open offers the borrower is to answer (from staff or the system). */
    offerToBorrowerUntil: timestamp('offer_to_borrower_until', { withTimezone: true }),
    /** When the borrower's own open proposal was made (it waits for the mediator). */
    borrowerProposalAt: timestamp('borrower_proposal_at', { withTimezone: true }),
    /** Since when an offer waits for a supervisor's approval. */
    approvalRequestedAt: timestamp('approval_requested_at', { withTimezone: true }),
    /** The latest contact that was made or attempted (not blocked), either way. */
    lastContactAt: timestamp('last_contact_at', { withTimezone: true }),
    /** The earliest open promise to pay's end of grace (the moment it is checked). */
    promiseDueAt: timestamp('promise_due_at', { withTimezone: true }),
    /** When the latest promise to pay was found broken (null when the latest is open, kept or cancelled). */
    promiseBrokenAt: timestamp('promise_broken_at', { withTimezone: true }),
    /** The earliest open callback. */
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    /** The next thing to do on the case and when, computed from the facts above by a trigger (null once the case has ended). */
    nextAction: text('next_action'),
    nextActionAt: timestamp('next_action_at', { withTimezone: true }),
    /** 0: a broken promise not yet followed up (top of the queue); 1: everything else; null once the case has ended. */
    priority: smallint('priority'),
  },
  (t) => [
    index('cases_borrower_idx').on(t.borrowerId),
    index('cases_loan_idx').on(t.loanId),
    index('cases_queue_idx').on(t.creditorId, t.state, t.mediationDeadline),
    index('cases_assignee_idx').on(t.assigneeId, t.state),
    // One open case per loan: a closed one may be followed by a new one.
    index('cases_escalation_review_idx').on(t.creditorId, t.escalationReviewSince).where(sql`${t.escalationReviewSince} is not null`),
    uniqueIndex('cases_open_loan_uq').on(t.loanId).where(sql`${t.state} not in ('completed', 'escalated', 'closed')`),
    index('cases_priority_idx').on(t.priority, t.nextActionAt, t.id),
    index('cases_assignee_priority_idx').on(t.assigneeId, t.priority, t.nextActionAt, t.id),
    index('cases_deadline_idx').on(t.mediationDeadline, t.id),
    // The queue's filters that find a few cases among a creditor's tens of thousands (an offer awaiting the borrower or
    // a supervisor, the borrower's own proposal, a hardship statement, a promise to pay open or broken): each is read
    // from an index of those cases alone, instead of a walk through every open case of the creditor.
    index('cases_offer_borrower_idx').on(t.creditorId).where(sql`${t.offerToBorrowerUntil} is not null`),
    index('cases_approval_idx').on(t.creditorId).where(sql`${t.approvalRequestedAt} is not null`),
    index('cases_proposal_idx').on(t.creditorId).where(sql`${t.borrowerProposalAt} is not null`),
    index('cases_hardship_idx').on(t.creditorId).where(sql`${t.hardshipSubmittedAt} is not null`),
    index('cases_promise_open_idx').on(t.creditorId, t.promiseDueAt).where(sql`${t.promiseDueAt} is not null`),
    index('cases_promise_broken_idx').on(t.creditorId).where(sql`${t.promiseBrokenAt} is not null`),
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
    /** Who was reached: the borrower, or a third party (phone or visit only, never told of the debt). */
    party: contactParty('party').notNull().default('borrower'),
    /** What a staff member recorded it came to (null for the portal's own messages). */
    result: contactResult('result'),
    /** A third party was told nothing about the debt: the staff member's statement, required to record one. */
    noDebtDisclosed: boolean('no_debt_disclosed'),
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

/** A staff member's note on a case. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    authorId: uuid('author_id').notNull().references(() => staffUsers.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId, t.createdAt)],
);

/**
 * A borrower's promise to pay an amount by a day, recorded from a contact. It is kept when payments received on the
 * loan since it was made reach the amount by the end of its grace (dueAt); otherwise a job marks it broken.
 */
export const promisesToPay = pgTable(
  'promises_to_pay',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    loanId: uuid('loan_id').notNull().references(() => loans.id),
    contactId: uuid('contact_id').references(() => contactRecords.id),
    promisedOn: date('promised_on').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** The day it was made, in the borrower's time zone: payments from this day count towards it. */
    madeOn: date('made_on').notNull(),
    graceDays: integer('grace_days').notNull(),
    /** The end of the promised day plus the grace days, in the borrower's time zone. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: promiseStatus('status').notNull().default('open'),
    paidAmount: bigint('paid_amount', { mode: 'number' }).notNull().default(0),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull().references(() => staffUsers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('promises_case_idx').on(t.caseId, t.createdAt), index('promises_open_due_idx').on(t.dueAt).where(sql`${t.status} = 'open'`)],
);

/** A call back the staff member means to make, at a time the contact rules allow. */
export const callbacks = pgTable(
  'callbacks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    staffId: uuid('staff_id').notNull().references(() => staffUsers.id),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    note: text('note'),
    status: callbackStatus('status').notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('callbacks_case_idx').on(t.caseId, t.dueAt)],
);
