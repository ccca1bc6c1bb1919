import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, signatures, staffUsers, storedFiles } from '@/db/schema';
import type { SignatureMark } from '@/lib/domain/agreement';
import { needsMediatorReview } from '@/lib/domain/hardship-pause';
import { renderAgreementPdf } from '@/lib/pdf/render-agreement';
import { sealPdf } from '@/lib/pdf/seal';
import { countersignSchema } from '@/lib/validation/signing';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { confirmStaffPassword } from '../auth/step-up';
import { sha256Hex } from '../crypto';
import { AppError } from '../errors';
import { notifyAssignee } from '../notify-assignee';
import { notifyBorrower } from '../notify-borrower';
import { moveCase } from '../offers/offer-store';
import { recordOutcomeTx } from '../outcomes/record-outcome';
import { putLoanUnderAgreement, startPlan } from '../plans/start-plan';
import { buildCertificate } from './certificate';
import { loadVisibleAgreement } from './load-agreement';
import { agreementFilename } from './prepare-document';
import { sealAuthorisationInForce } from './seal-authorisation';
import { consentHash } from './sign-as-borrower';

/**
 * After the borrower, the mediator signs — as mediator (调解员), the neutral
 * third party who conducted the mediation, never for the creditor — after
 * re-entering their password (their step-up, which shares the sign-in lockout:
 * wrong passwords are counted before anything else happens). The creditor's
 * seal is then applied by the system under the creditor's standing
 * authorisation, which must be in force (an admin grants it; refused
 * otherwise, saying so). The final document carries the three capacities and
 * the full certificate, is sealed with the creditor's certificate, and the plan
 * starts: the installments to track are written and the case moves to plan
 * tracking. An agreement made from an offer that needs a mediator's review (a
 * hardship pause) waits for it.
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
    if (needsMediatorReview(snapshot.terms) && kase.reviewReason && !kase.reviewedAt) throw new AppError('REVIEW_PENDING');
    const authorisation = await sealAuthorisationInForce(tx, kase.creditorId);
    if (!authorisation) throw new AppError('SEAL_NOT_AUTHORISED');

    const [borrowerSignature] = await tx.select().from(signatures).where(and(eq(signatures.agreementId, agreement.id), eq(signatures.signerType, 'borrower')));
    const [drawn] = borrowerSignature?.drawnSignatureFileId ? await tx.select({ bytes: storedFiles.bytes }).from(storedFiles).where(eq(storedFiles.id, borrowerSignature.drawnSignatureFileId)) : [];
    const marks: SignatureMark[] = [
      { signer: 'borrower', typedName: borrowerSignature!.typedName, drawnPng: drawn?.bytes, signedAt: borrowerSignature!.signedAt.toISOString() },
      { signer: 'mediator', typedName: staff.name, signedAt: now.toISOString() },
      { signer: 'creditor', typedName: snapshot.creditor.name, signedAt: now.toISOString(), seal: { signatory: authorisation.signatory, authorisedAt: authorisation.grantedAt.toISOString() } },
    ];
    const mediatorWho = `${staff.name}（调解员 / mediator）`;
    const sealWho = `${snapshot.creditor.name}（${authorisation.signatory}）`;
    const sealVerification = `authorisation ${authorisation.id.slice(0, 8)} · ${authorisation.grantedAt.toISOString().slice(0, 10)}`;
    const pending = [
      { action: 'agreement.signed_by_mediator', at: now, who: mediatorWho, ip: ctx.meta.ip ?? null, userAgent: ctx.meta.userAgent ?? null, verification: 'password re-entered' },
      { action: 'agreement.sealed_for_creditor', at: now, who: sealWho, ip: null, userAgent: null, verification: sealVerification },
    ];
    const certificate = await buildCertificate(tx, agreement.id, snapshot, agreement.unsignedSha256, pending);
    const sealed = await deps.seal(await renderAgreementPdf({ snapshot, signatures: marks, certificate }), { reason: `Executed repayment agreement ${snapshot.agreementNo}`, location: 'Concord', name: snapshot.creditor.name });
    const sha256 = sha256Hex(sealed);
    const [file] = await tx
      .insert(storedFiles)
      .values({ kind: 'agreement_executed', borrowerId: kase.borrowerId, caseId: kase.id, ownerId: agreement.id, filename: agreementFilename(snapshot.agreementNo, snapshot.date, 'executed'), contentType: 'application/pdf', size: sealed.length, sha256, bytes: sealed, uploadedByType: 'staff', uploadedById: staff.id })
      .returning({ id: storedFiles.id });
    const signed = { consentTextVersion: snapshot.consentVersion, consentTextSha256: consentHash(snapshot.locale, snapshot.consentVersion), consentedAt: now, codeVerifiedAt: now, documentSha256Before: agreement.borrowerSignedSha256!, documentSha256After: sha256, signedAt: now };
    await tx.insert(signatures).values([
      { agreementId: agreement.id, signerType: 'mediator', signerId: staff.id, typedName: staff.name, ip: ctx.meta.ip ?? null, userAgent: ctx.meta.userAgent?.slice(0, 400) ?? null, ...signed },
      // The creditor signs through its seal, applied under the authorisation named here.
      { agreementId: agreement.id, signerType: 'creditor', signerId: authorisation.id, typedName: snapshot.creditor.name, ip: null, userAgent: null, ...signed },
    ]);
    await tx.update(agreements).set({ status: 'executed', executedFileId: file!.id, executedSha256: sha256, executedAt: now, version: sql`${agreements.version} + 1` }).where(eq(agreements.id, agreement.id));
    await startPlan(tx, agreement.id, snapshot);
    await putLoanUnderAgreement(tx, kase.loanId, snapshot);
    await recordAudit(tx, ctx, { action: 'agreement.signed_by_mediator', entityType: 'agreement', entityId: agreement.id, data: { who: mediatorWho, verification: 'password re-entered' } });
    await recordAudit(tx, { actor: { type: 'system' }, meta: ctx.meta }, {
      action: 'agreement.sealed_for_creditor',
      entityType: 'agreement',
      entityId: agreement.id,
      data: { who: sealWho, verification: sealVerification, authorisationId: authorisation.id, authorisedBy: authorisation.grantedBy, sha256After: sha256 },
    });
    await moveCase(tx, ctx, kase, 'plan_active');
    // The mediation's outcome: an agreement, its amount under the plan on record (lib/server/outcomes).
    await recordOutcomeTx(tx, ctx, { ...kase, state: 'plan_active' }, { outcome: 'agreement_signed', amountRestructured: snapshot.priced.totalPayable }, now);
    const values = { agreementNo: snapshot.agreementNo, firstDue: { day: snapshot.priced.firstDueDate ?? snapshot.priced.endDate } };
    await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'agreementExecuted', values, now });
    // The case's mediator hears of it too when someone else signed.
    await notifyAssignee(tx, kase, 'agreementExecuted', values, { unless: staff.id });
    return { sha256, alreadyExecuted: false };
  });
}
