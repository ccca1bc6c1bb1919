import { Document, Page, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import type { AgreementSnapshot, SignatureMark, SigningCertificate } from '@/lib/domain/agreement';
import { AGREEMENT_TEXT, consentTextFor } from './agreement-text';
import type { AgreementFacts, AgreementText } from './text/types';
import { agreementFacts } from './facts';
import { formatDate, formatRatePpm, money, otherLocale, type DocLocale } from './format';
import { Certificate } from './parts/certificate';
import { Cover } from './parts/cover';
import { Footer, Heading, Intro, KeyValues, Paras, T, type KvRow } from './parts/primitives';
import { ScheduleTable } from './parts/schedule-table';
import { SignatureBlocks } from './parts/signatures';
import { styles } from './parts/styles';

export type AgreementDocumentProps = {
  snapshot: AgreementSnapshot;
  signatures?: readonly SignatureMark[];
  certificate?: SigningCertificate;
  /** The QR code of certificate.verificationUrl as a PNG data URL; required with a certificate. */
  qrDataUrl?: string;
};

/** react-pdf's producer and creator, fixed so that the same input gives the same bytes. */
export const PDF_PRODUCER = 'Concord agreement renderer (react-pdf 4)';

/** Midnight of the agreement date in Beijing: the document's creation and modification date. */
export const documentDate = (snapshot: AgreementSnapshot) => new Date(`${snapshot.date}T00:00:00+08:00`);

type PartProps = { s: AgreementSnapshot; t: AgreementText; f: AgreementFacts; locale: DocLocale };

/** Articles 1–4: the loan, what is owed, the relief and the new arrangement. */
function Terms({ s, t, f, locale }: PartProps) {
  const fen = (v: number) => money(v, locale);
  const p = s.priced;
  const a = s.arrears;
  const waivedRows: KvRow[] = (['penalty', 'compound', 'interest', 'principal'] as const).filter((k) => p.waived[k] > 0).map((k) => [t.waived[k], fen(p.waived[k])]);
  const summary: KvRow[] = [
    [t.summary.structure, t.structureName(f) + (f.method ? (locale === 'en' ? ` (${t.methodName[f.method]})` : `（${t.methodName[f.method]}）`) : '')],
    ...(f.downPayment ? [[t.summary.downPayment, f.downPayment] as const] : []),
    ...(f.settlement ? [] : [[t.summary.regularPayment, f.regularPayment] as const, [t.summary.numberOfPayments, String(f.numberOfPayments)] as const]),
    ...(f.settlement ? [] : [[t.summary.firstDueDate, f.firstDueDate ?? '—'] as const, [t.summary.endDate, f.endDate] as const]),
    ...(f.newMaturity ? [[t.summary.newMaturity, f.newMaturity] as const] : []),
    ...(f.settlement ? [] : [[t.summary.newInterest, f.newInterest] as const]),
    [f.downPayment ? t.summary.totalWithDown : t.summary.totalPayable, f.totalPayable, true],
  ];
  return (
    <>
      <Heading>{t.headings.loan}</Heading>
      <Intro>{t.loanIntro}</Intro>
      <KeyValues
        compact
        rows={[
          [t.loan.contractNo, s.loan.contractNo],
          [t.loan.product, s.loan.product],
          [t.loan.principal, fen(s.loan.principal)],
          [t.loan.rate, formatRatePpm(s.loan.annualRatePpm)],
          [t.loan.term, t.loan.termValue(s.loan.termMonths)],
          [t.loan.startDate, formatDate(s.loan.startDate, locale)],
          [t.loan.maturityDate, formatDate(s.loan.maturityDate, locale)],
        ]}
      />

      <Heading>{t.headings.arrears}</Heading>
      <Intro>{t.arrearsIntro(f)}</Intro>
      <KeyValues
        compact
        rows={[
          [t.arrears.overduePrincipal, fen(a.overduePrincipal)],
          [t.arrears.overdueInterest, fen(a.overdueInterest)],
          [t.arrears.penalty, fen(a.penalty)],
          [t.arrears.compound, fen(a.compound)],
          ...(a.fees > 0 ? [[t.arrears.fees, fen(a.fees)] as const] : []),
          [t.arrears.totalOverdue, fen(a.totalOverdue), true],
          [t.arrears.notYetDuePrincipal, fen(a.notYetDuePrincipal)],
          [t.arrears.totalToSettle, fen(a.totalToSettle), true],
          ...(a.enforceableTotalToSettle !== a.totalToSettle ? [[t.arrears.enforceable, fen(a.enforceableTotalToSettle), true] as const] : []),
        ]}
      />
      <Paras items={t.arrearsAfter(f)} />

      <Heading>{t.headings.relief}</Heading>
      <Intro>{t.reliefIntro(f)}</Intro>
      {p.waived.total > 0 ? <KeyValues compact rows={[...waivedRows, [t.waived.total, fen(p.waived.total), true]]} /> : null}
      <Paras items={t.reliefAfter(f)} />

      <Heading>{t.headings.arrangement}</Heading>
      <Paras items={t.arrangement(f)} />
      <KeyValues compact rows={summary} />
    </>
  );
}

/** Articles 6–11: payments, breach, disputes, personal data, e-signature, general. */
function Clauses({ s, t, f, locale }: PartProps) {
  const consent = consentTextFor(s.consentVersion, locale);
  return (
    <>
      <Heading>{t.headings.payment}</Heading>
      <Paras items={t.payment(f)} />
      <Heading>{t.headings.breach}</Heading>
      <Paras items={t.breach(f)} />
      <Heading>{t.headings.disputes}</Heading>
      <Paras items={t.disputes(f)} />
      <Heading>{t.headings.privacy}</Heading>
      <Paras items={t.privacy(f)} />

      <Heading>{t.headings.esign}</Heading>
      <T style={styles.para}>{t.esignIntro(f)}</T>
      <View style={styles.quote}>
        <T style={styles.subheading}>{consent.title}</T>
        <Paras items={consent.paragraphs} />
      </View>
      <Paras items={t.esignAfter} />

      <Heading>{t.headings.general}</Heading>
      <Paras items={t.general(f)} />
    </>
  );
}

function KeyTerms({ other, f }: { other: AgreementText; f: AgreementFacts }) {
  return (
    <View style={styles.keyTerms} wrap={false}>
      <T style={styles.keyTermsTitle}>{other.keyTermsTitle}</T>
      <T style={styles.hint}>{other.keyTermsNote}</T>
      <KeyValues labelWidth="22%" rows={other.keyTerms(f)} />
    </View>
  );
}

function DocPage({ footer, t, children }: { footer: string; t: AgreementText; children: ReactNode }) {
  return (
    <Page size="A4" style={styles.page} wrap>
      <Footer left={footer} pageOf={t.pageOf} />
      {children}
    </Page>
  );
}

/**
 * The repayment agreement (还款协议) as a react-pdf document: in the borrower's
 * language, with the key terms in the other one; signed when signatures are
 * given, with the signing certificate appended when a certificate is given.
 * Call loadFonts() (lib/pdf/fonts.ts) before rendering it; renderAgreementPdf does.
 */
export function AgreementDocument({ snapshot: s, signatures, certificate, qrDataUrl }: AgreementDocumentProps) {
  const locale = s.locale;
  const t = AGREEMENT_TEXT[locale];
  const other = AGREEMENT_TEXT[otherLocale(locale)];
  const f = agreementFacts(s, locale);
  const footer = `${t.meta.agreementNo} ${s.agreementNo} · ${t.meta.verificationCode} ${s.verificationCode} · ${t.meta.textVersion} ${f.textVersion}`;
  if (certificate && !qrDataUrl) throw new TypeError('a signing certificate needs its QR code (qrDataUrl)');
  const when = documentDate(s);
  const schedule = (
    <>
      <Heading>{t.headings.schedule}</Heading>
      <Intro>{t.scheduleIntro}</Intro>
      <ScheduleTable s={s} t={t} locale={locale} />
    </>
  );
  // A schedule of a few rows (a settlement) stays with the terms; a longer one starts its own sheet.
  const scheduleApart = s.priced.schedule.length > 6;
  return (
    <Document
      title={`${t.title} ${s.agreementNo}`}
      author={locale === 'zh-CN' ? s.creditor.name : s.creditor.nameEn}
      subject={t.subtitle}
      language={locale}
      creator={PDF_PRODUCER}
      producer={PDF_PRODUCER}
      creationDate={when}
      modificationDate={when}
    >
      {/* Each <Page> group starts a new sheet: the schedule reads as its own table, and react-pdf paginates (and numbers) smaller groups much faster. */}
      <DocPage footer={footer} t={t}>
        <Cover s={s} t={t} other={other} f={f} />
        <Terms s={s} t={t} f={f} locale={locale} />
        {scheduleApart ? null : schedule}
      </DocPage>
      {scheduleApart ? (
        <DocPage footer={footer} t={t}>
          {schedule}
        </DocPage>
      ) : null}
      <DocPage footer={footer} t={t}>
        <Clauses s={s} t={t} f={f} locale={locale} />
        <KeyTerms other={other} f={agreementFacts(s, otherLocale(locale))} />
        <T style={styles.endOfText}>{t.endOfText}</T>
        <SignatureBlocks s={s} t={t} locale={locale} signatures={signatures} />
      </DocPage>
      {certificate && qrDataUrl ? (
        <DocPage footer={footer} t={t}>
          <Certificate s={s} t={t} other={other} locale={locale} certificate={certificate} signatures={signatures} qrDataUrl={qrDataUrl} />
        </DocPage>
      ) : null}
    </Document>
  );
}
