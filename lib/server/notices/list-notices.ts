import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { creditors, notices, staffUsers, storedFiles } from '@/db/schema';
import { nextNotice, noticesAllowedIn, type NoticeKind } from '@/lib/domain/notice-sequence';
import { rateLimits } from '@/lib/domain/rate-limit';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { isUuid, loadVisibleCase } from '../cases/case-access';
import { creditorPolicy } from '../creditor-policy';
import { AppError } from '../errors';
import { limitAddress } from '../rate-limit';
import { issuedNotices } from './prepare-notice';

export type NoticeDto = {
  id: string;
  kind: NoticeKind;
  channel: string;
  status: 'pending_approval' | 'sent' | 'rejected' | 'blocked';
  enforceableAmount: number;
  asOf: string;
  sha256: string;
  preparedBy: string;
  preparedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  sentAt: string | null;
  blockedRule: string | null;
  /** When the channel may next be used (a held-back notice). */
  nextAllowedAt: string | null;
};

export type CaseNoticesDto = {
  notices: NoticeDto[];
  /** Staff only: the next notice of the creditor's sequence and when it may go, or why none may. */
  next: { kind: NoticeKind; earliest: string; approval: boolean } | { kind?: NoticeKind; waiting: 'sequence_complete' | 'awaiting_approval' | 'case_state' } | null;
};

/** A case's notices: the borrower sees those that were sent to them; staff see all, and what comes next. */
export async function listNotices(actor: Actor, caseId: unknown): Promise<CaseNoticesDto> {
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const rows = await db
    .select({ notice: notices, preparedBy: staffUsers.name })
    .from(notices)
    .innerJoin(staffUsers, eq(staffUsers.id, notices.preparedBy))
    .where(eq(notices.caseId, kase.id))
    .orderBy(asc(notices.preparedAt));
  const deciders = new Map((await db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.creditorId, kase.creditorId))).map((s) => [s.id, s.name]));
  const list = rows
    .filter(({ notice }) => actor.type !== 'borrower' || notice.status === 'sent')
    .map(({ notice: n, preparedBy }): NoticeDto => ({
      id: n.id,
      kind: n.kind,
      channel: n.channel,
      status: n.status,
      enforceableAmount: n.enforceableAmount,
      asOf: n.asOf,
      sha256: n.sha256,
      preparedBy,
      preparedAt: n.preparedAt.toISOString(),
      decidedBy: n.decidedBy ? (deciders.get(n.decidedBy) ?? null) : null,
      decidedAt: n.decidedAt?.toISOString() ?? null,
      decisionNote: actor.type === 'borrower' ? null : n.decisionNote,
      sentAt: n.sentAt?.toISOString() ?? null,
      blockedRule: n.blockedRule,
      nextAllowedAt: n.nextAllowedAt?.toISOString() ?? null,
    }));
  if (actor.type !== 'staff') return { notices: list, next: null };
  const [creditor] = await db.select({ policy: creditors.policy }).from(creditors).where(eq(creditors.id, kase.creditorId));
  if (!noticesAllowedIn(kase.state)) return { notices: list, next: { waiting: 'case_state' as const } };
  const next = nextNotice(creditorPolicy(creditor!.policy).noticeSequence, await issuedNotices(db, kase.id), kase.openedAt);
  return { notices: list, next: next.ok ? { kind: next.kind, earliest: next.earliest.toISOString(), approval: next.approval } : { kind: next.kind, waiting: next.reason } };
}

/** A notice's sealed PDF, for its borrower (once sent) or the creditor's staff; every download is audited. */
export async function readNoticeFile(ctx: Ctx, noticeId: unknown) {
  await limitAddress(getDb(), rateLimits.downloadPerIp, ctx.meta.ip);
  if (!isUuid(noticeId)) throw new AppError('NOT_FOUND');
  const db = getDb();
  const [notice] = await db.select().from(notices).where(eq(notices.id, noticeId));
  if (!notice) throw new AppError('NOT_FOUND');
  await loadVisibleCase(db, ctx.actor, notice.caseId);
  if (ctx.actor.type === 'borrower' && notice.status !== 'sent') throw new AppError('NOT_FOUND');
  const [file] = await db.select().from(storedFiles).where(eq(storedFiles.id, notice.fileId));
  if (!file) throw new AppError('NOT_FOUND');
  await db.transaction((tx) => recordAudit(tx, ctx, { action: 'notice.downloaded', entityType: 'notice', entityId: notice.id, data: { sha256: file.sha256 } }));
  return { filename: file.filename, bytes: file.bytes, sha256: file.sha256, kind: notice.kind };
}
