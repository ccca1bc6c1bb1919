import type { InstallmentMethod, OfferStructure } from '@/lib/domain/offer-terms';

/**
 * The shapes each language's text (./en.ts, ./zh-CN.ts) fills in, in a file of
 * their own: lib/pdf/agreement-text.ts imports the texts, and the texts import
 * only these types, never agreement-text.ts (no import cycle).
 */

export type ConsentText = { version: string; title: string; paragraphs: readonly string[] };

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
  /** A hardship pause before the installments: months with nothing to pay, and the interest charged for it. */
  pause: { months: number; until: string; frozen: boolean; pct: string; charged: string } | null;
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
  esignAfter: Paragraphs;
  general: Paragraphs;
  /** After the last clause and the key terms, before the signatures: nothing more follows. */
  endOfText: string;
  keyTermsTitle: string;
  keyTermsNote: string;
  keyTerms: (f: AgreementFacts) => [string, string][];
  signatures: Labels<'creditor' | 'representative' | 'borrower' | 'typedName' | 'signedAt' | 'signature' | 'mediator' | 'mediatorRole' | 'seal' | 'sealPending'> & { sealNote: (signatory: string, date: string) => string };
  certificate: Labels<
    | 'title'
    | 'intro'
    | 'agreement'
    | 'representative'
    | 'mediator'
    | 'seal'
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
