import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, borrowers, judicialConfirmations, staffUsers } from '@/db/schema';
import { maskPhone } from '@/lib/domain/identity';
import { confirmationDeadline, confirmationMootReason, deadlineInstant, nextConfirmationStatus } from '@/lib/domain/judicial-confirmation';
import { sealPdf } from '@/lib/pdf/seal';
import { borrowerSignSchema, countersignSchema } from '@/lib/validation/signing';
import type { Ctx } from '../actor';
import { sendSigningCode, verifySigningStepUp, type SigningSubject } from '../agreements/borrower-step-up';
import { sealAuthorisationInForce } from '../agreements/seal-authorisation';
import { consentHash } from '../agreements/sign-as-borrower';
import { parseSnapshot } from '../agreements/snapshot';
import { recordAudit } from '../audit';
import { confirmStaffPassword } from '../auth/step-up';
import { loadVisibleCase } from '../cases/case-access';
import { AppError } from '../errors';
import { dispatchOutbox } from '../outbox/dispatch';
import { notifyAssignee } from '../notify-assignee';
import { notifyBorrower } from '../notify-borrower';
import { confirmationFacts, courtFor, courtToday, loadVisibleConfirmation, storeApplicationPdf, type Confirmation, type Seal } from './confirmation-store';

const subjectOf = (c: Confirmation): SigningSubject => ({ id: c.id, caseId: c.caseId, entityType: 'judicial_confirmation', auditPrefix: 'confirmation' });
const staffWho = (role: string) => role === 'mediator' || role === 'supervisor';

/** The signatures the application carries so far, as its document prints them. */
async function signaturesOf(tx: Parameters<typeof confirmationFacts>[0], c: Confirmation, phoneMasked: string) {
  const [signer] = c.signedBy ? await tx.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, c.signedBy)) : [];
  return {
    borrower: c.borrowerSignedAt ? { typedName: c.borrowerTypedName!, signedAt: c.borrowerSignedAt.toISOString(), consentVersion: c.borrowerConsentVersion!, consentSha256: c.borrowerConsentSha256!, phoneMasked } : undefined,
    mediator: c.signedAt && signer ? { name: signer.name, signedAt: c.signedAt.toISOString() } : undefined,
  };
}

/**
 * From the case's executed agreement, a mediator or supervisor prepares the joint application: parties, agreement,
 * request and the competent court, rendered in Chinese and sealed, due within 30 days of the agreement taking
 * effect (refused once that has passed). One application per agreement: preparing again gives the same one.
 */
export async function prepareConfirmation(ctx: Ctx, caseId: unknown, now: Date = new Date(), deps: { seal: Seal } = { seal: sealPdf }): Promise<{ confirmationId: string; alreadyPrepared: boolean }> {
  const { actor } = ctx;
  if (actor.type !== 'staff' || !staffWho(actor.role)) throw new AppError('NOT_FOUND');
  const outcome = await getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, caseId, { forUpdate: true, act: true });
    const [agreement] = await tx
      .select()
      .from(agreements)
      .where(and(eq(agreements.caseId, kase.id), eq(agreements.status, 'executed')))
      .orderBy(desc(agreements.executedAt))
      .limit(1);
    if (!agreement?.executedAt || !agreement.executedSha256) throw new AppError('CONFLICT', { message: 'validation.confirmation.noExecutedAgreement' });
    if (confirmationMootReason(kase.state)) throw new AppError('CONFLICT', { message: 'validation.confirmation.notNeeded' });
    const [existing] = await tx.select({ id: judicialConfirmations.id }).from(judicialConfirmations).where(eq(judicialConfirmations.agreementId, agreement.id));
    if (existing) return { confirmationId: existing.id, alreadyPrepared: true };
    const deadline = confirmationDeadline(agreement.executedAt);
    if (courtToday(now) > deadline) throw new AppError('CONFLICT', { message: 'validation.confirmation.deadlinePassed', params: { deadline } });
    const snapshot = parseSnapshot(agreement.snapshot, agreement.agreementNo);
    // The borrower's address now (they may have moved since the agreement), else the one the agreement states.
    const [borrower] = await tx.select({ address: borrowers.address }).from(borrowers).where(eq(borrowers.id, kase.borrowerId));
    const court = await courtFor(tx, kase.creditorId, snapshot.creditor.court, borrower?.address ?? snapshot.borrower.address);
    const facts = await confirmationFacts(tx, { kase, agreement, court, preparedAt: now, deadline, signatures: {} });
    const [row] = await tx
      .insert(judicialConfirmations)
      .values({ caseId: kase.id, agreementId: agreement.id, status: 'prepared', court, effectiveAt: agreement.executedAt, deadline: deadlineInstant(deadline), preparedBy: actor.id, preparedAt: now })
      .returning({ id: judicialConfirmations.id });
    const file = await storeApplicationPdf(tx, facts, { confirmationId: row!.id, caseId: kase.id, borrowerId: kase.borrowerId, uploadedBy: { type: 'staff', id: actor.id } }, 'unsigned', deps.seal);
    await tx.update(judicialConfirmations).set({ unsignedFileId: file.fileId, unsignedSha256: file.sha256 }).where(eq(judicialConfirmations.id, row!.id));
    await recordAudit(tx, ctx, { action: 'confirmation.prepared', entityType: 'judicial_confirmation', entityId: row!.id, data: { caseId: kase.id, agreementId: agreement.id, court, deadline, sha256: file.sha256 } });
    await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'confirmationPrepared', values: { caseNo: kase.caseNo, deadline: { day: deadline } }, now });
    return { confirmationId: row!.id, alreadyPrepared: false };
  });
  await dispatchOutbox(getDb()).catch(() => undefined);
  return outcome;
}

