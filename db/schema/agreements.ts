import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { AgreementSnapshot } from '@/lib/domain/agreement';
import { agreementStatus, planInstallmentStatus, signerType } from './enums';
import { cases } from './cases';
import { storedFiles } from './files';
import { offers } from './offers';

export const agreements = pgTable('agreements', {
  id: uuid('id').primaryKey().defaultRandom(),
  agreementNo: text('agreement_no').notNull().unique(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  offerId: uuid('offer_id').notNull().unique().references(() => offers.id),
  status: agreementStatus('status').notNull().default('awaiting_borrower'),
  /**
   * Immutable snapshot of the accepted terms, arrears and parties the document is built from. Read
   * through parseSnapshot (lib/server/agreements/snapshot.ts), which checks it: it outlives releases.
   */
  snapshot: jsonb('snapshot').$type<AgreementSnapshot>().notNull(),
  locale: text('locale').notNull(),
  /** Short code printed on the document, for the public verification page. */
  verificationCode: text('verification_code').notNull().unique(),
  unsignedFileId: uuid('unsigned_file_id').references(() => storedFiles.id),
  unsignedSha256: text('unsigned_sha256'),
  borrowerSignedFileId: uuid('borrower_signed_file_id').references(() => storedFiles.id),
  borrowerSignedSha256: text('borrower_signed_sha256'),
  executedFileId: uuid('executed_file_id').references(() => storedFiles.id),
  executedSha256: text('executed_sha256'),
  supersedesId: uuid('supersedes_id'),
  executedAt: timestamp('executed_at', { withTimezone: true }),
  /**
   * The plan's end, once it has one (plan tracking sets them; outcomes and the dashboard read them):
   * when the consecutive misses the policy allows were exceeded, or when the last installment was paid.
   */
  planBreachedAt: timestamp('plan_breached_at', { withTimezone: true }),
  planCompletedAt: timestamp('plan_completed_at', { withTimezone: true }),
  /**
   * When an agreement awaiting the borrower's signature lapsed (status "void") because its first payment day came
   * before it was signed (lib/server/agreements/lapse-agreements.ts): the borrower chooses a plan again.
   */
  lapsedAt: timestamp('lapsed_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // A case's agreements (the case file, the queue's judicial-confirmation marker), and the executed ones by the day they
  // took effect (the queue's "judicial confirmation due" filter).
  index('agreements_case_idx').on(t.caseId),
  index('agreements_executed_idx').on(t.executedAt).where(sql`${t.status} = 'executed'`),
]);

/**
 * One row per capacity that signed: the borrower (signerId: the borrower), the mediator (the staff member),
 * the creditor (signerId: the seal authorisation under which the system applied the creditor's seal).
 */
export const signatures = pgTable(
  'signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id').notNull().references(() => agreements.id),
    signerType: signerType('signer_type').notNull(),
    signerId: uuid('signer_id').notNull(),
    typedName: text('typed_name').notNull(),
    drawnSignatureFileId: uuid('drawn_signature_file_id').references(() => storedFiles.id),
    consentTextVersion: text('consent_text_version').notNull(),
    consentTextSha256: text('consent_text_sha256').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    codeVerifiedAt: timestamp('code_verified_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    documentSha256Before: text('document_sha256_before').notNull(),
    documentSha256After: text('document_sha256_after').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('signatures_once_uq').on(t.agreementId, t.signerType)],
);

/** The restructured schedule being tracked after execution. */
export const planInstallments = pgTable(
  'plan_installments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id').notNull().references(() => agreements.id),
    seq: integer('seq').notNull(),
    dueDate: date('due_date').notNull(),
    originalDueDate: date('original_due_date').notNull(),
    principal: bigint('principal', { mode: 'number' }).notNull(),
    interest: bigint('interest', { mode: 'number' }).notNull(),
    /** Beside the plan's own interest: the loan's overdue interest, penalty, compound interest and fees carried into the plan (no interest on them). */
    charges: bigint('charges', { mode: 'number' }).notNull().default(0),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** As last tracked (lib/server/plans/sync-plan.ts), from the payments not reversed: paid so far and the state. */
    paidAmount: bigint('paid_amount', { mode: 'number' }).notNull().default(0),
    status: planInstallmentStatus('status').notNull().default('scheduled'),
    /** The day it was paid in full, and when it was found missed (cleared if a back-dated payment shows it was not). */
    paidOn: date('paid_on'),
    missedAt: timestamp('missed_at', { withTimezone: true }),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  // By due date: the reminder job looks for the installments due in the next days (lib/server/reminders/).
  (t) => [unique('plan_installments_seq_uq').on(t.agreementId, t.seq), index('plan_installments_due_idx').on(t.dueDate)],
);
