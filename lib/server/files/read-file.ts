import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, storedFiles } from '@/db/schema';
import { rateLimits } from '@/lib/domain/rate-limit';
import { typedFilename } from '@/lib/domain/file-type';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { isUuid } from '../cases/case-access';
import { AppError } from '../errors';
import { limitAddress } from '../rate-limit';
import { servesCreditor } from '../staff-scope';

/**
 * A stored file for download: the borrower it belongs to, or staff of the
 * creditor whose case it is. Every read is in the audit log, and counted
 * against the downloads allowed from the client's address. Served under a
 * name that carries the extension of the type its bytes were found to be.
 */
export async function readStoredFile(ctx: Ctx, fileId: unknown) {
  if (!isUuid(fileId)) throw new AppError('NOT_FOUND');
  const db = getDb();
  await limitAddress(db, rateLimits.downloadPerIp, ctx.meta.ip);
  const [file] = await db
    .select({ file: storedFiles, creditorId: cases.creditorId })
    .from(storedFiles)
    .leftJoin(cases, eq(cases.id, storedFiles.caseId))
    .where(eq(storedFiles.id, fileId));
  if (!file || file.file.deletedAt) throw new AppError('NOT_FOUND');
  const { actor } = ctx;
  const allowed =
    (actor.type === 'borrower' && file.file.borrowerId === actor.id) || (actor.type === 'staff' && servesCreditor(actor, file.creditorId));
  if (!allowed) throw new AppError('NOT_FOUND');
  await db.transaction((tx) => recordAudit(tx, ctx, { action: 'file.downloaded', entityType: 'file', entityId: file.file.id, data: { sha256: file.file.sha256, caseId: file.file.caseId } }));
  return { filename: typedFilename(file.file.filename, file.file.contentType), contentType: file.file.contentType, bytes: file.file.bytes, sha256: file.file.sha256 };
}
