import { renderToBuffer } from '@react-pdf/renderer';
import QRCode from 'qrcode';
import { createElement } from 'react';
import type { AgreementSnapshot, SignatureMark, SigningCertificate } from '@/lib/domain/agreement';
import { AgreementDocument } from './agreement-document';
import { loadFonts } from './fonts';
import { encodePng, flattenPng } from './png';

export type RenderAgreementInput = {
  snapshot: AgreementSnapshot;
  /** The signatures to place on the document (typed name and drawn PNG); none for the copy the borrower reviews. */
  signatures?: SignatureMark[];
  /** Appends the signing certificate page(s). */
  certificate?: SigningCertificate;
};

/**
 * The QR code of the verification page as a PNG data URL: the qrcode package
 * makes the symbol, encoded here as an opaque greyscale PNG (4 px a module, a
 * 2-module quiet zone) so pdfkit embeds it synchronously (see png.ts).
 */
export function verificationQrDataUrl(url: string): string {
  const { size, data } = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
  const scale = 4;
  const quiet = 2;
  const side = (size + 2 * quiet) * scale;
  const pixels = new Uint8Array(side * side).fill(255);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!data[row * size + col]) continue;
      for (let dy = 0; dy < scale; dy++) pixels.fill(0, ((row + quiet) * scale + dy) * side + (col + quiet) * scale, ((row + quiet) * scale + dy) * side + (col + quiet + 1) * scale);
    }
  }
  return `data:image/png;base64,${encodePng(side, side, 1, pixels).toString('base64')}`;
}

/**
 * Renders the repayment agreement to PDF bytes. The PDF's dates come from the
 * snapshot and its producer is fixed, so the same input gives the same bytes.
 * Sealing (PKCS#7) is done afterwards on these bytes.
 */
export async function renderAgreementPdf(input: RenderAgreementInput): Promise<Buffer> {
  // Checked and flattened here, before rendering: an error thrown inside react-pdf's render surfaces as an unrelated one.
  const signatures = input.signatures?.map((mark) => {
    if (!mark.drawnPng?.length) return mark;
    try {
      return { ...mark, drawnPng: new Uint8Array(flattenPng(mark.drawnPng)) };
    } catch (error) {
      throw new RangeError(`the ${mark.signer}'s drawn signature is not a usable PNG image (${(error as Error).message})`);
    }
  });
  await loadFonts();
  const qrDataUrl = input.certificate ? verificationQrDataUrl(input.certificate.verificationUrl) : undefined;
  const element = createElement(AgreementDocument, { snapshot: input.snapshot, signatures, certificate: input.certificate, qrDataUrl });
  // renderToBuffer's type wants a <Document> element; AgreementDocument renders exactly one.
  return renderToBuffer(element as unknown as Parameters<typeof renderToBuffer>[0]);
}
