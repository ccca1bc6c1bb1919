import type { ArrearsResult } from './arrears';
import type { Fen } from './money';
import type { OfferTerms, PricedOffer } from './offer-terms';

/**
 * The immutable snapshot a repayment agreement (还款协议) is built from, taken
 * when an offer is accepted: the parties, the loan, the arrears the borrower
 * saw, and the accepted terms with their full schedule. Masked identifiers only.
 */
export type AgreementSnapshot = {
  agreementNo: string;
  verificationCode: string;
  /** The borrower's language; key terms are also printed in the other one. */
  locale: 'zh-CN' | 'en';
  /** The day the agreement is made (Asia/Shanghai). */
  date: string;
  creditor: { name: string; nameEn: string; creditCode: string; address: string; servicePhone: string; court: string };
  borrower: { name: string; residentIdMasked: string; phoneMasked: string; address: string | null };
  caseNo: string;
  loan: { contractNo: string; product: string; principal: Fen; annualRatePpm: number; termMonths: number; startDate: string; maturityDate: string };
  /** The arrears as of the agreement date: the same figures the borrower saw. */
  arrears: {
    asOf: string;
    overduePrincipal: Fen;
    overdueInterest: Fen;
    penalty: Fen;
    compound: Fen;
    fees: Fen;
    totalOverdue: Fen;
    notYetDuePrincipal: Fen;
    totalToSettle: Fen;
    enforceableTotalToSettle: Fen;
    daysPastDue: number;
  };
  terms: OfferTerms;
  priced: PricedOffer;
  /**
   * The plan's rules as agreed. allocationScope (Civil Code art. 561: each class across the whole debt, unless the
   * contract says each installment is cleared in turn) is absent from agreements made before it was recorded: the
   * statute's default, 'whole_debt', applies to them.
   */
  policy: { graceDays: number; breachConsecutiveMisses: number; waiverFallsAwayOnBreach: boolean; selfServiceDelayMaxDays: number; allocationScope?: 'whole_debt' | 'per_installment' };
  /** The version of the e-signature consent text shown to the borrower. */
  consentVersion: string;
  /** The version of the agreement's clauses it is written in (absent: 2026-11-v1, before this was recorded). */
  textVersion?: string;
};

/**
 * A signature placed on the document, in one of the agreement's three capacities (DESIGN.md): the borrower (typed
 * name, optional drawing), the creditor (its seal, applied by the system under the creditor's standing authorisation;
 * typedName is the creditor's name), and the mediator, who signs as mediator (调解员), never for the creditor.
 * Agreements of text version 2026-11-v1 were countersigned by a staff member as the creditor's representative
 * (signer 'creditor' with no seal).
 */
export type SignatureMark = {
  signer: 'borrower' | 'creditor' | 'mediator';
  typedName: string;
  /** PNG bytes of the drawn signature, if any. */
  drawnPng?: Uint8Array;
  signedAt: string;
  /** The creditor's seal: under which standing authorisation it was applied. */
  seal?: { signatory: string; authorisedAt: string };
};

/** One line of the signing certificate page. */
export type CertificateEvent = {
  what: string;
  who: string;
  atUtc: string;
  atLocal: string;
  ip: string | null;
  device: string | null;
  verification: string | null;
};

export type SigningCertificate = {
  events: CertificateEvent[];
  originalSha256: string;
  verificationCode: string;
  verificationUrl: string;
};

/** The arrears figures an agreement records: exactly what the borrower saw on the day. */
export function arrearsSnapshot(arrears: ArrearsResult): AgreementSnapshot['arrears'] {
  const t = arrears.totals;
  return {
    asOf: arrears.asOf,
    overduePrincipal: t.overduePrincipal,
    overdueInterest: t.overdueInterest,
    penalty: t.penalty,
    compound: t.compound,
    fees: t.fees,
    totalOverdue: t.totalOverdue,
    notYetDuePrincipal: t.notYetDuePrincipal,
    totalToSettle: t.totalToSettle,
    enforceableTotalToSettle: t.enforceableTotalToSettle,
    daysPastDue: arrears.daysPastDue,
  };
}
