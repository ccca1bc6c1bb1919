import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, borrowers, offers, signatures, staffUsers, storedFiles } from '@/db/schema';
import type { SignatureMark } from '@/lib/domain/agreement';
import { maskPhone } from '@/lib/domain/identity';
import { consentTextCanonical } from '@/lib/pdf/agreement-text';
import { renderAgreementPdf } from '@/lib/pdf/render-agreement';
import { sealPdf } from '@/lib/pdf/seal';
import { inkOf } from '@/lib/pdf/png';
import { borrowerSignSchema, drawingIsSubstantial, inkIsSubstantial, type BorrowerSignInput } from '@/lib/validation/signing';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { sha256Hex } from '../crypto';
import { AppError } from '../errors';
import { assertFirstPaymentAhead } from './first-payment';
import { queueNotification } from '../notifications';
import { moveCase } from '../offers/offer-store';
import { verifySigningStepUp } from './borrower-step-up';
import { buildCertificate } from './certificate';
import { loadVisibleAgreement } from './load-agreement';
import { agreementFilename } from './prepare-document';

/** The hash of exactly the consent text shown (and printed): the version the agreement was made with, recorded with the signature. */
export const consentHash = (locale: 'zh-CN' | 'en', version: string) => sha256Hex(consentTextCanonical(locale, version));

type Deps = { seal: typeof sealPdf };

/**
 * The borrower signs: consent, a fresh code, the typed name (and a drawing).
 * Everything — the signed and sealed PDF, its hash, the signature record, the
 * state changes and the audit events — is written in one transaction, so a
 * failure anywhere leaves no signature; signing twice returns the first.
 */
