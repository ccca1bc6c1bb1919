import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { agreements, storedFiles } from '@/db/schema';
import type { PauseSummary } from '@/lib/domain/hardship-pause';
import { agreementContent, type AgreementContent } from '@/lib/pdf/agreement-content';
import { renderAgreementPdf } from '@/lib/pdf/render-agreement';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { loadVisibleCase } from '../cases/case-access';
import { sha256Hex } from '../crypto';
import { loadVisibleAgreement } from './load-agreement';

export const agreementFilename = (agreementNo: string, date: string, kind: 'unsigned' | 'signed' | 'executed') =>
  `repayment-agreement-${agreementNo}-${date}${kind === 'unsigned' ? '-review' : kind === 'signed' ? '-signed-by-borrower' : ''}.pdf`;

/**
 * The document the borrower reviews: rendered once from the snapshot and stored
 * with its SHA-256 before anyone sees it, so the bytes reviewed are the bytes signed.
 */
export async function ensureUnsignedDocument(ctx: Ctx, agreementId: unknown): Promise<{ fileId: string; sha256: string }> {
  const first = await loadVisibleAgreement(getDb(), ctx.actor, agreementId);
  if (first.agreement.unsignedFileId && first.agreement.unsignedSha256) return { fileId: first.agreement.unsignedFileId, sha256: first.agreement.unsignedSha256 };
  const bytes = await renderAgreementPdf({ snapshot: first.snapshot });
  return getDb().transaction(async (tx) => {
    const { agreement, snapshot, kase } = await loadVisibleAgreement(tx, ctx.actor, agreementId, { forUpdate: true });
    if (agreement.unsignedFileId && agreement.unsignedSha256) return { fileId: agreement.unsignedFileId, sha256: agreement.unsignedSha256 };
    return storeUnsigned(tx, ctx, { agreementId: agreement.id, caseId: kase.id, borrowerId: kase.borrowerId, agreementNo: snapshot.agreementNo, date: snapshot.date, bytes });
  });
}

async function storeUnsigned(tx: Executor, ctx: Ctx, input: { agreementId: string; caseId: string; borrowerId: string; agreementNo: string; date: string; bytes: Buffer }) {
  const sha256 = sha256Hex(input.bytes);
  const [file] = await tx
    .insert(storedFiles)
    .values({ kind: 'agreement_unsigned', borrowerId: input.borrowerId, caseId: input.caseId, ownerId: input.agreementId, filename: agreementFilename(input.agreementNo, input.date, 'unsigned'), contentType: 'application/pdf', size: input.bytes.length, sha256, bytes: input.bytes, uploadedByType: 'system' })
    .returning({ id: storedFiles.id });
  await tx.update(agreements).set({ unsignedFileId: file!.id, unsignedSha256: sha256 }).where(eq(agreements.id, input.agreementId));
  await recordAudit(tx, ctx, { action: 'agreement.document_generated', entityType: 'agreement', entityId: input.agreementId, data: { sha256, size: input.bytes.length } });
  return { fileId: file!.id, sha256 };
}

export type SigningViewDto = {
  agreementId: string;
  agreementNo: string;
  caseId: string;
  caseNo: string;
  status: string;
  date: string;
  locale: 'zh-CN' | 'en';
  /** The e-signature consent text the agreement was made with. */
  consentVersion: string;
  unsigned: { fileId: string; sha256: string };
  signedFileId: string | null;
  executedFileId: string | null;
  /** payments: each installment's amount, in order (what the summary's monthly payment is made of). */
  summary: { regularPayment: number; numberOfPayments: number; endDate: string; totalPayable: number; downPayment: number; firstDueDate: string | null; waived: number; pause: PauseSummary | null; payments: number[] };
  verificationCode: string;
  /** The sha256 of the version the borrower signed and of the version in force, when they exist. */
  signedSha256: string | null;
  executedSha256: string | null;
  /** The agreement's text as readable blocks, from the same snapshot as the PDF. */
  content: AgreementContent;
};

/** What the signing page shows: the document (prepared if needed) and its plain summary. */
export async function getSigningView(ctx: Ctx, agreementId: unknown): Promise<SigningViewDto> {
  const unsigned = await ensureUnsignedDocument(ctx, agreementId);
  const db = getDb();
  const { agreement, snapshot, kase } = await loadVisibleAgreement(db, ctx.actor, agreementId);
  const p = snapshot.priced;
  return {
    agreementId: agreement.id,
    agreementNo: snapshot.agreementNo,
    caseId: kase.id,
    caseNo: kase.caseNo,
    status: agreement.status,
    date: snapshot.date,
    locale: snapshot.locale,
    consentVersion: snapshot.consentVersion,
    unsigned,
    signedFileId: agreement.borrowerSignedFileId,
    executedFileId: agreement.executedFileId,
    summary: { regularPayment: p.regularPayment, numberOfPayments: p.numberOfPayments, endDate: p.endDate, totalPayable: p.totalPayable, downPayment: p.downPayment, firstDueDate: p.firstDueDate, waived: p.waived.total, pause: p.pause ?? null, payments: p.schedule.map((row) => row.amount) },
    verificationCode: snapshot.verificationCode,
    signedSha256: agreement.borrowerSignedSha256,
    executedSha256: agreement.executedSha256,
    content: agreementContent(snapshot),
  };
}

/** The case's current agreement (the newest not superseded), if any, with its status: for links from case pages and the page's name. */
export async function currentAgreement(actor: Actor, caseId: string): Promise<{ id: string; status: (typeof agreements.$inferSelect)['status'] } | null> {
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const rows = await db.select({ id: agreements.id, status: agreements.status, createdAt: agreements.createdAt }).from(agreements).where(eq(agreements.caseId, kase.id));
  const current = rows.filter((r) => r.status !== 'superseded' && r.status !== 'void').sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return current ? { id: current.id, status: current.status } : null;
}

/** The case's current agreement's id, if any. */
export async function currentAgreementId(actor: Actor, caseId: string): Promise<string | null> {
  return (await currentAgreement(actor, caseId))?.id ?? null;
}
