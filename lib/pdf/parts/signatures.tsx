// Aliased: react-pdf's Image is not an HTML img and takes no alt text.
import { Image as PdfImage, View } from '@react-pdf/renderer';
import type { AgreementSnapshot, SignatureMark } from '@/lib/domain/agreement';
import { firstAgreementTextVersion } from '../agreement-text';
import type { AgreementText } from '../text/types';
import { formatBeijingTime, formatDate, type DocLocale } from '../format';
import { CreditorSeal } from './creditor-seal';
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

/** The creditor's block under the three-capacity text: the seal once applied (drawn by Concord), and under which authorisation. */
function SealBlock({ s, t, locale, mark }: { s: AgreementSnapshot; t: AgreementText; locale: DocLocale; mark?: SignatureMark }) {
  const name = locale === 'zh-CN' ? s.creditor.name : s.creditor.nameEn;
  return (
    <View style={styles.signBlock}>
      <T style={styles.partyRole}>{t.signatures.creditor}</T>
      <T>{name}</T>
      <View style={[styles.signArea, { height: 88, alignItems: 'center' }]}>{mark?.seal ? <CreditorSeal name={s.creditor.name} label={t.signatures.seal} size={84} /> : null}</View>
      {mark?.seal ? <T style={styles.hint}>{t.signatures.sealNote(mark.seal.signatory, formatDate(mark.seal.authorisedAt.slice(0, 10), locale))}</T> : <T style={styles.hint}>{t.signatures.sealPending}</T>}
      <Line label={t.signatures.signedAt} value={mark ? formatBeijingTime(mark.signedAt, locale) : undefined} />
    </View>
  );
}

/**
 * The signature blocks: blank lines until signed; then the typed name, the drawn image and the time. From text
 * version 2026-12-v2, three capacities — the creditor's seal, the borrower, and the mediator as 调解员; before it,
 * the creditor's authorised representative and the borrower.
 */
export function SignatureBlocks({ s, t, locale, signatures = [] }: { s: AgreementSnapshot; t: AgreementText; locale: DocLocale; signatures?: readonly SignatureMark[] }) {
  const creditor = signatures.find((m) => m.signer === 'creditor');
  const borrower = signatures.find((m) => m.signer === 'borrower');
  const mediator = signatures.find((m) => m.signer === 'mediator');
  if ((s.textVersion ?? firstAgreementTextVersion) === firstAgreementTextVersion) {
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
  return (
    <View wrap={false}>
      <T style={styles.heading}>{t.headings.signatures}</T>
      <View style={styles.signatures}>
        <SealBlock s={s} t={t} locale={locale} mark={creditor} />
        <Block role={t.signatures.borrower} party={s.borrower.name} mark={borrower} t={t} locale={locale} representative={false} />
        <Block role={t.signatures.mediator} party={t.signatures.mediatorRole} mark={mediator} t={t} locale={locale} representative={false} />
      </View>
    </View>
  );
}
