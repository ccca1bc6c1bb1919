import type { AgreementSnapshot } from '@/lib/domain/agreement';
import { AGREEMENT_TEXT, consentTextFor } from './agreement-text';
import type { AgreementText } from './text/types';
import { agreementFacts } from './facts';
import { formatDate, formatRatePpm, money, otherLocale, type DocLocale } from './format';

/**
 * The agreement's text as plain blocks, built from the snapshot with its
 * clauses, facts and formats, in order: the PDF (agreement-document.tsx) lays
 * them out on A4 and the signing page shows them as readable HTML, so that on a
 * phone the borrower reads exactly what the PDF says (a test also reads the
 * PDF's text back and finds every block in it).
 */
export type Row = { label: string; value: string; strong?: boolean };
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  /** A paragraph that introduces the table after it (the PDF keeps them on one page). */
  | { kind: 'intro'; text: string }
  | { kind: 'rows'; rows: Row[] }
  | { kind: 'quote'; title: string; paras: string[] }
  | { kind: 'schedule' };

export type AgreementContent = {
  locale: DocLocale;
  title: string;
  otherTitle: string;
  subtitle: string;
  meta: Row[];
  verifyHint: string;
  creditor: { role: string; rows: Row[] };
  borrower: { role: string; rows: Row[] };
  preamble: string;
  blocks: Block[];
  schedule: { headers: AgreementText['schedule']; rows: { seq: string; dueDate: string; principal: string; interest: string; charges: string; amount: string; balanceAfter: string; contract: boolean }[]; total: { principal: string; interest: string; charges: string; amount: string } };
  keyTerms: { title: string; note: string; rows: Row[] };
  endOfText: string;
};

const rows = (items: readonly (readonly [string, string, boolean?])[]): Row[] => items.map(([label, value, strong]) => ({ label, value, ...(strong ? { strong } : {}) }));

