import { relations } from 'drizzle-orm';
import { cases } from './cases';
import { loans, payments } from './loans';
import { borrowers, creditors } from './people';

/**
 * Relations for drizzle's relational queries (db.query.*), which read a row
 * with its related rows in one statement and type them from the schema. They
 * add nothing to the database: the foreign keys are in the tables.
 */
export const loansRelations = relations(loans, ({ one, many }) => ({
  creditor: one(creditors, { fields: [loans.creditorId], references: [creditors.id] }),
  borrower: one(borrowers, { fields: [loans.borrowerId], references: [borrowers.id] }),
  payments: many(payments),
  cases: many(cases),
}));

export const paymentsRelations = relations(payments, ({ one }) => ({
  loan: one(loans, { fields: [payments.loanId], references: [loans.id] }),
}));

export const casesRelations = relations(cases, ({ one }) => ({
  // A case is its borrower's on that borrower's loan: both keys, so a loan's cases are only its own borrower's.
  loan: one(loans, { fields: [cases.loanId, cases.borrowerId], references: [loans.id, loans.borrowerId] }),
}));
