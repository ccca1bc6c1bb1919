import 'server-only';
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { cases} from '@/db/schema';
import { agreements, auditEvents, contactRecords, hardshipStatements, negotiationMessages, offers, signatures, staffUsers, storedFiles } from '@/db/schema';
import type { ArrearsResult } from '@/lib/domain/arrears';
import { todayIn, type IsoDate } from '@/lib/domain/dates';
import { arrearsOf, loanPartiesWithHistory, type LoanHistory } from '../loans/loan-history';
import { parseSnapshot } from '../agreements/snapshot';

/** A stored file to copy into the bundle as it is: read from the database only when its turn comes. */
export type StoredFileRef = { id: string; kind: string; filename: string; contentType: string; size: number; sha256: string; ownerId: string | null; createdAt: Date };

/**
 * Everything about one case that an evidence bundle holds, read in a handful of queries, without any file's bytes
 * (those are streamed one at a time: lib/server/bundle/create-bundle.ts).
 */
export type CaseEvidence = {
  kase: typeof cases.$inferSelect;
  history: LoanHistory & { borrower: Awaited<ReturnType<typeof loanPartiesWithHistory>>['borrower'] };
  asOf: IsoDate;
  arrears: ArrearsResult;
  staffNames: Map<string, string>;
  contacts: (typeof contactRecords.$inferSelect)[];
  messages: (typeof negotiationMessages.$inferSelect)[];
  offers: (typeof offers.$inferSelect)[];
  statements: (typeof hardshipStatements.$inferSelect)[];
  evidence: StoredFileRef[];
  agreements: { row: typeof agreements.$inferSelect; agreementNo: string; signatures: (typeof signatures.$inferSelect)[]; files: StoredFileRef[] }[];
  /** Notices issued on the case (stored, sealed PDFs). */
  notices: StoredFileRef[];
  audit: (typeof auditEvents.$inferSelect)[];
};

const fileColumns = { id: storedFiles.id, kind: storedFiles.kind, filename: storedFiles.filename, contentType: storedFiles.contentType, size: storedFiles.size, sha256: storedFiles.sha256, ownerId: storedFiles.ownerId, createdAt: storedFiles.createdAt };

export async function collectEvidence(db: Executor, kase: typeof cases.$inferSelect, now: Date): Promise<CaseEvidence> {
  const history = await loanPartiesWithHistory(db, kase.loanId);
  const asOf = todayIn(history.borrower.timezone, now);
  const arrears = arrearsOf(history, asOf);
  const [contacts, messages, offerRows, statements, files, agreementRows] = await Promise.all([
    db.select().from(contactRecords).where(eq(contactRecords.caseId, kase.id)).orderBy(asc(contactRecords.at), asc(contactRecords.id)),
    db.select().from(negotiationMessages).where(eq(negotiationMessages.caseId, kase.id)).orderBy(asc(negotiationMessages.createdAt)),
    db.select().from(offers).where(eq(offers.caseId, kase.id)).orderBy(asc(offers.createdAt), asc(offers.seq)),
    db.select().from(hardshipStatements).where(eq(hardshipStatements.caseId, kase.id)).orderBy(asc(hardshipStatements.version)),
    db.select(fileColumns).from(storedFiles).where(and(eq(storedFiles.caseId, kase.id), isNull(storedFiles.deletedAt))).orderBy(asc(storedFiles.createdAt), asc(storedFiles.id)),
    db.select().from(agreements).where(eq(agreements.caseId, kase.id)).orderBy(asc(agreements.createdAt)),
  ]);
  const agreementIds = agreementRows.map((a) => a.id);
  const signatureRows = agreementIds.length ? await db.select().from(signatures).where(inArray(signatures.agreementId, agreementIds)).orderBy(asc(signatures.signedAt)) : [];
  const staffIds = [...new Set([kase.assigneeId, ...contacts.map((c) => c.staffId), ...messages.map((m) => (m.authorType === 'staff' ? m.authorId : null)), ...offerRows.map((o) => (o.authorType === 'staff' ? o.authorId : null))].filter((id): id is string => !!id))];
  const staff = staffIds.length ? await db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(inArray(staffUsers.id, staffIds)) : [];

  // The case's trail: events about the case and about everything that belongs to it.
  const owned: [string, string[]][] = [
    ['case', [kase.id]],
    ['agreement', agreementIds],
    ['offer', offerRows.map((o) => o.id)],
    ['hardship_statement', statements.map((s) => s.id)],
    ['file', files.map((f) => f.id)],
    ['notice', files.filter((f) => f.kind === 'notice').map((f) => f.ownerId ?? '')],
  ];
  const audit = await db
    .select()
    .from(auditEvents)
    .where(or(...owned.filter(([, ids]) => ids.length).map(([type, ids]) => and(eq(auditEvents.entityType, type), inArray(auditEvents.entityId, ids)))))
    .orderBy(asc(auditEvents.seq));

  return {
    kase,
    history,
    asOf,
    arrears,
    staffNames: new Map(staff.map((s) => [s.id, s.name])),
    contacts,
    messages,
    offers: offerRows,
    statements,
    evidence: files.filter((f) => f.kind === 'evidence'),
    agreements: agreementRows.map((row) => ({
      row,
      agreementNo: parseSnapshot(row.snapshot, row.agreementNo).agreementNo,
      signatures: signatureRows.filter((s) => s.agreementId === row.id),
      files: files.filter((f) => f.ownerId === row.id && (f.kind === 'agreement_unsigned' || f.kind === 'agreement_signed' || f.kind === 'agreement_executed')),
    })),
    notices: files.filter((f) => f.kind === 'notice'),
    audit,
  };
}

/** The seq range the case's events span: the stretch of the chain to verify (every row in it, of any case). */
export function auditSpan(evidence: Pick<CaseEvidence, 'audit'>): { from: number; to: number } | null {
  if (!evidence.audit.length) return null;
  return { from: evidence.audit[0]!.seq, to: evidence.audit[evidence.audit.length - 1]!.seq };
}
