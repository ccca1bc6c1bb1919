import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { planDocuments, storedFiles } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { renderPlanDocumentPdf, type PlanDocumentFacts } from '@/lib/pdf/plan-document';
import { sealPdf } from '@/lib/pdf/seal';
import { newVerificationCode } from '../agreements/create-agreement';
import { sha256Hex } from '../crypto';
import type { LoadedPlan } from './load-plan';

type Omitted = 'documentNo' | 'verificationCode' | 'verificationUrl' | 'issuedAt' | 'agreementNo' | 'agreementDate' | 'caseNo' | 'contractNo' | 'creditor' | 'borrower';
export type PlanDocumentInput = Omit<Extract<PlanDocumentFacts, { kind: 'delay_addendum' }>, Omitted> | Omit<Extract<PlanDocumentFacts, { kind: 'settlement_certificate' }>, Omitted>;

export type SealDeps = { seal: typeof sealPdf };

/**
 * Issues a sealed plan document (the delay addendum, the settlement certificate) inside the caller's transaction:
 * rendered from the agreement's snapshot and the facts given, sealed with the creditor's certificate like the
 * agreement, stored with its SHA-256 and its own verification code, so /verify recognises it by upload or by code.
 */
export async function issuePlanDocument(tx: Executor, plan: LoadedPlan, input: PlanDocumentInput, now: Date, deps: SealDeps = { seal: sealPdf }) {
  const s = plan.snapshot;
  // A certificate issued again after one was withdrawn (a reversed payment, then paid off once more) has its own number.
  const certificatesBefore = plan.documents.filter((d) => d.kind === 'settlement_certificate').length;
  const suffix = input.kind === 'delay_addendum' ? 'D1' : certificatesBefore === 0 ? 'S' : `S${certificatesBefore + 1}`;
  const documentNo = `${s.agreementNo}-${suffix}`;
  const verificationCode = newVerificationCode();
  const base = getEnv().NEXTAUTH_URL.replace(/\/$/, '');
  const facts = {
    ...input,
    documentNo,
    verificationCode,
    verificationUrl: `${base}/verify?code=${encodeURIComponent(verificationCode)}`,
    issuedAt: now.toISOString(),
    agreementNo: s.agreementNo,
    agreementDate: s.date,
    caseNo: s.caseNo,
    contractNo: s.loan.contractNo,
    creditor: { name: s.creditor.name, nameEn: s.creditor.nameEn },
    borrower: { name: s.borrower.name, residentIdMasked: s.borrower.residentIdMasked },
  } as PlanDocumentFacts;
  const reason = input.kind === 'delay_addendum' ? `Addendum (one-time delay) to repayment agreement ${s.agreementNo}` : `Settlement certificate for repayment agreement ${s.agreementNo}`;
  const sealed = await deps.seal(await renderPlanDocumentPdf(facts), { reason, location: 'Concord', name: s.creditor.name });
  const sha256 = sha256Hex(sealed);
  const filename = input.kind === 'delay_addendum' ? `还款协议补充协议-延期-${s.agreementNo}.pdf` : `结清证明-${s.agreementNo}.pdf`;
  const [file] = await tx
    .insert(storedFiles)
    .values({ kind: input.kind === 'delay_addendum' ? 'plan_addendum' : 'settlement_certificate', borrowerId: plan.kase.borrowerId, caseId: plan.kase.id, ownerId: plan.agreement.id, filename, contentType: 'application/pdf', size: sealed.length, sha256, bytes: sealed, uploadedByType: 'system' })
    .returning({ id: storedFiles.id });
  const [document] = await tx
    .insert(planDocuments)
    .values({ agreementId: plan.agreement.id, kind: input.kind, documentNo, verificationCode, fileId: file!.id, sha256, facts: facts as unknown as Record<string, unknown>, issuedAt: now })
    .returning();
  return document!;
}

/** The stored file of a plan document. */
export async function planDocumentFile(db: Executor, fileId: string) {
  const [file] = await db.select({ filename: storedFiles.filename, bytes: storedFiles.bytes, sha256: storedFiles.sha256 }).from(storedFiles).where(eq(storedFiles.id, fileId));
  return file ?? null;
}
