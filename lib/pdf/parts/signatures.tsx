// Aliased: react-pdf's Image is not an HTML img and takes no alt text.
import { Image as PdfImage, View } from '@react-pdf/renderer';
import type { AgreementSnapshot, SignatureMark } from '@/lib/domain/agreement';
import type { AgreementText } from '../text/types';
import { formatBeijingTime, type DocLocale } from '../format';
import { isPng } from '../png';
import { T } from './primitives';
import { styles } from './styles';

/** The drawn signature as a Buffer react-pdf embeds directly (never a path or URL it would fetch). */
export function signaturePng(mark: SignatureMark): Buffer | null {
  if (!mark.drawnPng || mark.drawnPng.length === 0) return null;
  if (!isPng(mark.drawnPng)) throw new RangeError(`the ${mark.signer}'s drawn signature is not a PNG image`);
  return Buffer.from(mark.drawnPng);
}

function Line({ label, value }: { label: string; value?: string }) {
  return (
    <View style={styles.signLine}>
      <T style={styles.signLabel}>{label}</T>
      {value ? <T style={{ flex: 1 }}>{value}</T> : <View style={styles.blank} />}
    </View>
  );
}

function Block({ role, party, mark, t, locale, representative }: { role: string; party: string; mark?: SignatureMark; t: AgreementText; locale: DocLocale; representative: boolean }) {
  const png = mark ? signaturePng(mark) : null;
  return (
    <View style={styles.signBlock}>
      <T style={styles.partyRole}>{role}</T>
      <T>{party}</T>
      <View style={styles.signArea}>
        {png ? <PdfImage src={png} style={styles.signImage} /> : null}
        {mark && !png ? <T style={styles.signTyped}>{mark.typedName}</T> : null}
      </View>
      <Line label={representative ? t.signatures.representative : t.signatures.typedName} value={mark?.typedName} />
      <Line label={t.signatures.signedAt} value={mark ? formatBeijingTime(mark.signedAt, locale) : undefined} />
    </View>
  );
}

/** Both parties' signature blocks: blank lines until signed; then the typed name, the drawn image and the time. */
export function SignatureBlocks({ s, t, locale, signatures = [] }: { s: AgreementSnapshot; t: AgreementText; locale: DocLocale; signatures?: readonly SignatureMark[] }) {
  const creditor = signatures.find((m) => m.signer === 'creditor');
  const borrower = signatures.find((m) => m.signer === 'borrower');
  return (
    <View wrap={false}>
      <T style={styles.heading}>{t.headings.signatures}</T>
      <View style={styles.signatures}>
        <Block role={t.signatures.creditor} party={locale === 'zh-CN' ? s.creditor.name : s.creditor.nameEn} mark={creditor} t={t} locale={locale} representative />
        <Block role={t.signatures.borrower} party={s.borrower.name} mark={borrower} t={t} locale={locale} representative={false} />
      </View>
    </View>
  );
}
