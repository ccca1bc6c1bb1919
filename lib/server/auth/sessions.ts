import 'server-only';
import { and, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { sessions, staffUsers } from '@/db/schema';
import type { Actor, Ctx, RequestMeta } from '../actor';
import { recordAudit } from '../audit';
import { isUuid } from '../cases/case-access';
import { AppError } from '../errors';
import { prepared } from '../prepared';

/**
 * Server-side session records (ADR 0008). The session cookie (next-auth's
 * encrypted JWT) names a row here, and each request checks that row: one
 * indexed read by primary key, prepared once per connection.
 */
export const SESSION_MAX_SECONDS = 12 * 60 * 60;

export type SessionSubject = { type: 'borrower' | 'staff'; id: string };
export type RevokeReason = 'sign_out' | 'sign_out_everywhere' | 'password_changed' | 'deactivated' | 'locked_out' | 'role_changed' | 'password_reset';

/** Opens a session for someone who has just proved who they are, in the transaction that records it. */
export async function startSession(tx: Executor, subject: SessionSubject, meta: RequestMeta, now = new Date()): Promise<string> {
  const [row] = await tx
    .insert(sessions)
    .values({ subjectType: subject.type, subjectId: subject.id, ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 400) ?? null, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_SECONDS * 1000) })
    .returning({ id: sessions.id });
  return row!.id;
}

const live = prepared((db) =>
  db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, sql.placeholder('sessionId')), eq(sessions.subjectId, sql.placeholder('subjectId')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .prepare('session_live'),
);

const staffLive = prepared((db) =>
  db
    .select({ mustChangePassword: staffUsers.mustChangePassword })
    .from(sessions)
    .innerJoin(staffUsers, eq(staffUsers.id, sessions.subjectId))
    .where(and(eq(sessions.id, sql.placeholder('sessionId')), eq(sessions.subjectId, sql.placeholder('subjectId')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .prepare('staff_session_live'),
);

/**
 * A staff member's session, as a staff page asks on every request: is it still open, and must its holder change the
 * password first (a deployment's first admin)? One read by primary keys, so a page asks once, not twice.
 */
export async function staffSessionState(sessionId: unknown, staffId: string): Promise<{ live: boolean; mustChangePassword: boolean }> {
  if (!isUuid(sessionId) || !isUuid(staffId)) return { live: false, mustChangePassword: false };
  const [row] = await staffLive(getDb()).execute({ sessionId, subjectId: staffId });
  return { live: row !== undefined, mustChangePassword: row?.mustChangePassword ?? false };
}

/** Is this session still open for this person? Asked on every request that acts on a session cookie. */
export async function sessionIsLive(sessionId: unknown, subjectId: string): Promise<boolean> {
  if (!isUuid(sessionId) || !isUuid(subjectId)) return false;
  const rows = await live(getDb()).execute({ sessionId, subjectId });
  return rows.length > 0;
}

/** Ends sessions of one person (all, or all but one), in the caller's transaction. Returns how many were open. */
export async function revokeSessionsOf(tx: Executor, subjectId: string, reason: RevokeReason, options: { except?: string; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.subjectId, subjectId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), options.except ? ne(sessions.id, options.except) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

function subjectOf(actor: Actor): SessionSubject & { sessionId?: string } {
  if (actor.type === 'borrower' || actor.type === 'staff') return { type: actor.type, id: actor.id, sessionId: actor.sessionId };
  throw new AppError('SESSION_EXPIRED');
}

/** Signing out: this session ends (the cookie is cleared too, but a copy of it must not outlive it). */
export async function endSession(actor: Actor, sessionId: unknown): Promise<void> {
  const subject = subjectOf(actor);
  await getDb().transaction(async (tx) => {
    if (isUuid(sessionId)) {
      await tx
        .update(sessions)
        .set({ revokedAt: new Date(), revokedReason: 'sign_out' })
        .where(and(eq(sessions.id, sessionId), eq(sessions.subjectId, subject.id), isNull(sessions.revokedAt)));
    }
    await recordAudit(tx, { actor, meta: {} }, { action: 'auth.sign_out', entityType: subject.type, entityId: subject.id });
  });
}

/** "Sign out everywhere": every session of the acting person ends, this one too. */
export async function signOutEverywhere(ctx: Ctx): Promise<{ ended: number }> {
  const subject = subjectOf(ctx.actor);
  return getDb().transaction(async (tx) => {
    const ended = await revokeSessionsOf(tx, subject.id, 'sign_out_everywhere');
    await recordAudit(tx, ctx, { action: 'auth.signed_out_everywhere', entityType: subject.type, entityId: subject.id, data: { ended } });
    return { ended };
  });
}

export type SessionDto = { id: string; current: boolean; createdAt: string; expiresAt: string; ip: string | null; userAgent: string | null };

/** The acting person's open sessions, newest first, the one they are using marked. */
export async function listMySessions(actor: Actor): Promise<SessionDto[]> {
  const subject = subjectOf(actor);
  const rows = await getDb()
    .select()
    .from(sessions)
    .where(and(eq(sessions.subjectId, subject.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.createdAt))
    .limit(50);
  return rows.map((r) => ({ id: r.id, current: r.id === subject.sessionId, createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString(), ip: r.ip, userAgent: r.userAgent }));
}

/** Rows of sessions that ended more than a day ago, swept with the rate-limit counters. */
export async function purgeEndedSessions(db: Executor, now = new Date()) {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  await db.delete(sessions).where(or(lt(sessions.expiresAt, dayAgo), lt(sessions.revokedAt, dayAgo)));
}
