import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, judicialConfirmations, staffUsers, storedFiles } from '@/db/schema';
import { rateLimits } from '@/lib/domain/rate-limit';
import { confirmationDeadline, confirmationMootReason, deadlineState, unappliedDeadlineState, type ConfirmationStatus, type DeadlineState } from '@/lib/domain/judicial-confirmation';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { isUuid, loadVisibleCase } from '../cases/case-access';
import { AppError } from '../errors';
import { limitAddress } from '../rate-limit';
import { courtToday, loadVisibleConfirmation } from './confirmation-store';

export const confirmationDocuments = ['application', 'filing', 'decision'] as const;
export type ConfirmationDocument = (typeof confirmationDocuments)[number];

export type ConfirmationDto = {
  id: string;
  status: ConfirmationStatus;
  court: string;
  agreementNo: string;
  effectiveAt: string;
  /** The last day to apply (Beijing), and where it stands today. */
  deadline: string;
  deadlineState: DeadlineState;
  preparedAt: string;
  borrowerSignedAt: string | null;
  signedAt: string | null;
  signedBy: string | null;
  /** The Beijing day of the latest step (the one its status names). */
  statusOn: string;
  filedOn: string | null;
  courtCaseNo: string | null;
  decidedOn: string | null;
  decisionNote: string | null;
  /** The application's latest version's SHA-256, and which court documents are on file. */
  applicationSha256: string;
  documents: Record<ConfirmationDocument, boolean>;
};

/**
 * The judicial confirmation of a case as its reader sees it: the application (if any) with its steps, dates and
 * documents, and the 30-day deadline's state today; for staff, whether an application can be prepared now (an
 * executed agreement without one, its deadline not passed) or why not. A case paid in full or closed needs none: an
 * application already made stays on record with its deadline marked not needed, and none is offered.
 */
export async function confirmationOf(actor: Actor, caseId: unknown, now: Date = new Date()): Promise<{ confirmation: ConfirmationDto | null; prepare: { deadline: string; deadlineState: DeadlineState } | null }> {
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const today = courtToday(now);
  const moot = confirmationMootReason(kase.state);
  const [row] = await db
    .select({ c: judicialConfirmations, agreementNo: agreements.agreementNo })
    .from(judicialConfirmations)
    .innerJoin(agreements, eq(agreements.id, judicialConfirmations.agreementId))
    .where(eq(judicialConfirmations.caseId, kase.id))
    .orderBy(desc(judicialConfirmations.preparedAt))
    .limit(1);
  if (!row) {
    if (actor.type !== 'staff' || moot) return { confirmation: null, prepare: null };
    const [agreement] = await db
      .select({ executedAt: agreements.executedAt })
      .from(agreements)
      .where(and(eq(agreements.caseId, kase.id), eq(agreements.status, 'executed')))
      .orderBy(desc(agreements.executedAt))
      .limit(1);
    if (!agreement?.executedAt) return { confirmation: null, prepare: null };
    const deadline = confirmationDeadline(agreement.executedAt);
    return { confirmation: null, prepare: { deadline, deadlineState: unappliedDeadlineState(deadline, today) } };
  }
  const c = row.c;
  const [signer] = c.signedBy ? await db.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, c.signedBy)) : [];
  const deadline = confirmationDeadline(c.effectiveAt);
  const filedOn = c.filedAt ? courtToday(c.filedAt) : null;
  return {
    prepare: null,
    confirmation: {
      id: c.id,
      status: c.status,
      court: c.court,
      agreementNo: row.agreementNo,
      effectiveAt: c.effectiveAt.toISOString(),
      deadline,
      deadlineState: deadlineState(deadline, today, filedOn, moot),
      preparedAt: c.preparedAt.toISOString(),
      borrowerSignedAt: c.borrowerSignedAt?.toISOString() ?? null,
      signedAt: c.signedAt?.toISOString() ?? null,
      signedBy: signer?.name ?? null,
      statusOn: { prepared: courtToday(c.preparedAt), signed_by_borrower: courtToday(c.borrowerSignedAt ?? c.preparedAt), signed: courtToday(c.signedAt ?? c.preparedAt), filed: filedOn!, confirmed: courtToday(c.decidedAt ?? c.preparedAt), rejected: courtToday(c.decidedAt ?? c.preparedAt) }[c.status],
      filedOn,
      courtCaseNo: c.courtCaseNo,
      decidedOn: c.decidedAt ? courtToday(c.decidedAt) : null,
      decisionNote: c.decisionNote,
      applicationSha256: (c.signedSha256 ?? c.borrowerSignedSha256 ?? c.unsignedSha256)!,
      documents: { application: true, filing: !!c.filedFileId, decision: !!c.decisionFileId },
    },
  };
}

/** A document of the application — its latest signed version, the court's receipt or ruling — for its parties; audited. */
export async function readConfirmationFile(ctx: Ctx, confirmationId: unknown, which: unknown) {
  await limitAddress(getDb(), rateLimits.downloadPerIp, ctx.meta.ip);
  if (!isUuid(confirmationId) || !confirmationDocuments.includes(which as ConfirmationDocument)) throw new AppError('NOT_FOUND');
  const db = getDb();
  const { confirmation: c } = await loadVisibleConfirmation(db, ctx.actor, confirmationId);
  const fileId = which === 'application' ? (c.signedFileId ?? c.borrowerSignedFileId ?? c.unsignedFileId) : which === 'filing' ? c.filedFileId : c.decisionFileId;
  if (!fileId) throw new AppError('NOT_FOUND');
  const [file] = await db.select().from(storedFiles).where(eq(storedFiles.id, fileId));
  if (!file) throw new AppError('NOT_FOUND');
  await db.transaction((tx) => recordAudit(tx, ctx, { action: 'confirmation.downloaded', entityType: 'judicial_confirmation', entityId: c.id, data: { document: which, sha256: file.sha256 } }));
  return { filename: file.filename, bytes: file.bytes, sha256: file.sha256, contentType: file.contentType };
}

/** The borrower's signing page: their application (if any) with the consent text its agreement was made with. */
export async function confirmationSigningView(actor: Actor, caseId: unknown, now: Date = new Date()) {
  const { confirmation } = await confirmationOf(actor, caseId, now);
  if (!confirmation) return null;
  const { kase, snapshot } = await loadVisibleConfirmation(getDb(), actor, confirmation.id);
  return { c: confirmation, caseNo: kase.caseNo, consentLocale: snapshot.locale, consentVersion: snapshot.consentVersion };
}
