import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { planDocuments } from '@/db/schema';
import { rateLimits } from '@/lib/domain/rate-limit';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { loadVisibleAgreement } from '../agreements/load-agreement';
import { isUuid } from '../cases/case-access';
import { AppError } from '../errors';
import { limitAddress } from '../rate-limit';
import { planDocumentFile } from './plan-documents';

/** A plan document (the delay addendum, the settlement certificate) for its borrower or the creditor's staff; every download audited. */
export async function readPlanDocument(ctx: Ctx, documentId: unknown) {
  await limitAddress(getDb(), rateLimits.downloadPerIp, ctx.meta.ip);
  if (!isUuid(documentId)) throw new AppError('NOT_FOUND');
  const db = getDb();
  const [document] = await db.select().from(planDocuments).where(eq(planDocuments.id, documentId));
  if (!document) throw new AppError('NOT_FOUND');
  // Whoever may see the agreement may see what its plan issued.
  await loadVisibleAgreement(db, ctx.actor, document.agreementId);
  const file = await planDocumentFile(db, document.fileId);
  if (!file) throw new AppError('NOT_FOUND');
  await db.transaction((tx) => recordAudit(tx, ctx, { action: 'plan.document_downloaded', entityType: 'agreement', entityId: document.agreementId, data: { documentId: document.id, kind: document.kind, sha256: file.sha256 } }));
  return file;
}
