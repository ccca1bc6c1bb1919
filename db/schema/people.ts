import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LitigationSettings } from '@/lib/domain/litigation-settings';
import type { CreditorPolicy } from '@/lib/domain/policy';
import { staffRole, staffTokenPurpose } from './enums';

/** Where borrowers pay: shown on their plan's "how to pay". */
export type PaymentAccount = { bankName: string; accountName: string; accountNo: string; note?: string; noteEn?: string };

export const creditors = pgTable('creditors', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  /** 统一社会信用代码 — registered details printed on agreements. */
  creditCode: text('credit_code').notNull(),
  registeredAddress: text('registered_address').notNull(),
  servicePhone: text('service_phone').notNull(),
  /** The court agreed for disputes and judicial confirmation. */
  court: text('court').notNull(),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  currency: text('currency').notNull().default('CNY'),
  policy: jsonb('policy').$type<CreditorPolicy>().notNull(),
  /** Counsel for the lawyer's letter, courts for judicial confirmation (lib/domain/litigation-settings.ts). */
  litigation: jsonb('litigation').$type<Partial<LitigationSettings>>().notNull().default({}),
  /** The repayment account borrowers pay into (null until the creditor has set it). */
  paymentAccount: jsonb('payment_account').$type<PaymentAccount>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The creditor this person works for; null for the mediation centre's own staff, who serve every creditor. */
    creditorId: uuid('creditor_id').references(() => creditors.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: staffRole('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    /** Set for an account whose password someone else chose (the first admin of a deployment): it must be changed at the next sign-in. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('staff_users_email_idx').on(sql`lower(${t.email})`), index('staff_users_creditor_idx').on(t.creditorId)],
);

export type ContactPreferences = {
  quietHours?: { start: string; end: string };
  optOut?: { sms?: boolean; email?: boolean; phone?: boolean };
};

export const borrowers = pgTable(
  'borrowers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fullName: text('full_name').notNull(),
    /** AES-256-GCM ciphertext of the resident ID number (iv.tag.ciphertext, base64). */
    residentIdEnc: text('resident_id_enc').notNull(),
    /** HMAC-SHA-256 of the normalised ID with a key from the environment, for lookup. */
    residentIdHash: text('resident_id_hash').notNull().unique(),
    residentIdMasked: text('resident_id_masked').notNull(),
    phone: text('phone').notNull().unique(),
    email: text('email'),
    address: text('address'),
    locale: text('locale').notNull().default('zh-CN'),
    timezone: text('timezone').notNull().default('Asia/Shanghai'),
    contactPreferences: jsonb('contact_preferences').$type<ContactPreferences>().notNull().default({}),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
);

/**
 * The creditor's standing authorisation for Concord to apply its seal (the visible seal and the PKCS#7 seal
 * under its certificate) to agreements its mediators have signed. An admin grants it and revokes it; a row
 * with no revokedAt is in force, and there is at most one per creditor. Both acts are in the audit log.
 */
export const sealAuthorisations = pgTable(
  'seal_authorisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    creditorId: uuid('creditor_id').notNull().references(() => creditors.id),
    /** Who signs for the creditor under it, as printed beside the seal (e.g. its legal representative's office). */
    signatory: text('signatory').notNull(),
    grantedBy: uuid('granted_by').notNull().references(() => staffUsers.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedBy: uuid('revoked_by').references(() => staffUsers.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('seal_authorisations_in_force_uq').on(t.creditorId).where(sql`${t.revokedAt} is null`)],
);

/**
 * One-time links for staff: an invitation to set a first password, or a reset
 * chosen by an admin. Only a keyed hash of the token is kept; a link works once
 * and until it expires, and a newer link for the same person replaces it.
 */
export const staffTokens = pgTable(
  'staff_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id').notNull().references(() => staffUsers.id),
    purpose: staffTokenPurpose('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => staffUsers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('staff_tokens_staff_idx').on(t.staffId)],
);

/** A staff member's named queue view: the queue's URL parameters (lib/validation/queue.ts), kept as a query string. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id').notNull().references(() => staffUsers.id),
    name: text('name').notNull(),
    query: text('query').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saved_views_name_uq').on(t.staffId, t.name)],
);
