import 'server-only';
import crypto from 'node:crypto';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { borrowers, contactRecords, creditors, notices, storedFiles, type cases } from '@/db/schema';
import { mayContact, nextContactMoment } from '@/lib/domain/contact-rules';
import { checkNotice, noticeChannels, noticeContactNote, noticeKinds, noticesAllowedIn, type IssuedNotice } from '@/lib/domain/notice-sequence';
import { publicUrl } from '@/lib/env';
import { isLocale } from '@/lib/i18n/config';
import { messagesFor } from '@/lib/i18n/messages';
import { noticeDocument, noticeTitles } from '@/lib/pdf/notice-document';
import { renderRecordPdf } from '@/lib/pdf/record-document';
import { sealPdf } from '@/lib/pdf/seal';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { loadVisibleCase } from '../cases/case-access';
import { creditorPolicy } from '../creditor-policy';
import { sha256Hex } from '../crypto';
import { AppError } from '../errors';
import { queueNotification } from '../notifications';
import { noticeFacts } from './notice-facts';

export const prepareNoticeSchema = z.object({ kind: z.enum(noticeKinds), channel: z.enum(noticeChannels) });

type Deps = { seal: typeof sealPdf };

/** 2026-11-18 14:30, Beijing time: when a notice may go, in a refusal the form shows as it is. */
const beijingMinute = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The notices of a case as the sequence sees them. */
export async function issuedNotices(tx: Executor, caseId: string): Promise<IssuedNotice[]> {
  const rows = await tx.select({ kind: notices.kind, status: notices.status, sentAt: notices.sentAt }).from(notices).where(eq(notices.caseId, caseId)).orderBy(asc(notices.preparedAt));
  return rows.map((r) => ({ kind: r.kind, status: r.status === 'rejected' ? 'rejected' : r.status, sentAt: r.sentAt }));
}

/**
 * Sends a prepared notice through its channel, under the contact rules: in-app always (the borrower reads it when
 * they choose); a letter or an e-mail only when the rules allow one now, else it is held back with the rule that
 * blocked it. Either way the attempt is a contact on the case's record, and the borrower sees the notice in their
 * case (in-app message) once it went.
 */
