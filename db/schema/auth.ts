import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { actorType, otpPurpose } from './enums';

/** One-time codes: only a keyed hash of the code is kept. */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    purpose: otpPurpose('purpose').notNull(),
    /** What the code unlocks, e.g. the agreement being signed. */
    subjectId: uuid('subject_id'),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('one_time_codes_phone_idx').on(t.phone, t.purpose, t.createdAt)],
);

/** Fixed-window counters for rate limits; kept in PostgreSQL so they survive restarts and span instances. */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limit_expires_idx').on(t.expiresAt)],
);

/**
 * Sign-in sessions (ADR 0008). The session cookie names one of these rows, and
 * every request checks it is still live: signing out, "sign out everywhere", a
 * password change, a deactivated account or a password lockout revoke rows,
 * and the cookie stops working at its next request on every instance.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: actorType('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The longest a session lives, however active (the cookie itself is renewed while it is used). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('sessions_subject_idx').on(t.subjectId, t.createdAt), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Wrong staff passwords per e-mail address (keyed by its lookup hash), for an
 * address with an account or without one alike, so the lockout answer does
 * not tell which addresses exist. Sign-in and the step-up before a
 * countersignature share the count.
 */
export const signInLockouts = pgTable(
  'sign_in_lockouts',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_lockouts_updated_idx').on(t.updatedAt)],
);
