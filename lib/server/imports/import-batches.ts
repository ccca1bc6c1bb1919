import 'server-only';
import crypto from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, resolveDatabaseUrl } from '@/db/client';
import { creditors, importBatches, importFileChunks, importRowErrors, importRows, staffUsers } from '@/db/schema';
import type { ImportChange, ImportProblem } from '@/db/schema';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { jobs, sendJob } from '../jobs';
import { requireAdmin, type Admin } from '../require-admin';
import { creditorScope, servesCreditor } from '../staff-scope';
import { importLimits } from './import-file';

/**
 * The portfolio import as an admin drives it (/staff/admin/import): upload the file (streamed into chunks, its
 * SHA-256 taken on the way, refused past the size limit), which queues its validation; read the preview and
 * the progress; confirm, which queues the import; or cancel. Only admins of the batch's creditor (or the
 * mediation centre's) see or touch a batch; every step is audited.
 */
export type ImportBatchDto = {
  id: string;
  creditorId: string;
  creditorName: string;
  creditorNameEn: string;
  filename: string;
  size: number;
  sha256: string | null;
  encoding: string | null;
  status: (typeof importBatches.$inferSelect)['status'];
  stage: string | null;
  problem: ImportProblem | null;
  counts: { read: number; valid: number; invalid: number; new: number; updated: number; unchanged: number; imported: number; casesOpened: number; borrowersCreated: number; invitations: number };
  uploadedBy: string;
  createdAt: string;
  finishedAt: string | null;
};

export const uploadInput = z.object({
  creditorId: z.string().uuid(),
  filename: z.string().trim().min(1).max(200),
  encoding: z.enum(['auto', 'utf-8', 'gbk']).default('auto'),
  /** The size the client declares (Content-Length), refused at once when over the limit; the bytes are counted too. */
  declaredSize: z.number().int().min(0).nullable(),
});

type Enqueue = (name: string, batchId: string) => Promise<void>;
const enqueueJob: Enqueue = (name, batchId) => sendJob(name, { batchId }, resolveDatabaseUrl());

/**
 * Receives a portfolio file: checks the admin and the size, stores the bytes in chunks as they arrive (never the
 * whole file in memory), takes its SHA-256, and queues its validation. A file over the limit is refused with the
 * limit named, and nothing of it is kept.
 */
export async function uploadImport(ctx: Ctx, input: z.input<typeof uploadInput>, body: AsyncIterable<Uint8Array>, options: { enqueue?: Enqueue } = {}): Promise<{ batchId: string }> {
  const admin = requireAdmin(ctx.actor);
  const data = uploadInput.parse(input);
  if (!servesCreditor(admin, data.creditorId)) throw new AppError('NOT_FOUND');
  const tooLarge = () => new AppError('FILE_TOO_LARGE', { params: { max: importLimits.maxMegabytes }, field: 'file' });
  if (data.declaredSize !== null && data.declaredSize > importLimits.maxBytes) throw tooLarge();
  const db = getDb();
  const [batch] = await db
    .insert(importBatches)
    .values({ creditorId: data.creditorId, uploadedBy: admin.id, filename: data.filename.replace(/[\\/]/g, '_'), encodingChoice: data.encoding })
    .returning({ id: importBatches.id });
  const batchId = batch!.id;
  const hash = crypto.createHash('sha256');
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (!pendingBytes) return;
    await db.insert(importFileChunks).values({ batchId, seq: seq++, bytes: Buffer.concat(pending) });
    pending = [];
    pendingBytes = 0;
  };
  try {
    for await (const part of body) {
      size += part.byteLength;
      if (size > importLimits.maxBytes) throw tooLarge();
      const bytes = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      hash.update(bytes);
      pending.push(Buffer.from(bytes));
      pendingBytes += bytes.byteLength;
      if (pendingBytes >= importLimits.chunkBytes) await flush();
    }
    await flush();
  } catch (error) {
    // Nothing of a refused or broken upload is kept but the batch's refusal itself.
    await db.delete(importFileChunks).where(eq(importFileChunks.batchId, batchId));
    const problem = error instanceof AppError && error.code === 'FILE_TOO_LARGE' ? { key: 'tooLarge', params: { max: importLimits.maxMegabytes } } : { key: 'uploadBroken' };
    await db.update(importBatches).set({ status: 'refused', problem, size, updatedAt: new Date() }).where(eq(importBatches.id, batchId));
    throw error;
  }
  const sha256 = hash.digest('hex');
  await db.transaction(async (tx) => {
    await tx.update(importBatches).set({ status: 'uploaded', size, sha256, updatedAt: new Date() }).where(eq(importBatches.id, batchId));
    await recordAudit(tx, ctx, { action: 'import.uploaded', entityType: 'import_batch', entityId: batchId, data: { creditorId: data.creditorId, filename: data.filename, size, sha256, encoding: data.encoding } });
  });
  await (options.enqueue ?? enqueueJob)(jobs.importValidate, batchId);
  return { batchId };
}

