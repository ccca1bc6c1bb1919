import 'server-only';
import { and, eq, notInArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { auditEvents, callbacks, caseNotes, contactRecords, negotiationMessages, offers, promisesToPay, staffUsers } from '@/db/schema';
import { contactStatus, type ContactStatus } from '@/lib/domain/contact-status';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import type { ContactHistoryEntry } from '@/lib/domain/contact-rules';
import { contactContext, contactContextOf } from '../contacts/contact-context';
import { loanPartiesWithHistory } from '../loans/loan-history';
import { jsonList } from '../json-select';
import { loadVisibleCase } from './case-access';

/** How many of each kind of entry the case file reads at most (the newest); a case with more says so. */
const LIMIT = 200;
/** How many timeline entries the case file shows unless the whole timeline is asked for (the newest). */
export const TIMELINE_RECENT = 50;

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
  /** Whether the case has more entries than the timeline holds: the newest TIMELINE_RECENT, or LIMIT with `wholeTimeline`. */
  timelineMore: boolean;
};

/** Audit actions whose substance the timeline already shows from its own table. */
const shownElsewhere = ['contact.recorded', 'contact.blocked', 'note.added', 'case.message_posted'];

/**
 * The case file's working half, for a staff member who may see the case: where the borrower stands against the contact
 * rules at `now`, the contact record, notes, promises to pay, callbacks, and one timeline merging messages, offers,
 * contacts, notes and the case's audit events, newest first.
 */
