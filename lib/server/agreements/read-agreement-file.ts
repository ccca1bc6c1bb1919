import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { storedFiles } from '@/db/schema';
import { rateLimits } from '@/lib/domain/rate-limit';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { limitAddress } from '../rate-limit';
import { loadVisibleAgreement } from './load-agreement';
import { ensureUnsignedDocument } from './prepare-document';

export type AgreementFileKind = 'unsigned' | 'signed' | 'executed';

/** A copy of an agreement for its borrower or the creditor's staff; every download is in the audit log. */
export async function readAgreementFile(ctx: Ctx, agreementId: unknown, kind: AgreementFileKind) {
  await limitAddress(getDb(), rateLimits.downloadPerIp, ctx.meta.ip);
  if (kind === 'unsigned') await ensureUnsignedDocument(ctx, agreementId);
  const db = getDb();
  const { agreement } = await loadVisibleAgreement(db, ctx.actor, agreementId);
  const fileId = kind === 'unsigned' ? agreement.unsignedFileId : kind === 'signed' ? agreement.borrowerSignedFileId : agreement.executedFileId;
  if (!fileId) throw new AppError('NOT_FOUND');
  const [file] = await db.select().from(storedFiles).where(eq(storedFiles.id, fileId));
  if (!file) throw new AppError('NOT_FOUND');
  await db.transaction((tx) => recordAudit(tx, ctx, { action: 'agreement.downloaded', entityType: 'agreement', entityId: agreement.id, data: { kind, sha256: file.sha256 } }));
  return { filename: file.filename, bytes: file.bytes, sha256: file.sha256, agreementNo: agreement.agreementNo };
}
