import { Document, Image, Page, StyleSheet, Text, View, renderToBuffer } from '@react-pdf/renderer';
import { FONT_FAMILY, loadFonts } from './fonts';
import { verificationQrDataUrl } from './render-agreement';

/**
 * The invitation letter (issue 16): the creditor, the title, the text as the creditor's template words it (with
 * the case code and the check page's address already in it), and a QR code of the check page carrying the code,
 * so that the borrower can confirm the letter is genuine before doing anything it asks. Never an amount.
 */
export type InvitationLetterInput = { creditor: string; title: string; body: string; code: string; checkUrl: string; qrCaption: string; date: string };

const styles = StyleSheet.create({
  page: { fontFamily: FONT_FAMILY, fontSize: 11, lineHeight: 1.6, padding: 56 },
  creditor: { fontSize: 13, fontWeight: 700, marginBottom: 4 },
  date: { fontSize: 10, color: '#475569', marginBottom: 24 },
  title: { fontSize: 16, fontWeight: 700, marginBottom: 16 },
  paragraph: { marginBottom: 8 },
  qrRow: { flexDirection: 'row', alignItems: 'center', marginTop: 24, gap: 16 },
  qr: { width: 110, height: 110 },
  code: { fontSize: 14, fontWeight: 700, letterSpacing: 1 },
  caption: { fontSize: 10, color: '#334155', maxWidth: 300 },
});

function InvitationLetter({ input, qr }: { input: InvitationLetterInput; qr: string }) {
  return (
    <Document title={input.title} author={input.creditor} producer="Concord" creator="Concord">
      <Page size="A4" style={styles.page}>
        <Text style={styles.creditor}>{input.creditor}</Text>
        <Text style={styles.date}>{input.date}</Text>
        <Text style={styles.title}>{input.title}</Text>
        {input.body.split(/\n{2,}/).map((paragraph, i) => (
          <Text key={i} style={styles.paragraph}>
            {paragraph}
          </Text>
        ))}
        <View style={styles.qrRow} wrap={false}>
          {/* eslint-disable-next-line jsx-a11y/alt-text -- a PDF image, not HTML */}
          <Image src={qr} style={styles.qr} />
          <View>
            <Text style={styles.code}>{input.code}</Text>
            <Text style={styles.caption}>{input.qrCaption}</Text>
          </View>
        </View>
      </Page>
    </Document>
  );
}

export async function renderInvitationLetter(input: InvitationLetterInput): Promise<Buffer> {
  await loadFonts();
  return renderToBuffer(<InvitationLetter input={input} qr={verificationQrDataUrl(input.checkUrl)} />);
}
