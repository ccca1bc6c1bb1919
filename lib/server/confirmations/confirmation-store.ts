import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { agreements, cases, creditors, judicialConfirmations, staffUsers, storedFiles } from '@/db/schema';
import { todayIn } from '@/lib/domain/dates';
import { COURT_TIME_ZONE } from '@/lib/domain/judicial-confirmation';
import { competentCourt, parseLitigationSettings } from '@/lib/domain/litigation-settings';
import { confirmationDocument, type ConfirmationFacts } from '@/lib/pdf/confirmation-document';
import { renderRecordPdf } from '@/lib/pdf/record-document';
import type { sealPdf } from '@/lib/pdf/seal';
import type { Actor } from '../actor';
import { parseSnapshot } from '../agreements/snapshot';
import { assertMayAct, isUuid, visibleCases, type CaseAccessOptions } from '../cases/case-access';
import { sha256Hex } from '../crypto';
import { AppError } from '../errors';

export type Confirmation = typeof judicialConfirmations.$inferSelect;
export type Seal = typeof sealPdf;

/** An application on a case the actor may see (case row, then the application, locked when updating), else NOT_FOUND. */
export async function loadVisibleConfirmation(db: Executor, actor: Actor, confirmationId: unknown, options: CaseAccessOptions = {}) {
  const scope = visibleCases(actor);
  if (!scope || !isUuid(confirmationId)) throw new AppError('NOT_FOUND');
  const [found] = await db
    .select({ caseId: judicialConfirmations.caseId })
    .from(judicialConfirmations)
    .innerJoin(cases, eq(cases.id, judicialConfirmations.caseId))
    .where(and(eq(judicialConfirmations.id, confirmationId), scope));
  if (!found) throw new AppError('NOT_FOUND');
  const caseQuery = db.select().from(cases).where(eq(cases.id, found.caseId));
  const [kase] = options.forUpdate ? await caseQuery.for('update') : await caseQuery;
  if (options.act) assertMayAct(actor, kase!);
  const query = db.select().from(judicialConfirmations).where(eq(judicialConfirmations.id, confirmationId));
  const [confirmation] = options.forUpdate ? await query.for('update') : await query;
  const [agreement] = await db.select().from(agreements).where(eq(agreements.id, confirmation!.agreementId));
  return { kase: kase!, confirmation: confirmation!, agreement: agreement!, snapshot: parseSnapshot(agreement!.snapshot, agreement!.agreementNo) };
}

/** Today as a Beijing calendar day: the court's clock for the deadline and recorded dates. */
export const courtToday = (now: Date) => todayIn(COURT_TIME_ZONE, now);

/** The court that hears it: the creditor's court for the borrower's address (its settings), else the agreed court. */
export async function courtFor(tx: Executor, creditorId: string, agreedCourt: string, borrowerAddress: string | null): Promise<string> {
  const [creditor] = await tx.select({ litigation: creditors.litigation }).from(creditors).where(eq(creditors.id, creditorId));
  return competentCourt(parseLitigationSettings(creditor?.litigation), agreedCourt, borrowerAddress);
}

/** What the application states: the agreement as signed, its parties, the court, and the signatures given so far. */
export async function confirmationFacts(tx: Executor, input: { kase: typeof cases.$inferSelect; agreement: typeof agreements.$inferSelect; court: string; preparedAt: Date; deadline: string; signatures: ConfirmationFacts['signatures'] }): Promise<ConfirmationFacts> {
  const { kase, agreement } = input;
  const snapshot = parseSnapshot(agreement.snapshot, agreement.agreementNo);
  const [mediator] = kase.assigneeId ? await tx.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, kase.assigneeId)) : [];
  return {
    applicationNo: `${snapshot.agreementNo}-SQ`,
    date: courtToday(input.preparedAt),
    court: input.court,
    creditor: { name: snapshot.creditor.name, creditCode: snapshot.creditor.creditCode, address: snapshot.creditor.address, servicePhone: snapshot.creditor.servicePhone },
    borrower: snapshot.borrower,
    caseNo: kase.caseNo,
    contractNo: snapshot.loan.contractNo,
    agreement: {
      no: snapshot.agreementNo,
      date: snapshot.date,
      effectiveAt: agreement.executedAt!.toISOString(),
      sha256: agreement.executedSha256!,
      totalPayable: snapshot.priced.totalPayable,
      waived: snapshot.priced.waived.total,
      numberOfPayments: snapshot.priced.numberOfPayments,
      firstDueDate: snapshot.priced.firstDueDate,
      endDate: snapshot.priced.endDate,
    },
    mediator: input.signatures.mediator?.name ?? mediator?.name ?? '',
    deadline: input.deadline,
    signatures: input.signatures,
  };
}

/** Renders and seals the application, stores it (a new file for every version, never changed), and gives its id and hash. */
export async function storeApplicationPdf(
  tx: Executor,
  facts: ConfirmationFacts,
  owner: { confirmationId: string; caseId: string; borrowerId: string; uploadedBy: { type: 'staff' | 'system'; id?: string } },
  stage: 'unsigned' | 'borrower-signed' | 'signed',
  seal: Seal,
): Promise<{ fileId: string; sha256: string }> {
  const pdf = await seal(await renderRecordPdf(confirmationDocument(facts)), { reason: `Application for judicial confirmation ${facts.applicationNo} (${stage})`, location: 'Concord', name: facts.creditor.name });
  const sha256 = sha256Hex(pdf);
  const [file] = await tx
    .insert(storedFiles)
    .values({
      kind: 'judicial_application',
      borrowerId: owner.borrowerId,
      caseId: owner.caseId,
      ownerId: owner.confirmationId,
      filename: `司法确认申请书-${facts.applicationNo}-${stage}.pdf`,
      contentType: 'application/pdf',
      size: pdf.length,
      sha256,
      bytes: pdf,
      uploadedByType: owner.uploadedBy.type,
      uploadedById: owner.uploadedBy.id ?? null,
    })
    .returning({ id: storedFiles.id });
  return { fileId: file!.id, sha256 };
}
