// Aliased: react-pdf's Image is not an HTML img and takes no alt text.
import { Image as PdfImage, View } from '@react-pdf/renderer';
import type { AgreementSnapshot, SignatureMark, SigningCertificate } from '@/lib/domain/agreement';
import type { AgreementText } from '../text/types';
import { formatDate, type DocLocale } from '../format';
import { T, Heading, KeyValues } from './primitives';
import { colors, styles } from './styles';

const widths = [0.3, 1.9, 2.7, 3.2, 1.6];
const muted = { color: colors.muted };

type Props = {
  s: AgreementSnapshot;
  t: AgreementText;
  other: AgreementText;
  locale: DocLocale;
  certificate: SigningCertificate;
  signatures?: readonly SignatureMark[];
  /** The QR code of certificate.verificationUrl, as a PNG data URL. */
  qrDataUrl: string;
};

/** The signing certificate: who signed, each event with UTC and local time, IP, device and identity check, the original hash and how to verify. */
export function Certificate({ s, t, other, locale, certificate, signatures = [], qrDataUrl }: Props) {
  const c = t.certificate;
  const creditor = signatures.find((m) => m.signer === 'creditor');
  const mediator = signatures.find((m) => m.signer === 'mediator')?.typedName;
  // Agreements of the first text version were countersigned by a representative; later ones carry a seal and a mediator.
  const representative = creditor && !creditor.seal ? creditor.typedName : undefined;
  const cell = (i: number) => [styles.cell, { flex: widths[i] }];
  return (
    <View>
      <T style={s.locale === 'zh-CN' ? [styles.title, styles.titleZh] : styles.title}>{c.title}</T>
      <T style={styles.titleOther}>{other.certificate.title}</T>
      <T style={[styles.hint, { textAlign: 'center', marginTop: 4 }]}>{c.intro}</T>

      <Heading>{c.agreement}</Heading>
      <View style={styles.qrRow}>
        <View style={{ flex: 1 }}>
          <KeyValues
            compact
            labelWidth="30%"
            rows={[
              [t.meta.agreementNo, s.agreementNo],
              [t.meta.date, formatDate(s.date, locale)],
              [t.meta.verificationCode, certificate.verificationCode, true],
              [t.parties.borrower, s.borrower.name],
              [t.parties.residentId, s.borrower.residentIdMasked],
              [t.parties.phone, s.borrower.phoneMasked],
              [t.parties.creditor, locale === 'zh-CN' ? s.creditor.name : s.creditor.nameEn],
              [t.parties.creditCode, s.creditor.creditCode],
              ...(representative ? [[c.representative, representative] as const] : []),
              ...(creditor?.seal ? [[c.seal, t.signatures.sealNote(creditor.seal.signatory, formatDate(creditor.seal.authorisedAt.slice(0, 10), locale))] as const] : []),
              ...(mediator ? [[c.mediator, mediator] as const] : []),
            ]}
          />
        </View>
        <View style={styles.qrBox}>
          <PdfImage src={qrDataUrl} style={styles.qr} />
          <T style={styles.qrCaption}>{c.scan}</T>
        </View>
      </View>

      <Heading>{c.document}</Heading>
      <KeyValues labelWidth="28%" rows={[[c.sha256, certificate.originalSha256]]} />
      <T style={styles.hint}>{c.sha256Hint}</T>

      <Heading>{c.events}</Heading>
      <View style={[styles.table, { fontSize: 7.5 }]}>
        <View style={styles.tableHead} fixed wrap={false}>
          {['#', `${c.event} / ${c.who}`, `${c.time} (${c.utc} / ${c.local})`, c.ipDevice, c.verification].map((label, i) => (
            <T key={i} style={cell(i)}>
              {label}
            </T>
          ))}
        </View>
        {certificate.events.map((e, i) => (
          <View key={i} style={styles.tableRow} wrap={false}>
            <T style={cell(0)}>{i + 1}</T>
            <T style={cell(1)}>
              {`${e.what}\n`}
              <T style={muted}>{e.who}</T>
            </T>
            <T style={cell(2)}>{`${c.utc} ${e.atUtc}\n${c.local} ${e.atLocal}`}</T>
            <T style={cell(3)}>
              {`${e.ip ?? '—'}\n`}
              <T style={muted}>{e.device ?? '—'}</T>
            </T>
            <T style={cell(4)}>{e.verification ?? '—'}</T>
          </View>
        ))}
      </View>

      <View wrap={false}>
        <Heading>{c.verify}</Heading>
        <T style={styles.para}>{c.verifyHint}</T>
        <T style={[styles.para, { color: colors.accent }]}>{certificate.verificationUrl}</T>
        <T style={[styles.para, styles.kvStrong]}>
          {t.meta.verificationCode}: {certificate.verificationCode}
        </T>
      </View>
    </View>
  );
}