/** `now`: the controllable clock of tests. */
export async function signAsBorrower(ctx: Ctx, agreementId: unknown, raw: BorrowerSignInput, deps: Deps = { seal: sealPdf }, now: Date = new Date()): Promise<{ signatureId: string; sha256: string; alreadySigned: boolean }> {
  if (ctx.actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const input = borrowerSignSchema.parse(raw);
  // A drawing is kept as the image sent: it must decode, and its own pixels must hold a signature (an empty or broken
  // image was stored and could not be drawn into the agreement).
  let drawnPng: Buffer | undefined;
  if (input.drawn && input.drawn.points > 0) {
    if (!drawingIsSubstantial(input.drawn)) throw new AppError('VALIDATION', { field: 'drawn', message: 'validation.signatureEmpty' });
    const ink = inkOf(Buffer.from(input.drawn.png.slice('data:image/png;base64,'.length), 'base64'));
    if (!ink) throw new AppError('VALIDATION', { field: 'drawn', message: 'validation.signatureUnreadable' });
    if (!inkIsSubstantial(ink)) throw new AppError('VALIDATION', { field: 'drawn', message: 'validation.signatureEmpty' });
    drawnPng = ink.png;
  }
  const outcome = await getDb().transaction(async (tx) => {
    const { agreement, snapshot, kase } = await loadVisibleAgreement(tx, ctx.actor, agreementId, { forUpdate: true });
    const [existing] = await tx.select().from(signatures).where(and(eq(signatures.agreementId, agreement.id), eq(signatures.signerType, 'borrower')));
    if (existing) return { ok: true as const, result: { signatureId: existing.id, sha256: existing.documentSha256After, alreadySigned: true } };
    const [offer] = await tx.select({ status: offers.status }).from(offers).where(eq(offers.id, agreement.offerId));
    if (agreement.status !== 'awaiting_borrower' || offer?.status !== 'accepted' || kase.state !== 'agreed') throw new AppError('CONFLICT', { message: 'agreement no longer open for signature' });
    if (!agreement.unsignedSha256) throw new AppError('CONFLICT', { message: 'document not prepared' });
    const [borrower] = await tx.select().from(borrowers).where(eq(borrowers.id, kase.borrowerId));
    assertFirstPaymentAhead(snapshot, borrower!.timezone, now);

    // The step-up: the code counted (and committed) even when wrong, then the typed name.
    const stepUp = await verifySigningStepUp(tx, ctx, borrower!, { id: agreement.id, caseId: kase.id, entityType: 'agreement', auditPrefix: 'agreement' }, input, now);
    if (!stepUp.ok) return { ok: false as const, error: stepUp.error };

    const who = `${borrower!.fullName} (${borrower!.residentIdMasked})`;
    const verification = `SMS ${maskPhone(borrower!.phone)}`;
    const consentSha256 = consentHash(snapshot.locale, snapshot.consentVersion);
    const pending = [
      { action: 'agreement.consent_given', at: now, who, ip: ctx.meta.ip ?? null, userAgent: ctx.meta.userAgent ?? null, verification: `v${snapshot.consentVersion} · SHA-256 ${consentSha256.slice(0, 16)}…` },
      { action: 'agreement.code_verified', at: now, who, ip: ctx.meta.ip ?? null, userAgent: ctx.meta.userAgent ?? null, verification },
      { action: 'agreement.signed_by_borrower', at: now, who, ip: ctx.meta.ip ?? null, userAgent: ctx.meta.userAgent ?? null, verification },
    ];
    const mark: SignatureMark = { signer: 'borrower', typedName: input.typedName, drawnPng, signedAt: now.toISOString() };
    const certificate = await buildCertificate(tx, agreement.id, snapshot, agreement.unsignedSha256, pending);
    const rendered = await renderAgreementPdf({ snapshot, signatures: [mark], certificate });
    const sealed = await deps.seal(rendered, { reason: `Signed by the borrower: ${snapshot.agreementNo}`, location: 'Concord', name: snapshot.creditor.name });
    const sha256 = sha256Hex(sealed);

    const [drawnFile] = drawnPng
      ? await tx.insert(storedFiles).values({ kind: 'signature_image', borrowerId: borrower!.id, caseId: kase.id, ownerId: agreement.id, filename: 'signature.png', contentType: 'image/png', size: drawnPng.length, sha256: sha256Hex(drawnPng), bytes: drawnPng, uploadedByType: 'borrower', uploadedById: borrower!.id }).returning({ id: storedFiles.id })
      : [];
    const [file] = await tx
      .insert(storedFiles)
      .values({ kind: 'agreement_signed', borrowerId: borrower!.id, caseId: kase.id, ownerId: agreement.id, filename: agreementFilename(snapshot.agreementNo, snapshot.date, 'signed'), contentType: 'application/pdf', size: sealed.length, sha256, bytes: sealed, uploadedByType: 'system' })
      .returning({ id: storedFiles.id });
    const [signature] = await tx
      .insert(signatures)
      .values({
        agreementId: agreement.id,
        signerType: 'borrower',
        signerId: borrower!.id,
        typedName: input.typedName,
        drawnSignatureFileId: drawnFile?.id ?? null,
        consentTextVersion: snapshot.consentVersion,
        consentTextSha256: consentSha256,
        consentedAt: now,
        codeVerifiedAt: now,
        ip: ctx.meta.ip ?? null,
        userAgent: ctx.meta.userAgent?.slice(0, 400) ?? null,
        documentSha256Before: agreement.unsignedSha256,
        documentSha256After: sha256,
        signedAt: now,
      })
      .returning({ id: signatures.id });
    await tx.update(agreements).set({ status: 'signed_by_borrower', borrowerSignedFileId: file!.id, borrowerSignedSha256: sha256, version: sql`${agreements.version} + 1` }).where(eq(agreements.id, agreement.id));
    for (const event of pending) await recordAudit(tx, ctx, { action: event.action, entityType: 'agreement', entityId: agreement.id, data: { who: event.who, verification: event.verification, sha256Before: agreement.unsignedSha256, sha256After: sha256 } });
    await moveCase(tx, ctx, kase, 'signed_by_borrower');
    if (kase.assigneeId) {
      const [mediator] = await tx.select().from(staffUsers).where(eq(staffUsers.id, kase.assigneeId));
      if (mediator) await queueNotification(tx, { channel: 'email', recipientType: 'staff', recipientId: mediator.id, toAddress: mediator.email, template: 'agreementSigned', locale: 'zh-CN', values: { caseNo: kase.caseNo, agreementNo: snapshot.agreementNo }, caseId: kase.id });
    }
    return { ok: true as const, result: { signatureId: signature!.id, sha256, alreadySigned: false } };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}
