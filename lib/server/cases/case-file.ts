import 'server-only';
import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditEvents, callbacks, caseNotes, contactRecords, negotiationMessages, offers, promisesToPay, staffUsers } from '@/db/schema';
import { contactStatus, type ContactStatus } from '@/lib/domain/contact-status';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { contactContext } from '../contacts/contact-context';
import { loadVisibleCase } from './case-access';

/** How many of each kind of entry the case file reads (the newest); a case with more says so. */
const LIMIT = 200;

export type ContactDto = {
  id: string;
  at: string;
  channel: string;
  direction: 'outbound' | 'inbound';
  party: 'borrower' | 'third_party';
  outcome: 'effective' | 'unanswered' | 'attempted' | 'blocked';
  result: string | null;
  blockedRule: string | null;
  note: string | null;
  staff: string | null;
};
export type NoteDto = { id: string; at: string; body: string; author: string };
export type PromiseDto = { id: string; promisedOn: string; amount: number; status: 'open' | 'kept' | 'broken' | 'cancelled'; dueAt: string; paidAmount: number; createdAt: string; author: string };
export type CallbackDto = { id: string; dueAt: string; note: string | null; status: 'open' | 'done' | 'cancelled'; staff: string };
export type TimelineEntry =
  | { kind: 'message'; id: string; at: string; author: 'borrower' | 'staff' | 'system'; name: string | null; body: string }
  | { kind: 'offer'; id: string; at: string; author: 'borrower' | 'staff' | 'system'; name: string | null; status: string }
  | { kind: 'contact'; id: string; at: string; contact: ContactDto }
  | { kind: 'note'; id: string; at: string; note: NoteDto }
  | { kind: 'event'; id: string; at: string; action: string; actorType: string; name: string | null; data: Record<string, unknown> };

export type CaseFileDto = {
  timeZone: string;
  assigneeId: string | null;
  /** The creditor's grace days after a promised day before the promise is checked. */
  graceDays: number;
  status: ContactStatus;
  contacts: ContactDto[];
  notes: NoteDto[];
  promises: PromiseDto[];
  callbacks: CallbackDto[];
  timeline: TimelineEntry[];
};

/** Audit actions whose substance the timeline already shows from its own table. */
const shownElsewhere = ['contact.recorded', 'contact.blocked', 'note.added', 'case.message_posted'];

/**
 * The case file's working half, for a staff member who may see the case: where the borrower stands against the contact
 * rules at `now`, the contact record, notes, promises to pay, callbacks, and one timeline merging messages, offers,
 * contacts, notes and the case's audit events, newest first.
 */
export async function getCaseFile(actor: Actor, caseId: unknown, now: Date = new Date()): Promise<CaseFileDto> {
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const [context, contactRows, noteRows, promiseRows, callbackRows, messageRows, offerRows, eventRows] = await Promise.all([
    contactContext(db, kase, now),
    db.select().from(contactRecords).where(eq(contactRecords.caseId, kase.id)).orderBy(desc(contactRecords.at)).limit(LIMIT),
    db.select().from(caseNotes).where(eq(caseNotes.caseId, kase.id)).orderBy(desc(caseNotes.createdAt)).limit(LIMIT),
    db.select().from(promisesToPay).where(eq(promisesToPay.caseId, kase.id)).orderBy(desc(promisesToPay.createdAt)).limit(LIMIT),
    db.select().from(callbacks).where(eq(callbacks.caseId, kase.id)).orderBy(desc(callbacks.dueAt)).limit(LIMIT),
    db
      .select({ id: negotiationMessages.id, at: negotiationMessages.createdAt, author: negotiationMessages.authorType, authorId: negotiationMessages.authorId, body: negotiationMessages.body })
      .from(negotiationMessages)
      .where(eq(negotiationMessages.caseId, kase.id))
      .orderBy(desc(negotiationMessages.createdAt))
      .limit(LIMIT),
    db
      .select({ id: offers.id, at: offers.createdAt, author: offers.authorType, authorId: offers.authorId, status: offers.status })
      .from(offers)
      .where(eq(offers.caseId, kase.id))
      .orderBy(desc(offers.createdAt))
      .limit(LIMIT),
    db
      .select({ seq: auditEvents.seq, at: auditEvents.at, action: auditEvents.action, actorType: auditEvents.actorType, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'case'), eq(auditEvents.entityId, kase.id), notInArray(auditEvents.action, shownElsewhere)))
      .orderBy(desc(auditEvents.seq))
      .limit(LIMIT),
  ]);
  const staffIds = new Set<string>();
  for (const r of contactRows) if (r.staffId) staffIds.add(r.staffId);
  for (const r of noteRows) staffIds.add(r.authorId);
  for (const r of promiseRows) staffIds.add(r.createdBy);
  for (const r of callbackRows) staffIds.add(r.staffId);
  for (const r of [...messageRows, ...offerRows]) if (r.author === 'staff' && r.authorId) staffIds.add(r.authorId);
  for (const r of eventRows) if (r.actorType === 'staff' && r.actorId) staffIds.add(r.actorId);
  const names = new Map(
    staffIds.size ? (await db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(inArray(staffUsers.id, [...staffIds]))).map((s) => [s.id, s.name]) : [],
  );
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
  const partyName = (author: string, authorId: string | null) => (author === 'borrower' ? context.borrower.fullName : author === 'staff' ? nameOf(authorId) : null);

  const contacts: ContactDto[] = contactRows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    channel: r.channel,
    direction: r.direction,
    party: r.party,
    outcome: r.outcome,
    result: r.result,
    blockedRule: r.blockedRule,
    note: r.note,
    staff: nameOf(r.staffId),
  }));
  const notes: NoteDto[] = noteRows.map((r) => ({ id: r.id, at: r.createdAt.toISOString(), body: r.body, author: nameOf(r.authorId) ?? '' }));
  const timeline: TimelineEntry[] = [
    ...messageRows.map((r) => ({ kind: 'message' as const, id: r.id, at: r.at.toISOString(), author: r.author as 'borrower', name: partyName(r.author, r.authorId), body: r.body })),
    ...offerRows.map((r) => ({ kind: 'offer' as const, id: r.id, at: r.at.toISOString(), author: r.author as 'borrower', name: partyName(r.author, r.authorId), status: r.status })),
    ...contacts.map((c) => ({ kind: 'contact' as const, id: c.id, at: c.at, contact: c })),
    ...notes.map((n) => ({ kind: 'note' as const, id: n.id, at: n.at, note: n })),
    ...eventRows.map((r) => ({ kind: 'event' as const, id: `e${r.seq}`, at: r.at.toISOString(), action: r.action, actorType: r.actorType, name: nameOf(r.actorId), data: r.data })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

  return {
    timeZone: context.borrower.timezone,
    assigneeId: kase.assigneeId,
    graceDays: context.policy.graceDays,
    status: contactStatus(context.request),
    contacts,
    notes,
    promises: promiseRows.map((r) => ({
      id: r.id,
      promisedOn: r.promisedOn,
      amount: r.amount,
      status: r.status,
      dueAt: r.dueAt.toISOString(),
      paidAmount: r.paidAmount,
      createdAt: r.createdAt.toISOString(),
      author: nameOf(r.createdBy) ?? '',
    })),
    callbacks: callbackRows.map((r) => ({ id: r.id, dueAt: r.dueAt.toISOString(), note: r.note, status: r.status, staff: nameOf(r.staffId) ?? '' })),
    timeline: timeline.slice(0, LIMIT),
  };
}