async function loadBatch(admin: Admin, batchId: string) {
  if (!z.string().uuid().safeParse(batchId).success) throw new AppError('NOT_FOUND');
  const [batch] = await getDb().select().from(importBatches).where(eq(importBatches.id, batchId));
  if (!batch || !servesCreditor(admin, batch.creditorId)) throw new AppError('NOT_FOUND');
  return batch;
}

function toDto(b: typeof importBatches.$inferSelect, creditor: { name: string; nameEn: string }, uploadedBy: string): ImportBatchDto {
  return {
    id: b.id,
    creditorId: b.creditorId,
    creditorName: creditor.name,
    creditorNameEn: creditor.nameEn,
    filename: b.filename,
    size: b.size,
    sha256: b.sha256,
    encoding: b.encoding,
    status: b.status,
    stage: b.stage,
    problem: b.problem ?? null,
    counts: { read: b.rowsRead, valid: b.rowsValid, invalid: b.rowsInvalid, new: b.rowsNew, updated: b.rowsUpdated, unchanged: b.rowsUnchanged, imported: b.rowsImported, casesOpened: b.casesOpened, borrowersCreated: b.borrowersCreated, invitations: b.invitationsQueued },
    uploadedBy,
    createdAt: b.createdAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
  };
}

export async function getImportBatch(actor: Actor, batchId: string): Promise<ImportBatchDto> {
  const admin = requireAdmin(actor);
  const batch = await loadBatch(admin, batchId);
  const [names] = await getDb()
    .select({ creditor: { name: creditors.name, nameEn: creditors.nameEn }, by: staffUsers.name })
    .from(creditors)
    .innerJoin(staffUsers, eq(staffUsers.id, batch.uploadedBy))
    .where(eq(creditors.id, batch.creditorId));
  return toDto(batch, names?.creditor ?? { name: '—', nameEn: '—' }, names?.by ?? '—');
}

/** The latest batches of the creditors the admin serves. */
export async function listImportBatches(actor: Actor, limit = 20): Promise<ImportBatchDto[]> {
  const admin = requireAdmin(actor);
  const rows = await getDb()
    .select({ batch: importBatches, creditor: { name: creditors.name, nameEn: creditors.nameEn }, by: staffUsers.name })
    .from(importBatches)
    .innerJoin(creditors, eq(creditors.id, importBatches.creditorId))
    .innerJoin(staffUsers, eq(staffUsers.id, importBatches.uploadedBy))
    .where(creditorScope(admin, importBatches.creditorId))
    .orderBy(desc(importBatches.createdAt))
    .limit(limit);
  return rows.map((r) => toDto(r.batch, r.creditor, r.by));
}

/** The creditors an admin may import for. */
export async function importCreditors(actor: Actor): Promise<{ id: string; name: string; nameEn: string }[]> {
  const admin = requireAdmin(actor);
  return getDb().select({ id: creditors.id, name: creditors.name, nameEn: creditors.nameEn }).from(creditors).where(creditorScope(admin, creditors.id)).orderBy(asc(creditors.name));
}

export type { ImportChange };

