import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { OfferTerms, PricedOffer } from '@/lib/domain/offer-terms';
import { actorType, offerStatus } from './enums';
import { cases } from './cases';
import { staffUsers } from './people';

export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    parentOfferId: uuid('parent_offer_id'),
    authorType: actorType('author_type').notNull(),
    authorId: uuid('author_id'),
    status: offerStatus('status').notNull(),
    /** The offer's parameters (type, months, waivers, down payment, first due date…). */
    terms: jsonb('terms').$type<OfferTerms>().notNull(),
    /** The priced result: schedule and totals, as computed by the domain at creation. */
    priced: jsonb('priced').$type<PricedOffer>().notNull(),
    regularPayment: bigint('regular_payment', { mode: 'number' }).notNull(),
    numberOfPayments: integer('number_of_payments').notNull(),
    totalPayable: bigint('total_payable', { mode: 'number' }).notNull(),
    waivedAmount: bigint('waived_amount', { mode: 'number' }).notNull().default(0),
    endDate: date('end_date').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    message: text('message'),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    approvalReason: text('approval_reason'),
    approvedBy: uuid('approved_by').references(() => staffUsers.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Offers proposed together (the system's suggestions) share a round; each new round supersedes the last. */
    round: integer('round').notNull().default(1),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The order offers were written in. Offers proposed together (the system's suggestions) are written in one
     * transaction and share its created_at, and their order is part of what they say: the pause comes first.
     */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [
    index('offers_case_idx').on(t.caseId, t.createdAt),
    index('offers_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'proposed'`),
    // The database, not luck, keeps a single open offer from a person per case (system suggestions come as a set),
    // and a single offer waiting for a supervisor.
    uniqueIndex('offers_one_open_uq').on(t.caseId).where(sql`${t.status} = 'proposed' and ${t.authorType} <> 'system'`),
    uniqueIndex('offers_one_pending_uq').on(t.caseId).where(sql`${t.status} = 'pending_approval'`),
  ],
);
