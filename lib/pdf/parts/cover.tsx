import { View } from '@react-pdf/renderer';
import type { AgreementSnapshot } from '@/lib/domain/agreement';
import type { AgreementFacts, AgreementText } from '../text/types';
import { T, KeyValues } from './primitives';
import { styles } from './styles';

type Props = { s: AgreementSnapshot; t: AgreementText; other: AgreementText; f: AgreementFacts };

/** Title, the agreement's number, date and verification code, and the parties. */
export function Cover({ s, t, other, f }: Props) {
  const meta: [string, string][] = [
    [t.meta.agreementNo, s.agreementNo],
    [t.meta.date, f.date],
    [t.meta.caseNo, s.caseNo],
    [t.meta.verificationCode, s.verificationCode],
  ];
  const creditorName = s.locale === 'zh-CN' ? s.creditor.name : `${s.creditor.nameEn}\n${s.creditor.name}`;
  return (
    <View>
      <T style={s.locale === 'zh-CN' ? [styles.title, styles.titleZh] : styles.title}>{t.title}</T>
      <T style={styles.titleOther}>{other.title}</T>
      <T style={styles.subtitle}>{t.subtitle}</T>
      <View style={styles.metaBox}>
        {meta.map(([label, value]) => (
          <View key={label} style={styles.metaItem}>
            <T style={styles.metaLabel}>{label}</T>
            <T style={[styles.metaValue, styles.kvStrong]}>{value}</T>
          </View>
        ))}
      </View>
      <T style={styles.hint}>{t.meta.verifyHint}</T>
      <View style={styles.parties} wrap={false}>
        <View style={styles.party}>
          <T style={styles.partyRole}>{t.parties.creditor}</T>
          <KeyValues
            labelWidth="42%"
            rows={[
              [t.parties.name, creditorName],
              [t.parties.creditCode, s.creditor.creditCode],
              [t.parties.address, s.creditor.address],
              [t.parties.servicePhone, s.creditor.servicePhone],
            ]}
          />
        </View>
        <View style={styles.party}>
          <T style={styles.partyRole}>{t.parties.borrower}</T>
          <KeyValues
            labelWidth="42%"
            rows={[
              [t.parties.name, s.borrower.name],
              [t.parties.residentId, s.borrower.residentIdMasked],
              [t.parties.phone, s.borrower.phoneMasked],
              [t.parties.borrowerAddress, s.borrower.address ?? t.parties.none],
            ]}
          />
        </View>
      </View>
      <T style={[styles.para, { marginTop: 10 }]}>{t.preamble(f)}</T>
    </View>
  );
}
