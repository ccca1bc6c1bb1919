import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { judicialConfirmations, storedFiles } from '@/db/schema';
import { isIsoDate } from '@/lib/domain/dates';
import { evidenceIsWhole, sniffEvidenceType, typedFilename, uploadLimit } from '@/lib/domain/file-type';
import { checkRecordedDay, nextConfirmationStatus, type ConfirmationEvent } from '@/lib/domain/judicial-confirmation';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { sha256Hex } from '../crypto';
import { AppError } from '../errors';
import { notifyBorrower } from '../notify-borrower';
import { courtToday, loadVisibleConfirmation } from './confirmation-store';

const day = z.string().refine(isIsoDate, 'validation.date');
export const filingSchema = z.object({
  filedOn: day,
  courtCaseNo: z.string().trim().max(60, 'validation.tooLong').optional().default(''),
});
export const decisionSchema = z.object({
  decision: z.enum(['confirmed', 'rejected']),
  decidedOn: day,
  note: z.string().trim().max(1000, 'validation.tooLong').optional().default(''),
});
export type CourtDocument = { name: string; bytes: Buffer };

/** A court document (the receipt, the ruling): a PDF or a scan (JPEG, PNG) by its content, within the upload limit. */
function checkDocument(doc: CourtDocument | null, required: boolean): { contentType: string; doc: CourtDocument } | null {
  if (!doc || doc.bytes.length === 0) {
    if (required) throw new AppError('VALIDATION', { field: 'document', message: 'validation.confirmation.documentRequired' });
    return null;
  }
  if (doc.bytes.length > uploadLimit.maxBytes) throw new AppError('VALIDATION', { field: 'document', message: 'validation.confirmation.documentTooLarge', params: { max: uploadLimit.maxMegabytes } });
  const contentType = sniffEvidenceType(doc.bytes);
  if (!contentType) throw new AppError('VALIDATION', { field: 'document', message: 'validation.confirmation.documentType' });
  if (!evidenceIsWhole(doc.bytes, contentType)) throw new AppError('VALIDATION', { field: 'document', message: 'validation.confirmation.documentIncomplete' });
  return { contentType, doc };
}

const dayOf = (at: Date) => courtToday(at);

/**
 * A court step the mediator records — the application filed (with the court's case number and receipt) or the court's
 * ruling (confirmed or rejected, its ruling attached) — on its day, which cannot be in the future or before the
 * step it follows. The status moves only along the machine (lib/domain/judicial-confirmation.ts); the document is
 * stored with its hash, and the change audited with both, in one transaction.
 */
async function recordCourtStep(ctx: Ctx, confirmationId: unknown, event: Extract<ConfirmationEvent, 'file' | 'confirm' | 'reject'>, on: string, document: CourtDocument | null, extra: { courtCaseNo?: string; note?: string }, now: Date) {
  const { actor } = ctx;
  if (actor.type !== 'staff' || (actor.role !== 'mediator' && actor.role !== 'supervisor')) throw new AppError('NOT_FOUND');
  const checked = checkDocument(document, event !== 'file');
  return getDb().transaction(async (tx) => {
    const { confirmation: c, kase } = await loadVisibleConfirmation(tx, actor, confirmationId, { forUpdate: true, act: true });
    const to = nextConfirmationStatus(c.status, event);
    if (!to) throw new AppError('CONFLICT', { message: event === 'file' ? 'validation.confirmation.notSigned' : 'validation.confirmation.notFiled' });
    const after = event === 'file' ? c.signedAt! : c.filedAt!;
    const refusal = checkRecordedDay(on, dayOf(after), courtToday(now));
    if (refusal) throw new AppError('VALIDATION', { field: event === 'file' ? 'filedOn' : 'decidedOn', message: refusal, params: { day: dayOf(after) } });
    const [file] = checked
      ? await tx
          .insert(storedFiles)
          .values({ kind: 'judicial_document', borrowerId: kase.borrowerId, caseId: kase.id, ownerId: c.id, filename: typedFilename(checked.doc.name, checked.contentType), contentType: checked.contentType, size: checked.doc.bytes.length, sha256: sha256Hex(checked.doc.bytes), bytes: checked.doc.bytes, uploadedByType: 'staff', uploadedById: actor.id })
          .returning({ id: storedFiles.id, sha256: storedFiles.sha256 })
      : [];
    // The day recorded is the court's (Beijing) day: noon of it keeps the instant on that day wherever it is read.
    const at = new Date(`${on}T12:00:00+08:00`);
    await tx
      .update(judicialConfirmations)
      .set(
        event === 'file'
          ? { status: to, filedAt: at, filedBy: actor.id, filedFileId: file?.id ?? null, courtCaseNo: extra.courtCaseNo || null, version: sql`${judicialConfirmations.version} + 1` }
          : { status: to, decidedAt: at, decidedBy: actor.id, decisionFileId: file!.id, decisionNote: extra.note || null, version: sql`${judicialConfirmations.version} + 1` },
      )
      .where(eq(judicialConfirmations.id, c.id));
    await recordAudit(tx, ctx, { action: event === 'file' ? 'confirmation.filed' : `confirmation.${to}`, entityType: 'judicial_confirmation', entityId: c.id, data: { from: c.status, to, on, courtCaseNo: extra.courtCaseNo || undefined, note: extra.note || undefined, documentSha256: file?.sha256 } });
    await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'confirmationStatus', values: { caseNo: kase.caseNo, court: c.court, status: to }, now });
    return { status: to };
  });
}

export async function recordConfirmationFiling(ctx: Ctx, confirmationId: unknown, raw: unknown, document: CourtDocument | null, now: Date = new Date()) {
  const input = filingSchema.parse(raw);
  return recordCourtStep(ctx, confirmationId, 'file', input.filedOn, document, { courtCaseNo: input.courtCaseNo }, now);
}

export async function recordConfirmationDecision(ctx: Ctx, confirmationId: unknown, raw: unknown, document: CourtDocument | null, now: Date = new Date()) {
  const input = decisionSchema.parse(raw);
  return recordCourtStep(ctx, confirmationId, input.decision === 'confirmed' ? 'confirm' : 'reject', input.decidedOn, document, { note: input.note }, now);
}