export type PreviewDto = {
  errors: { line: number; problems: { column: string; key: string; params?: Record<string, string | number> }[] }[];
  changes: { line: number; contractNo: string; changes: ImportChange[] }[];
  newRows: { line: number; contractNo: string; name: string; dpd: number; arrears: number; inviteBy: string }[];
};

/** The preview: the rows with problems, the loans that change and how, and the first new ones (pages of `limit`). */
export async function getImportPreview(actor: Actor, batchId: string, options: { limit?: number; offset?: number } = {}): Promise<PreviewDto> {
  const admin = requireAdmin(actor);
  const batch = await loadBatch(admin, batchId);
  const db = getDb();
  const limit = Math.min(options.limit ?? 100, 500);
  const offset = options.offset ?? 0;
  const [errors, changes, newRows] = await Promise.all([
    db.select({ line: importRowErrors.line, problems: importRowErrors.problems }).from(importRowErrors).where(eq(importRowErrors.batchId, batch.id)).orderBy(asc(importRowErrors.line)).limit(limit).offset(offset),
    db
      .select({ line: importRows.line, contractNo: importRows.contractNo, changes: importRows.changes })
      .from(importRows)
      .where(and(eq(importRows.batchId, batch.id), eq(importRows.action, 'update')))
      .orderBy(asc(importRows.line))
      .limit(limit)
      .offset(offset),
    db
      .select({ line: importRows.line, contractNo: importRows.contractNo, name: importRows.fullName, dpd: importRows.dpd, arrears: importRows.arrears, inviteBy: importRows.inviteChannel })
      .from(importRows)
      .where(and(eq(importRows.batchId, batch.id), eq(importRows.action, 'new')))
      .orderBy(asc(importRows.line))
      .limit(Math.min(limit, 50)),
  ]);
  return { errors, changes, newRows };
}

/**
 * The admin confirms the preview: the import is queued (a failed one may be confirmed again). Only a batch that
 * was previewed, with rows to import, and only once: a second click or a second admin finds it already queued.
 */
export async function confirmImport(ctx: Ctx, batchId: string, options: { enqueue?: Enqueue } = {}): Promise<void> {
  const admin = requireAdmin(ctx.actor);
  const batch = await loadBatch(admin, batchId);
  const confirmed = await getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(importBatches)
      .set({ status: 'importing', stage: 'queued', confirmedBy: admin.id, confirmedAt: new Date(), problem: null, updatedAt: new Date() })
      .where(and(eq(importBatches.id, batch.id), inArray(importBatches.status, ['previewed', 'failed']), sql`${importBatches.rowsValid} > 0`))
      .returning({ id: importBatches.id });
    if (!row) return false;
    await recordAudit(tx, ctx, { action: 'import.confirmed', entityType: 'import_batch', entityId: batch.id, data: { sha256: batch.sha256, valid: batch.rowsValid, invalid: batch.rowsInvalid } });
    return true;
  });
  if (!confirmed) throw new AppError('CONFLICT', { message: 'import.notConfirmable' });
  await (options.enqueue ?? enqueueJob)(jobs.importApply, batch.id);
}

/** Drops a batch that was not imported: its file and staging go; the batch stays on record as cancelled. */
export async function cancelImport(ctx: Ctx, batchId: string): Promise<void> {
  const admin = requireAdmin(ctx.actor);
  const batch = await loadBatch(admin, batchId);
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(importBatches)
      .set({ status: 'cancelled', stage: null, updatedAt: new Date() })
      .where(and(eq(importBatches.id, batch.id), inArray(importBatches.status, ['previewed', 'refused', 'failed'])))
      .returning({ id: importBatches.id });
    if (!row) throw new AppError('CONFLICT', { message: 'import.notCancellable' });
    await tx.delete(importRows).where(eq(importRows.batchId, batch.id));
    await tx.delete(importRowErrors).where(eq(importRowErrors.batchId, batch.id));
    await tx.delete(importFileChunks).where(eq(importFileChunks.batchId, batch.id));
    await recordAudit(tx, ctx, { action: 'import.cancelled', entityType: 'import_batch', entityId: batch.id, data: { sha256: batch.sha256 } });
  });
}
