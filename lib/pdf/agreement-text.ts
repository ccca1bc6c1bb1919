import type { InstallmentMethod, OfferStructure } from '@/lib/domain/offer-terms';
import type { DocLocale } from './format';
import { consentEn, textEn } from './text/en';
import { consentZh, textZh } from './text/zh-CN';

/**
 * The repayment agreement's legal text (还款协议), in both languages, versioned
 * with the document. The clauses take the agreement's facts already formatted
 * for their language (lib/pdf/facts.ts), so a clause never formats money or dates.
 */

/** The version of the agreement's clauses. Change it whenever a clause changes. */
export const agreementTextVersion = '2026-11-v1';

/** The version of the e-signature consent text below; the snapshot records it (consentVersion). */
export const consentTextVersion = '2026-11-v1';

export type ConsentText = { version: string; title: string; paragraphs: readonly string[] };

/** The e-signature consent, shown on the signing page and printed in the agreement (article 10). */
export const E_SIGN_CONSENT_TEXT: Readonly<Record<DocLocale, ConsentText>> = {
  'zh-CN': consentZh(consentTextVersion),
  en: consentEn(consentTextVersion),
};

/** Every consent text ever used, by version, so an agreement always prints the text the borrower agreed to. */
const consentTexts: Readonly<Record<string, Readonly<Record<DocLocale, ConsentText>>>> = {
  [consentTextVersion]: E_SIGN_CONSENT_TEXT,
};

export function consentTextFor(version: string, locale: DocLocale): ConsentText {
  const text = consentTexts[version]?.[locale];
  if (!text) throw new RangeError(`unknown e-signature consent text version ${version}`);
  return text;
}

/** The exact string to hash when recording consent: version, title and paragraphs, one per line. */
export function consentTextCanonical(locale: DocLocale, version = consentTextVersion): string {
  const text = consentTextFor(version, locale);
  return [text.version, text.title, ...text.paragraphs].join('\n');
}

/** The agreement's facts, formatted for one language (money, dates, rates are strings). */
export type AgreementFacts = {
  agreementNo: string;
  caseNo: string;
  date: string;
  creditorName: string;
  servicePhone: string;
  court: string;
  borrowerName: string;
  contractNo: string;
  loanStart: string;
  loanMaturity: string;
  loanRate: string;
  termMonths: number;
  arrears: { asOf: string; daysPastDue: number; totalOverdue: string; totalToSettle: string; notEnforceable: string | null };
  structure: OfferStructure;
  method: InstallmentMethod | null;
  installmentMonths: number | null;
  extensionMonths: number | null;
  downPayment: string | null;
  numberOfPayments: number;
  regularPayment: string;
  firstDueDate: string | null;
  endDate: string;
  newMaturity: string | null;
  /** Rows of the original contract that continue unchanged (spread base 'arrears'). */
  continuingContractRows: boolean;
  totalPayable: string;
  newInterest: string;
  /** The single payment of a settlement. */
  settlement: { amount: string; date: string } | null;
  waivedTotal: string | null;
  rateReduction: { pct: string; months: number } | null;
  capReduction: string | null;
  /** owedBefore − totalPayable: a saving when positive, extra cost when negative; null when zero. */
  saving: { amount: string; positive: boolean } | null;
  graceDays: number;
  breachMisses: number;
  waiverFallsAway: boolean;
  selfServiceDelayMaxDays: number;
  consentVersion: string;
  textVersion: string;
};

type Labels<K extends string> = Readonly<Record<K, string>>;
type Paragraphs = (f: AgreementFacts) => string[];

export type AgreementText = {
  title: string;
  subtitle: string;
  meta: Labels<'agreementNo' | 'caseNo' | 'date' | 'verificationCode' | 'verifyHint' | 'textVersion'>;
  parties: Labels<'heading' | 'creditor' | 'borrower' | 'name' | 'creditCode' | 'address' | 'servicePhone' | 'residentId' | 'phone' | 'borrowerAddress' | 'none'>;
  headings: Labels<'loan' | 'arrears' | 'relief' | 'arrangement' | 'schedule' | 'payment' | 'breach' | 'disputes' | 'privacy' | 'esign' | 'general' | 'signatures'>;
  loan: Labels<'contractNo' | 'product' | 'principal' | 'rate' | 'term' | 'startDate' | 'maturityDate'> & { termValue: (months: number) => string };
  arrears: Labels<'overduePrincipal' | 'overdueInterest' | 'penalty' | 'compound' | 'fees' | 'totalOverdue' | 'notYetDuePrincipal' | 'totalToSettle' | 'enforceable'>;
  waived: Labels<'penalty' | 'compound' | 'interest' | 'principal' | 'total'>;
  summary: Labels<'structure' | 'method' | 'downPayment' | 'regularPayment' | 'numberOfPayments' | 'firstDueDate' | 'endDate' | 'newMaturity' | 'newInterest' | 'totalPayable' | 'totalWithDown'>;
  schedule: Labels<'seq' | 'dueDate' | 'principal' | 'interest' | 'charges' | 'amount' | 'balanceAfter' | 'contract' | 'downPayment' | 'total'>;
  structureName: (f: AgreementFacts) => string;
  methodName: Readonly<Record<InstallmentMethod, string>>;
  preamble: (f: AgreementFacts) => string;
  loanIntro: string;
  arrearsIntro: (f: AgreementFacts) => string;
  arrearsAfter: Paragraphs;
  reliefIntro: (f: AgreementFacts) => string;
  reliefAfter: Paragraphs;
  arrangement: Paragraphs;
  scheduleIntro: string;
  payment: Paragraphs;
  breach: Paragraphs;
  disputes: Paragraphs;
  privacy: Paragraphs;
  esignIntro: (f: AgreementFacts) => string;
  esignAfter: string[];
  general: Paragraphs;
  /** After the last clause and the key terms, before the signatures: nothing more follows. */
  endOfText: string;
  keyTermsTitle: string;
  keyTermsNote: string;
  keyTerms: (f: AgreementFacts) => [string, string][];
  signatures: Labels<'creditor' | 'representative' | 'borrower' | 'typedName' | 'signedAt' | 'signature'>;
  certificate: Labels<
    | 'title'
    | 'intro'
    | 'agreement'
    | 'representative'
    | 'document'
    | 'sha256'
    | 'sha256Hint'
    | 'events'
    | 'event'
    | 'who'
    | 'time'
    | 'utc'
    | 'local'
    | 'ipDevice'
    | 'verification'
    | 'verify'
    | 'scan'
    | 'verifyHint'
  >;
  pageOf: (page: number, total: number) => string;
};

export const AGREEMENT_TEXT: Readonly<Record<DocLocale, AgreementText>> = { 'zh-CN': textZh, en: textEn };
