import { Document, Page, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import type { AgreementSnapshot, SignatureMark, SigningCertificate } from '@/lib/domain/agreement';
import { agreementContent, type Block } from './agreement-content';
import { AGREEMENT_TEXT } from './agreement-text';
import type { AgreementFacts, AgreementText } from './text/types';
import { agreementFacts } from './facts';
import { otherLocale } from './format';
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

/** The agreement's blocks (lib/pdf/agreement-content.ts, the same the signing page shows) laid out on A4. */
function Blocks({ blocks, s, t }: { blocks: readonly Block[]; s: AgreementSnapshot; t: AgreementText }) {
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'heading':
            return <Heading key={i}>{block.text}</Heading>;
          case 'intro':
            return <Intro key={i}>{block.text}</Intro>;
          case 'para':
            return (
              <T key={i} style={styles.para}>
                {block.text}
              </T>
            );
          case 'rows':
            return <KeyValues key={i} compact rows={block.rows.map((row): KvRow => [row.label, row.value, row.strong])} />;
          case 'quote':
            return (
              <View key={i} style={styles.quote}>
                <T style={styles.subheading}>{block.title}</T>
                <Paras items={block.paras} />
              </View>
            );
          case 'schedule':
            return <ScheduleTable key={i} s={s} t={t} locale={s.locale} />;
        }
      })}
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
  const { blocks } = agreementContent(s);
  // Articles 1–4, the schedule (article 5: its heading, intro and table), articles 6–11.
  const scheduleAt = blocks.findIndex((block) => block.kind === 'schedule') - 2;
  const terms = blocks.slice(0, scheduleAt);
  const schedule = <Blocks blocks={blocks.slice(scheduleAt, scheduleAt + 3)} s={s} t={t} />;
  const clauses = blocks.slice(scheduleAt + 3);
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
        <Blocks blocks={terms} s={s} t={t} />
        {scheduleApart ? null : schedule}
      </DocPage>
      {scheduleApart ? (
        <DocPage footer={footer} t={t}>
          {schedule}
        </DocPage>
      ) : null}
      <DocPage footer={footer} t={t}>
        <Blocks blocks={clauses} s={s} t={t} />
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