export async function sendNoticeTx(tx: Executor, ctx: Ctx, kase: typeof cases.$inferSelect, notice: typeof notices.$inferSelect, now: Date): Promise<'sent' | 'blocked'> {
  const [borrower] = await tx.select().from(borrowers).where(eq(borrowers.id, kase.borrowerId));
  const [creditor] = await tx.select({ policy: creditors.policy }).from(creditors).where(eq(creditors.id, kase.creditorId));
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`contact:${kase.borrowerId}`}))`);
  const history = await tx
    .select({ at: contactRecords.at, channel: contactRecords.channel, outcome: contactRecords.outcome, direction: contactRecords.direction })
    .from(contactRecords)
    .where(and(eq(contactRecords.borrowerId, kase.borrowerId), gte(contactRecords.at, new Date(now.getTime() - 8 * 86_400_000))));
  let rule: string | null = null;
  let nextAllowedAt: Date | null = null;
  if (notice.channel === 'email' && !borrower!.email) rule = 'contact.noAddress';
  else {
    const request = { channel: notice.channel, mandatory: false, now, timeZone: borrower!.timezone, quietHours: borrower!.contactPreferences.quietHours, optOut: borrower!.contactPreferences.optOut, history, policy: creditorPolicy(creditor!.policy) };
    const decision = mayContact(request);
    if (!decision.allowed) {
      rule = decision.rule;
      nextAllowedAt = nextContactMoment(request);
    }
  }
  const title = noticeTitles[notice.kind];
  const note = noticeContactNote(notice.kind, title.zh, notice.sha256);
  const [contact] = await tx
    .insert(contactRecords)
    .values({ caseId: kase.id, borrowerId: kase.borrowerId, staffId: ctx.actor.type === 'staff' ? ctx.actor.id : null, channel: notice.channel, direction: 'outbound', outcome: rule ? 'blocked' : 'attempted', blockedRule: rule, note, at: now })
    .returning({ id: contactRecords.id });
  await tx
    .update(notices)
    .set({ status: rule ? 'blocked' : 'sent', sentAt: rule ? null : now, blockedRule: rule, nextAllowedAt, contactRecordId: contact!.id, version: sql`${notices.version} + 1` })
    .where(eq(notices.id, notice.id));
  await recordAudit(tx, ctx, { action: rule ? 'notice.blocked' : 'notice.sent', entityType: 'notice', entityId: notice.id, data: { caseId: kase.id, kind: notice.kind, channel: notice.channel, sha256: notice.sha256, rule, nextAllowedAt: nextAllowedAt?.toISOString() ?? null, contactId: contact!.id } });
  if (rule) return 'blocked';
  // The notice's name as the borrower's pages say it inside a sentence ("There is a lawyer's letter on your case"), and
  // the case's full address.
  const names = messagesFor(isLocale(borrower!.locale) ? borrower!.locale : 'zh-CN').litigation.notices.names;
  const values = { caseNo: kase.caseNo, notice: names[notice.kind], link: publicUrl(`/cases/${kase.id}`) };
  await queueNotification(tx, { recipientType: 'borrower', template: 'noticeIssued', channel: 'in_app', recipientId: borrower!.id, toAddress: borrower!.phone, locale: borrower!.locale, timeZone: borrower!.timezone, values, caseId: kase.id });
  if (notice.channel === 'email') await queueNotification(tx, { recipientType: 'borrower', template: 'noticeIssued', channel: 'email', recipientId: borrower!.id, toAddress: borrower!.email!, locale: borrower!.locale, timeZone: borrower!.timezone, values, caseId: kase.id });
  return 'sent';
}

/**
 * A mediator or supervisor prepares the next notice of the case's sequence: it must be the one the creditor's
 * policy says comes next, and its days must have passed. The PDF — the enforceable amount, the rights, the
 * mediator — is rendered, sealed and stored with its SHA-256. A notice that needs approval waits for a supervisor
 * (a supervisor preparing it approves it by doing so); any other goes out at once.
 */
export async function prepareNotice(ctx: Ctx, caseId: unknown, raw: unknown, now: Date = new Date(), deps: Deps = { seal: sealPdf }): Promise<{ noticeId: string; status: 'pending_approval' | 'sent' | 'blocked'; sha256: string }> {
  const { actor } = ctx;
  if (actor.type !== 'staff' || (actor.role !== 'mediator' && actor.role !== 'supervisor')) throw new AppError('NOT_FOUND');
  const input = prepareNoticeSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, caseId, { forUpdate: true, act: true });
    if (!noticesAllowedIn(kase.state)) throw new AppError('CONFLICT', { message: 'validation.notice.caseState', field: 'kind' });
    const [creditor] = await tx.select({ policy: creditors.policy }).from(creditors).where(eq(creditors.id, kase.creditorId));
    const check = checkNotice(creditorPolicy(creditor!.policy).noticeSequence, await issuedNotices(tx, kase.id), kase.openedAt, input.kind, now);
    if (!check.ok) throw new AppError('CONFLICT', { message: `validation.${check.rule}`, field: 'kind', params: check.earliest ? { earliest: beijingMinute(check.earliest) } : {} });
    const id = crypto.randomUUID();
    const noticeNo = `${kase.caseNo}-${input.kind === 'collection_letter' ? 'C' : input.kind === 'lawyers_letter' ? 'L' : 'S'}${now.getTime().toString(36).toUpperCase().slice(-5)}`;
    const facts = await noticeFacts(tx, kase, input.kind, noticeNo, actor.id, now);
    if (input.kind === 'lawyers_letter' && !facts.counsel) throw new AppError('CONFLICT', { message: 'validation.notice.noCounsel', field: 'kind' });
    const title = noticeTitles[input.kind];
    const pdf = await deps.seal(await renderRecordPdf(noticeDocument(facts)), { reason: `${title.en} ${noticeNo}`, location: 'Concord', name: facts.creditor.name });
    const sha256 = sha256Hex(pdf);
    const [file] = await tx
      .insert(storedFiles)
      .values({ kind: 'notice', borrowerId: kase.borrowerId, caseId: kase.id, ownerId: id, filename: `${title.zh}-${noticeNo}.pdf`, contentType: 'application/pdf', size: pdf.length, sha256, bytes: pdf, uploadedByType: 'staff', uploadedById: actor.id })
      .returning({ id: storedFiles.id });
    const waits = check.approval && actor.role !== 'supervisor';
    const [notice] = await tx
      .insert(notices)
      .values({
        id,
        caseId: kase.id,
        kind: input.kind,
        channel: input.channel,
        status: 'pending_approval',
        enforceableAmount: facts.amounts.enforceableTotalToSettle,
        asOf: facts.amounts.asOf,
        fileId: file!.id,
        sha256,
        preparedBy: actor.id,
        preparedAt: now,
        ...(check.approval && !waits ? { decidedBy: actor.id, decidedAt: now } : {}),
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'notice.prepared', entityType: 'notice', entityId: id, data: { caseId: kase.id, kind: input.kind, channel: input.channel, sha256, enforceableAmount: facts.amounts.enforceableTotalToSettle, asOf: facts.amounts.asOf, approvedByPreparer: check.approval && !waits } });
    if (waits) return { noticeId: id, status: 'pending_approval' as const, sha256 };
    return { noticeId: id, status: await sendNoticeTx(tx, ctx, kase, notice!, now), sha256 };
  });
}
