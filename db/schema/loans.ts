import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { loanStatus, paymentSource, repaymentMethod } from './enums';
import { borrowers, creditors } from './people';

/** Money columns hold integer fen; rates hold parts per million of a year (7.2% = 72000). */
export const loans = pgTable(
  'loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    creditorId: uuid('creditor_id').notNull().references(() => creditors.id),
    borrowerId: uuid('borrower_id').notNull().references(() => borrowers.id),
    contractNo: text('contract_no').notNull(),
    product: text('product').notNull(),
    currency: text('currency').notNull().default('CNY'),
    principal: bigint('principal', { mode: 'number' }).notNull(),
    annualRatePpm: integer('annual_rate_ppm').notNull(),
    termMonths: integer('term_months').notNull(),
    repaymentMethod: repaymentMethod('repayment_method').notNull(),
    startDate: date('start_date').notNull(),
    firstDueDate: date('first_due_date').notNull(),
    maturityDate: date('maturity_date').notNull(),
    /** Months of extension already granted, for the cumulative limit (General Rules on Loans art. 12). */
    extendedMonths: integer('extended_months').notNull().default(0),
    status: loanStatus('status').notNull().default('performing'),
    /** The portfolio import that last wrote the loan, and a hash of the row it wrote (an unchanged row is skipped). */
    importBatchId: uuid('import_batch_id'),
    importHash: text('import_hash'),
    /**
     * The original contractual schedule, one element per installment in order (installment n is element n): due
     * date, principal, interest and fees. Four arrays on the loan rather than a row per installment: nothing refers
     * to one installment by itself, and a portfolio import of 100,000 loans wrote 1.5 million rows, each with its
     * foreign-key check (README, "Portfolio import"). Read and written through lib/domain/stored-schedule.ts.
     */
    scheduleDueDates: date('schedule_due_dates').array().notNull().default(sql`'{}'`),
    schedulePrincipal: bigint('schedule_principal', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    scheduleInterest: bigint('schedule_interest', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    scheduleFees: bigint('schedule_fees', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A contract number is the creditor's own: two creditors may use the same one; a re-import finds the loan by both.
  (t) => [
    index('loans_borrower_idx').on(t.borrowerId),
    unique('loans_creditor_contract_uq').on(t.creditorId, t.contractNo),
    check(
      'loans_schedule_aligned',
      sql`cardinality(${t.schedulePrincipal}) = cardinality(${t.scheduleDueDates}) and cardinality(${t.scheduleInterest}) = cardinality(${t.scheduleDueDates}) and cardinality(${t.scheduleFees}) = cardinality(${t.scheduleDueDates})`,
    ),
  ],
);

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    loanId: uuid('loan_id').notNull().references(() => loans.id, { onDelete: 'cascade' }),
    receivedOn: date('received_on').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    channel: text('channel').notNull(),
    /** The payment processor's or bank's reference; unique so a replayed import is not counted twice. */
    reference: text('reference').notNull().unique(),
    /**
     * The repayment agreement whose plan the payment was recorded against (null: before any plan). A payment is
     * never changed or deleted (a trigger refuses it): a correction is a reversal (payment_reversals).
     */
    agreementId: uuid('agreement_id'),
    source: paymentSource('source').notNull().default('seed'),
    /** The staff member who recorded it, or the admin who imported the file. */
    recordedById: uuid('recorded_by_id'),
    importId: uuid('import_id'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payments_loan_idx').on(t.loanId, t.receivedOn), index('payments_agreement_idx').on(t.agreementId)],
);
