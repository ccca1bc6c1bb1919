import 'server-only';
import crypto from 'node:crypto';
import { and, count, desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { agreements, type cases, type offers } from '@/db/schema';
import { arrearsSnapshot, type AgreementSnapshot } from '@/lib/domain/agreement';
import { maskPhone } from '@/lib/domain/identity';
import type { OfferContext } from '@/lib/domain/offer-terms';
import { agreementTextVersion, consentTextVersion } from '@/lib/pdf/agreement-text';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { loadLoanParties } from '../loans/loan-parties';
import { parseSnapshot } from './snapshot';
import { voidOpenAgreements } from './void-agreements';

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud and typed from paper

/** A code printed on the agreement for the public verification page: 10 random characters, e.g. K7QM-2XWD-9P. */
export function newVerificationCode(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/**
 * Freezes an accepted offer into the agreement's immutable snapshot, in the
 * acceptance transaction. The document itself is rendered (and its hash
 * stored) before the borrower first sees it.
 */
export async function createAgreementTx(tx: Executor, ctx: Ctx, kase: typeof cases.$inferSelect, offer: typeof offers.$inferSelect, context: OfferContext) {
  const { loan, creditor, borrower } = await loadLoanParties(tx, kase.loanId);
  const [{ value: existing } = { value: 0 }] = await tx.select({ value: count() }).from(agreements).where(eq(agreements.caseId, kase.id));
  // The offer's stored terms cross into a document that outlives this release: checked as a whole.
  const snapshot = parseSnapshot({
    agreementNo: `${kase.caseNo}-A${existing + 1}`,
    verificationCode: newVerificationCode(),
    locale: borrower.locale === 'en' ? 'en' : 'zh-CN',
    date: context.asOf,
    creditor: { name: creditor.name, nameEn: creditor.nameEn, creditCode: creditor.creditCode, address: creditor.registeredAddress, servicePhone: creditor.servicePhone, court: creditor.court },
    borrower: { name: borrower.fullName, residentIdMasked: borrower.residentIdMasked, phoneMasked: maskPhone(borrower.phone), address: borrower.address },
    caseNo: kase.caseNo,
    loan: { contractNo: loan.contractNo, product: loan.product, principal: loan.principal, annualRatePpm: loan.annualRatePpm, termMonths: loan.termMonths, startDate: loan.startDate, maturityDate: loan.maturityDate },
    arrears: arrearsSnapshot(context.arrears),
    terms: offer.terms,
    priced: offer.priced,
    policy: {
      graceDays: context.policy.graceDays,
      breachConsecutiveMisses: context.policy.breachConsecutiveMisses,
      waiverFallsAwayOnBreach: context.policy.waiverFallsAwayOnBreach,
      selfServiceDelayMaxDays: context.policy.selfServiceDelayMaxDays,
      // How the plan's payments are allocated (Civil Code art. 561 by default; per installment where the contract says so).
      allocationScope: context.policy.allocationScope,
    },
    consentVersion: consentTextVersion,
    textVersion: agreementTextVersion,
  } satisfies AgreementSnapshot);
  // A correction names the agreement it replaces; both stay on record.
  const [previous] = await tx
    .select({ id: agreements.id })
    .from(agreements)
    .where(and(eq(agreements.caseId, kase.id), eq(agreements.status, 'superseded')))
    .orderBy(desc(agreements.createdAt))
    .limit(1);
  // One agreement open for signature per case: one left open (a case ended before endings voided them) is void now.
  await voidOpenAgreements(tx, ctx, kase.id, { reason: 'a new agreement was made' });
  const [agreement] = await tx
    .insert(agreements)
    .values({ agreementNo: snapshot.agreementNo, caseId: kase.id, offerId: offer.id, status: 'awaiting_borrower', snapshot, locale: snapshot.locale, verificationCode: snapshot.verificationCode, supersedesId: previous?.id ?? null })
    .returning({ id: agreements.id });
  await recordAudit(tx, ctx, { action: 'agreement.created', entityType: 'agreement', entityId: agreement!.id, data: { caseId: kase.id, offerId: offer.id, agreementNo: snapshot.agreementNo } });
  return agreement!.id;
}
