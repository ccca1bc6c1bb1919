import 'server-only';
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { storedFiles } from '@/db/schema';
import { evidenceIsWhole, evidenceLimits, nameContradictsType, safeFilename, sniffEvidenceType, typedFilename } from '@/lib/domain/file-type';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { isUuid, loadVisibleCase } from '../cases/case-access';
import { sha256Hex } from '../crypto';
import { AppError } from '../errors';
import { currentDraft } from './load-draft';

export type EvidenceDto = { id: string; filename: string; contentType: string; size: number; sha256: string; createdAt: string };

const uploadInput = z.object({ caseId: z.string(), filename: z.string().min(1).max(255), bytes: z.instanceof(Buffer) });

/**
 * Attaches one evidence file to the open draft. Checked before anything is
 * written (size, count, type from the bytes, renamed files); kept under a safe
 * name ending in its type's extension; the row and its audit event are one
 * transaction, so a failed upload leaves nothing behind.
 */
export async function uploadEvidence(ctx: Ctx, raw: z.input<typeof uploadInput>): Promise<EvidenceDto> {
  if (ctx.actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const { caseId, filename, bytes } = uploadInput.parse(raw);
  if (bytes.length > evidenceLimits.maxBytes) throw new AppError('FILE_TOO_LARGE', { field: 'file', params: { max: evidenceLimits.maxMegabytes } });
  const type = sniffEvidenceType(bytes);
  if (!type) throw new AppError('FILE_TYPE', { field: 'file' });
  if (!evidenceIsWhole(bytes, type)) throw new AppError('FILE_INCOMPLETE', { field: 'file' });
  if (nameContradictsType(safeFilename(filename), type)) throw new AppError('FILE_RENAMED', { field: 'file' });
  const name = typedFilename(filename, type);

  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, ctx.actor, caseId, { forUpdate: true });
    const draft = await currentDraft(tx, kase.id);
    if (!draft) throw new AppError('CONFLICT');
    const [{ value: existing } = { value: 0 }] = await tx
      .select({ value: count() })
      .from(storedFiles)
      .where(and(eq(storedFiles.ownerId, draft.id), eq(storedFiles.kind, 'evidence'), isNull(storedFiles.deletedAt)));
    if (existing >= evidenceLimits.maxFiles) throw new AppError('TOO_MANY_FILES', { field: 'file', params: { max: evidenceLimits.maxFiles } });
    const sha256 = sha256Hex(bytes);
    const [row] = await tx
      .insert(storedFiles)
      .values({ kind: 'evidence', borrowerId: kase.borrowerId, caseId: kase.id, ownerId: draft.id, filename: name, contentType: type, size: bytes.length, sha256, bytes, uploadedByType: 'borrower', uploadedById: ctx.actor.id })
      .returning({ id: storedFiles.id, createdAt: storedFiles.createdAt });
    await recordAudit(tx, ctx, { action: 'evidence.uploaded', entityType: 'file', entityId: row!.id, data: { caseId: kase.id, statementId: draft.id, sha256, size: bytes.length, contentType: type } });
    return { id: row!.id, filename: name, contentType: type, size: bytes.length, sha256, createdAt: row!.createdAt.toISOString() };
  });
}

/** Removes one of the borrower's own uploads, only while the statement is still a draft. */
export async function removeEvidence(ctx: Ctx, raw: { caseId: string; fileId: string }): Promise<void> {
  if (ctx.actor.type !== 'borrower' || !isUuid(raw.fileId)) throw new AppError('NOT_FOUND');
  await getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, ctx.actor, raw.caseId, { forUpdate: true });
    const draft = await currentDraft(tx, kase.id);
    if (!draft) throw new AppError('NOT_FOUND');
    const removed = await tx
      .delete(storedFiles)
      .where(and(eq(storedFiles.id, raw.fileId), eq(storedFiles.ownerId, draft.id), eq(storedFiles.kind, 'evidence')))
      .returning({ id: storedFiles.id, sha256: storedFiles.sha256 });
    if (!removed.length) throw new AppError('NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'evidence.removed', entityType: 'file', entityId: raw.fileId, data: { caseId: kase.id, statementId: draft.id, sha256: removed[0]!.sha256 } });
  });
}

/** The evidence of several statements in one query, grouped by statement. */
export async function listEvidence(db: Pick<ReturnType<typeof getDb>, 'select'>, statementIds: string[]): Promise<Map<string, EvidenceDto[]>> {
  const grouped = new Map<string, EvidenceDto[]>(statementIds.map((id) => [id, []]));
  if (!statementIds.length) return grouped;
  const rows = await db
    .select({ ownerId: storedFiles.ownerId, id: storedFiles.id, filename: storedFiles.filename, contentType: storedFiles.contentType, size: storedFiles.size, sha256: storedFiles.sha256, createdAt: storedFiles.createdAt })
    .from(storedFiles)
    .where(and(inArray(storedFiles.ownerId, statementIds), eq(storedFiles.kind, 'evidence'), isNull(storedFiles.deletedAt)))
    .orderBy(storedFiles.createdAt);
  for (const { ownerId, ...row } of rows) grouped.get(ownerId!)?.push({ ...row, createdAt: row.createdAt.toISOString() });
  return grouped;
}
