import crypto from 'node:crypto';
import type { Database } from '@/db/client';
import { contactRecords, hardshipStatements, negotiationMessages, notices, storedFiles } from '@/db/schema';
import { noticeContactNote } from '@/lib/domain/notice-sequence';

/** A PDF of exactly `size` bytes, as readers see one: its signature, blank bytes, and its end-of-file marker. */
export const pdfOfSize = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 15, 32), Buffer.from('%%EOF\n')]);

/**
 * A case's history as a busy year leaves it: a submitted hardship statement with evidence files (small real PDFs
 * and JPEG-like images of the given size), contacts on every channel across `days` days (some blocked by a rule),
 * and messages on the thread. For the evidence bundle's tests and bench.
 */
export async function makeCaseHistory(
  db: Database,
  kase: { id: string; borrowerId: string },
  options: { evidenceFiles?: number; fileBytes?: number; days?: number; contactsPerDay?: number; messages?: number; until?: Date; staffId?: string } = {},
) {
  const { evidenceFiles = 3, fileBytes = 20_000, days = 30, contactsPerDay = 1, messages = 4, until = new Date(), staffId } = options;
  const [statement] = await db
    .insert(hardshipStatements)
    .values({ caseId: kase.id, borrowerId: kase.borrowerId, version: 1, status: 'submitted', step: 6, data: { reason: { category: 'illness', since: '2025-10-01', duration: 'temporary', details: '住院治疗，收入中断' } }, disposableIncome: 120_000, submittedAt: until })
    .returning();
  for (let i = 0; i < evidenceFiles; i++) {
    const body = crypto.randomBytes(Math.max(0, fileBytes - 64));
    const bytes = i % 2 === 0 ? Buffer.concat([Buffer.from('%PDF-1.4\n% evidence\n'), body, Buffer.from('\n%%EOF\n')]) : Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body, Buffer.from([0xff, 0xd9])]);
    await db.insert(storedFiles).values({
      kind: 'evidence',
      borrowerId: kase.borrowerId,
      caseId: kase.id,
      ownerId: statement!.id,
      filename: i % 2 === 0 ? `诊断证明-${i + 1}.pdf` : `收入证明-${i + 1}.jpg`,
      contentType: i % 2 === 0 ? 'application/pdf' : 'image/jpeg',
      size: bytes.length,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      bytes,
      uploadedByType: 'borrower',
      uploadedById: kase.borrowerId,
    });
  }
  const channels = ['phone', 'sms', 'email', 'letter'] as const;
  const outcomes = ['effective', 'unanswered', 'attempted', 'blocked'] as const;
  const rows = [];
  for (let d = days - 1; d >= 0; d--) {
    for (let n = 0; n < contactsPerDay; n++) {
      const k = d * contactsPerDay + n;
      const outcome = outcomes[k % outcomes.length]!;
      rows.push({
        caseId: kase.id,
        borrowerId: kase.borrowerId,
        staffId: staffId ?? null,
        channel: channels[k % channels.length]!,
        direction: 'outbound' as const,
        outcome,
        blockedRule: outcome === 'blocked' ? 'contact.dailyMessages' : null,
        note: k % 3 === 0 ? '借款人表示下月发工资后联系' : k % 3 === 1 ? '=1+1 (a note that a spreadsheet would run)' : null,
        at: new Date(until.getTime() - d * 86_400_000 - n * 3_600_000 - 3_600_000),
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(contactRecords).values(rows.slice(i, i + 500));
  for (let i = 0; i < messages; i++) {
    await db.insert(negotiationMessages).values({ caseId: kase.id, authorType: i % 2 ? 'staff' : 'borrower', authorId: i % 2 ? (staffId ?? null) : kase.borrowerId, body: `第${i + 1}条留言：希望分期还款`, createdAt: new Date(until.getTime() - (messages - i) * 3_600_000) });
  }
  return { statementId: statement!.id, contacts: rows.length };
}

/**
 * A notice sent in the past, as the notice service leaves it (stored PDF with its SHA-256, the notice row, its
 * contact): for browser tests, which cannot call the service with an earlier clock through the server.
 */
export async function makeSentNotice(db: Database, kase: { id: string; borrowerId: string }, staffId: string, kind: 'collection_letter' | 'lawyers_letter' | 'intended_suit', sentAt: Date) {
  const bytes = Buffer.from(`%PDF-1.4\n% ${kind} sent ${sentAt.toISOString()}\n%%EOF\n`);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const id = crypto.randomUUID();
  const name = { collection_letter: '催收函', lawyers_letter: '律师函', intended_suit: '起诉通知书' }[kind];
  const [file] = await db
    .insert(storedFiles)
    .values({ kind: 'notice', borrowerId: kase.borrowerId, caseId: kase.id, ownerId: id, filename: `${name}-${id.slice(0, 8)}.pdf`, contentType: 'application/pdf', size: bytes.length, sha256, bytes, uploadedByType: 'staff', uploadedById: staffId, createdAt: sentAt })
    .returning({ id: storedFiles.id });
  const [contact] = await db.insert(contactRecords).values({ caseId: kase.id, borrowerId: kase.borrowerId, staffId, channel: 'letter', direction: 'outbound', outcome: 'attempted', note: noticeContactNote(kind, name, sha256), at: sentAt }).returning({ id: contactRecords.id });
  await db.insert(notices).values({ id, caseId: kase.id, kind, channel: 'letter', status: 'sent', enforceableAmount: 1_000_000, asOf: sentAt.toISOString().slice(0, 10), fileId: file!.id, sha256, preparedBy: staffId, preparedAt: sentAt, decidedBy: kind === 'collection_letter' ? null : staffId, decidedAt: kind === 'collection_letter' ? null : sentAt, sentAt, contactRecordId: contact!.id });
  return { id, sha256 };
}