/** The borrower asks for the code that signs the application (the agreement's step-up, bound to this application). */
export async function requestConfirmationCode(ctx: Ctx, confirmationId: unknown, now: Date = new Date()): Promise<{ resendAt: Date }> {
  if (ctx.actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const outcome = await getDb().transaction(async (tx) => {
    const { confirmation, kase } = await loadVisibleConfirmation(tx, ctx.actor, confirmationId, { forUpdate: true });
    if (confirmation.status !== 'prepared') return { error: new AppError('CONFLICT') };
    if (confirmationMootReason(kase.state)) return { error: new AppError('CONFLICT', { message: 'validation.confirmation.notNeeded' }) };
    const [borrower] = await tx.select().from(borrowers).where(eq(borrowers.id, kase.borrowerId));
    return sendSigningCode(tx, ctx, borrower!, subjectOf(confirmation), now);
  });
  if ('error' in outcome) throw outcome.error;
  await dispatchOutbox(getDb()).catch(() => undefined);
  return outcome;
}

/**
 * The borrower signs the application with the agreement's consent text and step-up: consent, a fresh code, their
 * typed name. The signed version is rendered, sealed and stored, and the events audited, in one transaction; a
 * wrong code is counted and kept even though the signature is refused.
 */
export async function signConfirmationAsBorrower(ctx: Ctx, confirmationId: unknown, raw: unknown, now: Date = new Date(), deps: { seal: Seal } = { seal: sealPdf }): Promise<{ sha256: string; alreadySigned: boolean }> {
  if (ctx.actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const input = borrowerSignSchema.omit({ drawn: true }).parse(raw);
  const outcome = await getDb().transaction(async (tx) => {
    const { confirmation: c, kase, agreement, snapshot } = await loadVisibleConfirmation(tx, ctx.actor, confirmationId, { forUpdate: true });
    if (c.borrowerSignedAt) return { ok: true as const, result: { sha256: c.borrowerSignedSha256!, alreadySigned: true } };
    const to = nextConfirmationStatus(c.status, 'borrower_signs');
    if (!to) throw new AppError('CONFLICT', { message: 'validation.confirmation.notOpen' });
    if (confirmationMootReason(kase.state)) throw new AppError('CONFLICT', { message: 'validation.confirmation.notNeeded' });
    const [borrower] = await tx.select().from(borrowers).where(eq(borrowers.id, kase.borrowerId));
    const stepUp = await verifySigningStepUp(tx, ctx, borrower!, subjectOf(c), input, now);
    if (!stepUp.ok) return { ok: false as const, error: stepUp.error };

    const consentSha256 = consentHash(snapshot.locale, snapshot.consentVersion);
    const phoneMasked = maskPhone(borrower!.phone);
    const signed = { ...c, borrowerSignedAt: now, borrowerTypedName: input.typedName, borrowerConsentVersion: snapshot.consentVersion, borrowerConsentSha256: consentSha256 };
    const deadline = confirmationDeadline(c.effectiveAt);
    const facts = await confirmationFacts(tx, { kase, agreement, court: c.court, preparedAt: c.preparedAt, deadline, signatures: await signaturesOf(tx, signed, phoneMasked) });
    const file = await storeApplicationPdf(tx, facts, { confirmationId: c.id, caseId: kase.id, borrowerId: kase.borrowerId, uploadedBy: { type: 'system' } }, 'borrower-signed', deps.seal);
    await tx
      .update(judicialConfirmations)
      .set({ status: to, borrowerSignedAt: now, borrowerTypedName: input.typedName, borrowerConsentVersion: snapshot.consentVersion, borrowerConsentSha256: consentSha256, borrowerSignedFileId: file.fileId, borrowerSignedSha256: file.sha256, version: sql`${judicialConfirmations.version} + 1` })
      .where(eq(judicialConfirmations.id, c.id));
    const who = `${borrower!.fullName} (${borrower!.residentIdMasked})`;
    const common = { who, ip: ctx.meta.ip ?? null, userAgent: ctx.meta.userAgent?.slice(0, 400) ?? null };
    await recordAudit(tx, ctx, { action: 'confirmation.consent_given', entityType: 'judicial_confirmation', entityId: c.id, data: { ...common, consentVersion: snapshot.consentVersion, consentSha256 } });
    await recordAudit(tx, ctx, { action: 'confirmation.code_verified', entityType: 'judicial_confirmation', entityId: c.id, data: { ...common, verification: `SMS ${phoneMasked}` } });
    await recordAudit(tx, ctx, { action: 'confirmation.signed_by_borrower', entityType: 'judicial_confirmation', entityId: c.id, data: { ...common, from: c.status, to, sha256Before: c.unsignedSha256, sha256After: file.sha256 } });
    await notifyAssignee(tx, kase, 'confirmationSignedByBorrower', { caseNo: kase.caseNo, agreementNo: snapshot.agreementNo });
    return { ok: true as const, result: { sha256: file.sha256, alreadySigned: false } };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

/**
 * The mediator signs after the borrower — their password again, the agreement's staff step-up — and the creditor's
 * seal is applied under its standing authorisation (which must be in force): the application is signed by both sides
 * and can be filed.
 */
export async function countersignConfirmation(ctx: Ctx, confirmationId: unknown, raw: unknown, now: Date = new Date(), deps: { seal: Seal } = { seal: sealPdf }): Promise<{ sha256: string; alreadySigned: boolean }> {
  const { actor } = ctx;
  if (actor.type !== 'staff' || !staffWho(actor.role)) throw new AppError('NOT_FOUND');
  const { password } = countersignSchema.parse(raw);
  // Whether this case is theirs to act on is settled before the password is asked for.
  await loadVisibleConfirmation(getDb(), actor, confirmationId, { act: true });
  await confirmStaffPassword(ctx, password, 'countersign');
  const outcome = await getDb().transaction(async (tx) => {
    const { confirmation: c, kase, agreement } = await loadVisibleConfirmation(tx, actor, confirmationId, { forUpdate: true, act: true });
    if (c.signedAt) return { sha256: c.signedSha256!, alreadySigned: true };
    const to = nextConfirmationStatus(c.status, 'countersign');
    if (!to) throw new AppError('CONFLICT', { message: 'validation.confirmation.borrowerFirst' });
    if (confirmationMootReason(kase.state)) throw new AppError('CONFLICT', { message: 'validation.confirmation.notNeeded' });
    const authorisation = await sealAuthorisationInForce(tx, kase.creditorId);
    if (!authorisation) throw new AppError('SEAL_NOT_AUTHORISED');
    const [borrower] = await tx.select({ phone: borrowers.phone }).from(borrowers).where(eq(borrowers.id, kase.borrowerId));
    const signed = { ...c, signedBy: actor.id, signedAt: now };
    const deadline = confirmationDeadline(c.effectiveAt);
    const signatures = { ...(await signaturesOf(tx, signed, maskPhone(borrower!.phone))), creditor: { signatory: authorisation.signatory, signedAt: now.toISOString(), authorisedAt: authorisation.grantedAt.toISOString() } };
    const facts = await confirmationFacts(tx, { kase, agreement, court: c.court, preparedAt: c.preparedAt, deadline, signatures });
    const file = await storeApplicationPdf(tx, facts, { confirmationId: c.id, caseId: kase.id, borrowerId: kase.borrowerId, uploadedBy: { type: 'staff', id: actor.id } }, 'signed', deps.seal);
    await tx
      .update(judicialConfirmations)
      .set({ status: to, signedBy: actor.id, signedAt: now, signedFileId: file.fileId, signedSha256: file.sha256, version: sql`${judicialConfirmations.version} + 1` })
      .where(eq(judicialConfirmations.id, c.id));
    await recordAudit(tx, ctx, { action: 'confirmation.signed_by_mediator', entityType: 'judicial_confirmation', entityId: c.id, data: { from: c.status, to, verification: 'password re-entered', sha256Before: c.borrowerSignedSha256, sha256After: file.sha256 } });
    await recordAudit(tx, { actor: { type: 'system' }, meta: ctx.meta }, { action: 'confirmation.sealed_for_creditor', entityType: 'judicial_confirmation', entityId: c.id, data: { authorisationId: authorisation.id, signatory: authorisation.signatory, sha256After: file.sha256 } });
    await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: kase.borrowerId, template: 'confirmationSigned', values: { caseNo: kase.caseNo, court: c.court }, now });
    return { sha256: file.sha256, alreadySigned: false };
  });
  await dispatchOutbox(getDb()).catch(() => undefined);
  return outcome;
}
