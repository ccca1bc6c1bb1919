import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, loans, signatures, staffUsers, storedFiles } from '@/db/schema';
import type { SignatureMark } from '@/lib/domain/agreement';
import { renderAgreementPdf } from '@/lib/pdf/render-agreement';
import { sealPdf } from '@/lib/pdf/seal';
import { consentTextVersion } from '@/lib/pdf/agreement-text';
import { countersignSchema } from '@/lib/validation/signing';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { confirmStaffPassword } from '../auth/step-up';
import { sha256Hex } from '../crypto';
import { AppError } from '../errors';
import { queueNotification } from '../notifications';
import { notifyBorrower } from '../notify-borrower';
import { moveCase } from '../offers/offer-store';
import { startPlan } from '../plans/start-plan';
import { buildCertificate } from './certificate';
import { loadVisibleAgreement } from './load-agreement';
import { agreementFilename } from './prepare-document';
import { consentHash } from './sign-as-borrower';

/**
 * A mediator or supervisor countersigns for the creditor after re-entering
 * their password (their step-up, which shares the sign-in lockout: wrong
 * passwords are counted before anything else happens). The final document carries both signatures
 * and the full certificate, is sealed again, and the plan starts: the
 * installments to track are written and the case moves to plan tracking.
 */
export async function countersign(ctx: Ctx, agreementId: unknown, raw: { password: string }, deps = { seal: sealPdf }): Promise<{ sha256: string; alreadyExecuted: boolean }> {
  const { actor } = ctx;
  if (actor.type !== 'staff' || (actor.role !== 'mediator' && actor.role !== 'supervisor')) throw new AppError('NOT_FOUND');
  const { password } = countersignSchema.parse(raw);
  // Whether this case is theirs to act on is settled before the password is asked for.
  await loadVisibleAgreement(getDb(), actor, agreementId, { act: true });
  await confirmStaffPassword(ctx, password, 'countersign');
  const now = new Date();
  return getDb().transaction(async (tx) => {
    const { agreement, snapshot, kase } = await loadVisibleAgreement(tx, actor, agreementId, { forUpdate: true, act: true });
    if (agreement.status === 'executed') return { sha256: agreement.executedSha256!, alreadyExecuted: true };
    if (agreement.status !== 'signed_by_borrower' || !agreement.unsignedSha256) throw new AppError('CONFLICT', { message: 'not signed by the borrower yet' });
    const [staff] = await tx.select().from(staffUsers).where(eq(staffUsers.id, actor.id));
    if (!staff) throw new AppError('NOT_FOUND');
    const [borrowerSignature] = await tx.select().from(signatures).where(and(eq(signatures.agreementId, agreement.id), eq(signatures.signerType, 'borrower')));
    const [drawn] = borrowerSignature?.drawnSignatureFileId ? await tx.select({ bytes: storedFiles.bytes }).from(storedFiles).where(eq(storedFiles.id, borrowerSignature.drawnSignatureFileId)) : [];
    const marks: SignatureMark[] = [
      { signer: 'borrower', typedName: borrowerSignature!.typedName, drawnPng: drawn?.bytes, signedAt: borrowerSignature!.signedAt.toISOString() },
      { signer: 'creditor', typedName: `${snapshot.creditor.name} · ${staff.name}`, signedAt: now.toISOString() },
    ];
    const pending = [{ action: 'agreement.countersigned', at: now, who: `${staff.name} (${snapshot.creditor.name})`, ip: ctx.meta.ip ?? null, userAgent: ctx.meta.userAgent ?? null, verification: 'password re-entered' }];
    const certificate = await buildCertificate(tx, agreement.id, snapshot, agreement.unsignedSha256, pending);
    const sealed = await deps.seal(await renderAgreementPdf({ snapshot, signatures: marks, certificate }), { reason: `Executed repayment agreement ${snapshot.agreementNo}`, location: 'Concord', name: snapshot.creditor.name });
    const sha256 = sha256Hex(sealed);
    const [file] = await tx
      .insert(storedFiles)
      .values({ kind: 'agreement_executed', borrowerId: kase.borrowerId, caseId: kase.id, ownerId: agreement.id, filename: agreementFilename(snapshot.agreementNo, snapshot.date, 'executed'), contentType: 'application/pdf', size: sealed.length, sha256, bytes: sealed, uploadedByType: 'staff', uploadedById: staff.id })
      .returning({ id: storedFiles.id });
    await tx.insert(signatures).values({
      agreementId: agreement.id,
      signerType: 'creditor',
      signerId: staff.id,
      typedName: staff.name,
      consentTextVersion,
      consentTextSha256: consentHash(snapshot.locale),
      consentedAt: now,
      codeVerifiedAt: now,
      ip: ctx.meta.ip ?? null,
      userAgent: ctx.meta.userAgent?.slice(0, 400) ?? null,
      documentSha256Before: agreement.borrowerSignedSha256!,
      documentSha256After: sha256,
      signedAt: now,
    });
    await tx.update(agreements).set({ status: 'executed', executedFileId: file!.id, executedSha256: sha256, executedAt: now, version: sql`${agreements.version} + 1` }).where(eq(agreements.id, agreement.id));
    await startPlan(tx, agreement.id, snapshot);
    await tx
      .update(loans)
      .set({ status: 'restructured', extendedMonths: sql`${loans.extendedMonths} + ${snapshot.terms.extensionMonths ?? 0}` })
      .where(eq(loans.id, kase.loanId));
    await recordAudit(tx, ctx, { action: 'agreement.countersigned', entityType: 'agreement', entityId: agreement.id, data: { who: pending[0]!.who, verification: 'password re-entered', sha256After: sha256 } });
    await moveCase(tx, ctx, kase, 'plan_active');
    const values = { agreementNo: snapshot.agreementNo, firstDue: snapshot.priced.firstDueDate ?? snapshot.priced.endDate };
    await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'agreementExecuted', values, now });
    // The case's mediator hears of it too when someone else countersigned.
    if (kase.assigneeId && kase.assigneeId !== staff.id) {
      const [assignee] = await tx.select().from(staffUsers).where(eq(staffUsers.id, kase.assigneeId));
      if (assignee) await queueNotification(tx, { channel: 'email', recipientType: 'staff', recipientId: assignee.id, toAddress: assignee.email, template: 'agreementExecuted', locale: 'zh-CN', values, caseId: kase.id });
    }
    return { sha256, alreadyExecuted: false };
  });
}