export function agreementContent(s: AgreementSnapshot): AgreementContent {
  const locale = s.locale;
  const t = AGREEMENT_TEXT[locale];
  const other = AGREEMENT_TEXT[otherLocale(locale)];
  const f = agreementFacts(s, locale);
  const fen = (v: number) => money(v, locale);
  const p = s.priced;
  const a = s.arrears;
  const consent = consentTextFor(s.consentVersion, locale);
  const waivedRows = (['penalty', 'compound', 'interest', 'principal'] as const).filter((k) => p.waived[k] > 0).map((k) => [t.waived[k], fen(p.waived[k])] as const);
  const summary = [
    [t.summary.structure, t.structureName(f) + (f.method ? (locale === 'en' ? ` (${t.methodName[f.method]})` : `（${t.methodName[f.method]}）`) : '')] as const,
    ...(f.downPayment ? [[t.summary.downPayment, f.downPayment] as const] : []),
    ...(f.settlement ? [] : [[t.summary.regularPayment, f.regularPayment] as const, [t.summary.numberOfPayments, String(f.numberOfPayments)] as const]),
    ...(f.settlement ? [] : [[t.summary.firstDueDate, f.firstDueDate ?? '—'] as const, [t.summary.endDate, f.endDate] as const]),
    ...(f.newMaturity ? [[t.summary.newMaturity, f.newMaturity] as const] : []),
    ...(f.settlement ? [] : [[t.summary.newInterest, f.newInterest] as const]),
    [f.downPayment ? t.summary.totalWithDown : t.summary.totalPayable, f.totalPayable, true] as const,
  ];
  const paras = (items: readonly string[]): Block[] => items.map((text) => ({ kind: 'para', text }));
  const blocks: Block[] = [
    { kind: 'heading', text: t.headings.loan },
    { kind: 'intro', text: t.loanIntro },
    {
      kind: 'rows',
      rows: rows([
        [t.loan.contractNo, s.loan.contractNo],
        [t.loan.product, s.loan.product],
        [t.loan.principal, fen(s.loan.principal)],
        [t.loan.rate, formatRatePpm(s.loan.annualRatePpm)],
        [t.loan.term, t.loan.termValue(s.loan.termMonths)],
        [t.loan.startDate, formatDate(s.loan.startDate, locale)],
        [t.loan.maturityDate, formatDate(s.loan.maturityDate, locale)],
      ]),
    },
    { kind: 'heading', text: t.headings.arrears },
    { kind: 'intro', text: t.arrearsIntro(f) },
    {
      kind: 'rows',
      rows: rows([
        [t.arrears.overduePrincipal, fen(a.overduePrincipal)],
        [t.arrears.overdueInterest, fen(a.overdueInterest)],
        [t.arrears.penalty, fen(a.penalty)],
        [t.arrears.compound, fen(a.compound)],
        ...(a.fees > 0 ? [[t.arrears.fees, fen(a.fees)] as const] : []),
        [t.arrears.totalOverdue, fen(a.totalOverdue), true],
        [t.arrears.notYetDuePrincipal, fen(a.notYetDuePrincipal)],
        [t.arrears.totalToSettle, fen(a.totalToSettle), true],
        ...(a.enforceableTotalToSettle !== a.totalToSettle ? [[t.arrears.enforceable, fen(a.enforceableTotalToSettle), true] as const] : []),
      ]),
    },
    ...paras(t.arrearsAfter(f)),
    { kind: 'heading', text: t.headings.relief },
    { kind: 'intro', text: t.reliefIntro(f) },
    ...(p.waived.total > 0 ? [{ kind: 'rows' as const, rows: rows([...waivedRows, [t.waived.total, fen(p.waived.total), true]]) }] : []),
    ...paras(t.reliefAfter(f)),
    { kind: 'heading', text: t.headings.arrangement },
    ...paras(t.arrangement(f)),
    { kind: 'rows', rows: rows(summary) },
    { kind: 'heading', text: t.headings.schedule },
    { kind: 'intro', text: t.scheduleIntro },
    { kind: 'schedule' },
    { kind: 'heading', text: t.headings.payment },
    ...paras(t.payment(f)),
    { kind: 'heading', text: t.headings.breach },
    ...paras(t.breach(f)),
    { kind: 'heading', text: t.headings.disputes },
    ...paras(t.disputes(f)),
    { kind: 'heading', text: t.headings.privacy },
    ...paras(t.privacy(f)),
    { kind: 'heading', text: t.headings.esign },
    { kind: 'para', text: t.esignIntro(f) },
    { kind: 'quote', title: consent.title, paras: [...consent.paragraphs] },
    ...paras(t.esignAfter(f)),
    { kind: 'heading', text: t.headings.general },
    ...paras(t.general(f)),
  ];
  const sum = (key: 'principal' | 'interest' | 'charges') => p.schedule.reduce((acc, row) => acc + row[key], 0);
  const creditorName = locale === 'zh-CN' ? s.creditor.name : `${s.creditor.nameEn} (${s.creditor.name})`;
  return {
    locale,
    title: t.title,
    otherTitle: other.title,
    subtitle: t.subtitle,
    meta: rows([
      [t.meta.agreementNo, s.agreementNo],
      [t.meta.date, f.date],
      [t.meta.caseNo, s.caseNo],
      [t.meta.verificationCode, s.verificationCode],
    ]),
    verifyHint: t.meta.verifyHint,
    creditor: {
      role: t.parties.creditor,
      rows: rows([
        [t.parties.name, creditorName],
        [t.parties.creditCode, s.creditor.creditCode],
        [t.parties.address, s.creditor.address],
        [t.parties.servicePhone, s.creditor.servicePhone],
      ]),
    },
    borrower: {
      role: t.parties.borrower,
      rows: rows([
        [t.parties.name, s.borrower.name],
        [t.parties.residentId, s.borrower.residentIdMasked],
        [t.parties.phone, s.borrower.phoneMasked],
        [t.parties.borrowerAddress, s.borrower.address ?? t.parties.none],
      ]),
    },
    preamble: t.preamble(f),
    blocks,
    schedule: {
      headers: t.schedule,
      rows: [
        ...(p.downPayment > 0 ? [{ seq: t.schedule.downPayment, dueDate: formatDate(p.asOf, locale), principal: '—', interest: '—', charges: '—', amount: fen(p.downPayment), balanceAfter: '—', contract: false }] : []),
        ...p.schedule.map((row) => ({
          seq: String(row.seq),
          dueDate: formatDate(row.dueDate, locale),
          principal: fen(row.principal),
          interest: fen(row.interest),
          charges: fen(row.charges),
          amount: fen(row.amount),
          balanceAfter: fen(row.balanceAfter),
          contract: row.source === 'contract',
        })),
      ],
      total: { principal: fen(sum('principal')), interest: fen(sum('interest')), charges: fen(sum('charges')), amount: fen(p.totalPayable) },
    },
    keyTerms: { title: other.keyTermsTitle, note: other.keyTermsNote, rows: rows(other.keyTerms(agreementFacts(s, otherLocale(locale)))) },
    endOfText: t.endOfText,
  };
}