export async function getCaseFile(actor: Actor, caseId: unknown, now: Date = new Date(), { wholeTimeline = false }: { wholeTimeline?: boolean } = {}): Promise<CaseFileDto> {
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const [context, rows] = await Promise.all([
    // The borrower and the creditor's policy come with the loan, which the page has read already (per-render.ts).
    loanPartiesWithHistory(db, kase.loanId),
    caseFileRows(db, kase, now, (wholeTimeline ? LIMIT : TIMELINE_RECENT) + 1),
  ]).then(([{ borrower, creditor }, rows]) => [borrower.id === kase.borrowerId ? contactContextOf(borrower, creditor.policy, rows.history, now) : null, rows] as const);
  const rules = context ?? (await contactContext(db, kase, now));
  const { contactRows, noteRows, promiseRows, callbackRows, messageRows, offerRows, eventRows } = rows;
  const partyName = (author: string, name: string | null) => (author === 'borrower' ? rules.borrower.fullName : author === 'staff' ? name : null);

  const contacts: ContactDto[] = contactRows.map((r) => ({ ...r, at: iso(r.at) }));
  const notes: NoteDto[] = noteRows.map((r) => ({ id: r.id, at: iso(r.at), body: r.body, author: r.author ?? '' }));
  const timeline: TimelineEntry[] = [
    ...messageRows.map((r) => ({ kind: 'message' as const, id: r.id, at: iso(r.at), author: r.author, name: partyName(r.author, r.name), body: r.body })),
    ...offerRows.map((r) => ({ kind: 'offer' as const, id: r.id, at: iso(r.at), author: r.author, name: partyName(r.author, r.name), status: r.status })),
    ...contacts.map((c) => ({ kind: 'contact' as const, id: c.id, at: c.at, contact: c })),
    ...notes.map((n) => ({ kind: 'note' as const, id: n.id, at: n.at, note: n })),
    ...eventRows.map((r) => ({ kind: 'event' as const, id: `e${r.seq}`, at: iso(r.at), action: r.action, actorType: r.actorType, name: r.name, data: r.data })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

  return {
    timeZone: rules.borrower.timezone,
    assigneeId: kase.assigneeId,
    graceDays: rules.policy.graceDays,
    status: contactStatus(rules.request),
    contacts,
    notes,
    promises: promiseRows.map((r) => ({
      id: r.id,
      promisedOn: r.promisedOn,
      amount: Number(r.amount),
      status: r.status,
      dueAt: iso(r.dueAt),
      paidAmount: Number(r.paidAmount),
      createdAt: iso(r.createdAt),
      author: r.author ?? '',
    })),
    callbacks: callbackRows.map((r) => ({ id: r.id, dueAt: iso(r.dueAt), note: r.note, status: r.status, staff: r.staff ?? '' })),
    timeline: timeline.slice(0, wholeTimeline ? LIMIT : TIMELINE_RECENT),
    timelineMore: timeline.length > (wholeTimeline ? LIMIT : TIMELINE_RECENT),
  };
}

/** A timestamp as PostgreSQL writes it in JSON, as the ISO instant the rest of the page uses. */
const iso = (at: string) => new Date(at).toISOString();

type Row<T> = T[];
type CaseFileRows = {
  contactRows: Row<Omit<ContactDto, 'at'> & { at: string }>;
  noteRows: Row<{ id: string; at: string; body: string; author: string | null }>;
  promiseRows: Row<{ id: string; promisedOn: string; amount: number | string; status: PromiseDto['status']; dueAt: string; paidAmount: number | string; createdAt: string; author: string | null }>;
  callbackRows: Row<{ id: string; dueAt: string; note: string | null; status: CallbackDto['status']; staff: string | null }>;
  messageRows: Row<{ id: string; at: string; author: 'borrower' | 'staff' | 'system'; name: string | null; body: string }>;
  offerRows: Row<{ id: string; at: string; author: 'borrower' | 'staff' | 'system'; name: string | null; status: string }>;
  eventRows: Row<{ seq: number; at: string; action: string; actorType: string; name: string | null; data: Record<string, unknown> }>;
  history: ContactHistoryEntry[];
};

/**
 * Everything the case file's working half lists, in one statement (one round trip instead of nine): the newest
 * contacts, notes, messages, offers and audit events of the case (`shown` of each: the newest `shown` of the timeline
 * are among them), its promises and callbacks, each with the name of the staff member behind it, and the borrower's
 * contacts (every case) in the eight days the contact rules look back over.
 */
async function caseFileRows(db: Executor, kase: { id: string; borrowerId: string }, now: Date, shown: number): Promise<CaseFileRows> {
  const list = jsonList;
  const staffName = (id: SQL | AnyColumn) => sql`(select ${staffUsers.name} from ${staffUsers} where ${staffUsers.id} = ${id})`;
  const since = new Date(now.getTime() - 8 * 86_400_000);
  const result = await db.execute<Record<keyof CaseFileRows, unknown>>(sql`select
    ${list(sql`select ${contactRecords.id} as id, ${contactRecords.at} as at, ${contactRecords.channel} as channel, ${contactRecords.direction} as direction, ${contactRecords.party} as party,
      ${contactRecords.outcome} as outcome, ${contactRecords.result} as result, ${contactRecords.blockedRule} as "blockedRule", ${contactRecords.note} as note, ${staffName(contactRecords.staffId)} as staff
      from ${contactRecords} where ${contactRecords.caseId} = ${kase.id} order by ${contactRecords.at} desc limit ${shown}`)} as "contactRows",
    ${list(sql`select ${caseNotes.id} as id, ${caseNotes.createdAt} as at, ${caseNotes.body} as body, ${staffName(caseNotes.authorId)} as author
      from ${caseNotes} where ${caseNotes.caseId} = ${kase.id} order by ${caseNotes.createdAt} desc limit ${shown}`)} as "noteRows",
    ${list(sql`select ${promisesToPay.id} as id, ${promisesToPay.promisedOn} as "promisedOn", ${promisesToPay.amount} as amount, ${promisesToPay.status} as status, ${promisesToPay.dueAt} as "dueAt",
      ${promisesToPay.paidAmount} as "paidAmount", ${promisesToPay.createdAt} as "createdAt", ${staffName(promisesToPay.createdBy)} as author
      from ${promisesToPay} where ${promisesToPay.caseId} = ${kase.id} order by ${promisesToPay.createdAt} desc limit ${LIMIT}`)} as "promiseRows",
    ${list(sql`select ${callbacks.id} as id, ${callbacks.dueAt} as "dueAt", ${callbacks.note} as note, ${callbacks.status} as status, ${staffName(callbacks.staffId)} as staff
      from ${callbacks} where ${callbacks.caseId} = ${kase.id} order by ${callbacks.dueAt} desc limit ${LIMIT}`)} as "callbackRows",
    ${list(sql`select ${negotiationMessages.id} as id, ${negotiationMessages.createdAt} as at, ${negotiationMessages.authorType} as author, ${negotiationMessages.body} as body,
      case when ${negotiationMessages.authorType} = 'staff' then ${staffName(negotiationMessages.authorId)} end as name
      from ${negotiationMessages} where ${negotiationMessages.caseId} = ${kase.id} order by ${negotiationMessages.createdAt} desc limit ${shown}`)} as "messageRows",
    ${list(sql`select ${offers.id} as id, ${offers.createdAt} as at, ${offers.authorType} as author, ${offers.status} as status,
      case when ${offers.authorType} = 'staff' then ${staffName(offers.authorId)} end as name
      from ${offers} where ${offers.caseId} = ${kase.id} order by ${offers.createdAt} desc, ${offers.seq} desc limit ${shown}`)} as "offerRows",
    ${list(sql`select ${auditEvents.seq} as seq, ${auditEvents.at} as at, ${auditEvents.action} as action, ${auditEvents.actorType} as "actorType", ${auditEvents.data} as data,
      case when ${auditEvents.actorType} = 'staff' then ${staffName(auditEvents.actorId)} end as name
      from ${auditEvents} where ${and(eq(auditEvents.entityType, 'case'), eq(auditEvents.entityId, kase.id), notInArray(auditEvents.action, shownElsewhere))} order by ${auditEvents.seq} desc limit ${shown}`)} as "eventRows",
    ${list(sql`select ${contactRecords.at} as at, ${contactRecords.channel} as channel, ${contactRecords.outcome} as outcome, ${contactRecords.direction} as direction
      from ${contactRecords} where ${contactRecords.borrowerId} = ${kase.borrowerId} and ${contactRecords.at} >= ${since}`)} as history`);
  const row = result.rows[0]! as unknown as Omit<CaseFileRows, 'history'> & { history: (Omit<ContactHistoryEntry, 'at'> & { at: string })[] };
  return { ...row, history: row.history.map((h) => ({ ...h, at: new Date(h.at) })) };
}
