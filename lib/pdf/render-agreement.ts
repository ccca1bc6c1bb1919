import { renderToBuffer } from '@react-pdf/renderer';
import QRCode from 'qrcode';
import { createElement } from 'react';
import type { AgreementSnapshot, SignatureMark, SigningCertificate } from '@/lib/domain/agreement';
import { AgreementDocument } from './agreement-document';
import { loadFonts } from './fonts';
import { signaturePng } from './parts/signatures';

export type RenderAgreementInput = {
  snapshot: AgreementSnapshot;
  /** The signatures to place on the document (typed name and drawn PNG); none for the copy the borrower reviews. */
  signatures?: SignatureMark[];
  /** Appends the signing certificate page(s). */
  certificate?: SigningCertificate;
};

/** The QR code of the verification page, as a PNG data URL (deterministic for a given URL). */
export function verificationQrDataUrl(url: string): Promise<string> {
  return QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, scale: 4, type: 'image/png' });
}

/**
 * Renders the repayment agreement to PDF bytes. The PDF's dates come from the
 * snapshot and its producer is fixed, so the same input gives the same bytes.
 * Sealing (PKCS#7) is done afterwards on these bytes.
 */
export async function renderAgreementPdf(input: RenderAgreementInput): Promise<Buffer> {
  // Checked here, before rendering: an error thrown inside react-pdf's render surfaces as an unrelated one.
  for (const mark of input.signatures ?? []) signaturePng(mark);
  await loadFonts();
  const qrDataUrl = input.certificate ? await verificationQrDataUrl(input.certificate.verificationUrl) : undefined;
  const element = createElement(AgreementDocument, { snapshot: input.snapshot, signatures: input.signatures, certificate: input.certificate, qrDataUrl });
  // renderToBuffer's type wants a <Document> element; AgreementDocument renders exactly one.
  return renderToBuffer(element as unknown as Parameters<typeof renderToBuffer>[0]);
}
