import crypto from 'node:crypto';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { loadSigningKeyMaterial, type SigningKeyMaterial } from './signing-identity';
import { asn1, CONTEXT, parseDer, T, tbsCertificateFields, toDer, UNIVERSAL, type Asn1 } from './asn1';
import { OID } from './cms-oids';

/**
 * The creditor's digital seal on an agreement PDF: a detached CMS (PKCS#7)
 * signature over the whole file, the form every PDF reader checks.
 *
 * SubFilter adbe.pkcs7.detached, with CAdES-BES signed attributes (content-type,
 * signing-time, message-digest, ESS signing-certificate-v2):
 * - adbe.pkcs7.detached is what Acrobat, Foxit, WPS, pdf.js and poppler all
 *   validate; ETSI.CAdES.detached would declare PAdES conformance, and PAdES
 *   forbids the signing-time attribute (the time moves to /M only), while we
 *   want the signing time inside the signed CMS where pdfsig and our own
 *   verifier read it;
 * - signing-certificate-v2 (the CAdES part) signs the hash of the certificate,
 *   so the certificate embedded in the seal cannot be swapped or edited
 *   without breaking the signature.
 *
 * The CMS is assembled here rather than by @signpdf/signer-p12, which (via
 * forge's pkcs7) re-encodes UTF8String names twice in the SignerInfo issuer so
 * no validator finds the signer certificate of a Chinese-named certificate
 * (pdfsig: "Unknown Validation Failure"), and which decrypts the PKCS#12 and
 * signs in pure JavaScript on every call (150-500 ms). Here the key is parsed
 * once per process and node:crypto hashes and signs.
 */
export type SealInfo = {
  /** Why the document is sealed, e.g. "Repayment agreement executed". */
  reason: string;
  location: string;
  contactInfo?: string;
  /** The sealing party (the creditor). */
  name: string;
};

export const SEAL_SUB_FILTER = 'adbe.pkcs7.detached';


export async function sealPdf(pdf: Buffer, info: SealInfo): Promise<Buffer> {
  if (pdf.includes('/ByteRange')) {
    // pdf-lib rewrites the whole file, which would silently break an earlier signature.
    throw new Error('sealPdf: the PDF is already signed; seal the freshly rendered document instead.');
  }
  const material = await loadSigningKeyMaterial();
  const signingTime = new Date();

  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = doc.getPages();
  pdflibAddPlaceholder({
    pdfDoc: doc,
    // On the last page, where the signing certificate page is; invisible (zero-size widget).
    pdfPage: pages[pages.length - 1],
    reason: pdfTextString(info.reason),
    location: pdfTextString(info.location),
    contactInfo: pdfTextString(info.contactInfo ?? ''),
    name: pdfTextString(info.name),
    signingTime,
    signatureLength: placeholderLength(material),
    subFilter: SEAL_SUB_FILTER,
    appName: 'Concord',
  });
  // Classic cross-reference tables keep the file readable by PDF 1.3/1.4-era readers.
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new SignPdf().sign(prepared, new CmsSealSigner(material), signingTime);
}

/**
 * Size of the /Contents hole in hex digits (pdflibAddPlaceholder's signatureLength
 * counts hex digits, so 8192 holds 4096 bytes of CMS): the certificates plus
 * ~3 KB for signed attributes and an RSA-4096 signature, rounded up.
 */
function placeholderLength(material: SigningKeyMaterial): number {
  const certificates = nodeKey(material).certificates.reduce((sum, der) => sum + der.length, 0);
  return Math.max(8192, Math.ceil(((certificates + 3072) * 2) / 1024) * 1024);
}

/**
 * @signpdf/placeholder-pdf-lib writes these values with PDFString.of, byte for
 * byte and unescaped. Anything beyond printable ASCII (Chinese place and bank
 * names) becomes a UTF-16BE text string with BOM (PDF 32000 §7.9.2.2), and all
 * non-printable bytes and ( ) \ are octal-escaped, so the literal is pure ASCII.
 */
export function pdfTextString(text: string): string {
  const ascii = /^[\x20-\x7e]*$/.test(text);
  const bytes = ascii ? Buffer.from(text, 'latin1') : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  let out = '';
  for (const byte of bytes) {
    const printable = byte >= 0x20 && byte <= 0x7e && byte !== 0x28 && byte !== 0x29 && byte !== 0x5c;
    out += printable ? String.fromCharCode(byte) : '\\' + byte.toString(8).padStart(3, '0');
  }
  return out;
}

class CmsSealSigner extends Signer {
  constructor(private readonly material: SigningKeyMaterial) {
    super();
  }

  async sign(content: Buffer, signingTime?: Date): Promise<Buffer> {
    return buildDetachedCms(content, this.material, signingTime ?? new Date());
  }
}

const U = UNIVERSAL;
const seq = (value: Asn1[]) => asn1.create(U, T.SEQUENCE, true, value);
const set = (value: Asn1[]) => asn1.create(U, T.SET, true, value);
const oid = (value: string) => asn1.create(U, T.OID, false, asn1.oidToDer(value).getBytes());
const integer = (value: number) => asn1.create(U, T.INTEGER, false, asn1.integerToDer(value).getBytes());
const octets = (value: Buffer) => asn1.create(U, T.OCTETSTRING, false, value.toString('binary'));
const nullValue = () => asn1.create(U, T.NULL, false, '');
const explicit = (tag: number, value: Asn1[]) => asn1.create(CONTEXT, tag, true, value);
const attribute = (type: string, value: Asn1) => seq([oid(type), set([value])]);

function certificateDer(cert: forge.pki.Certificate): Buffer {
  // forge keeps the parsed tbsCertificate, so this reproduces the original bytes.
  return toDer(forge.pki.certificateToAsn1(cert));
}

/** Issuer Name and serial INTEGER exactly as they appear in the certificate (forge would re-encode names). */
function issuerAndSerial(cert: forge.pki.Certificate): { issuer: Asn1; serial: Asn1 } {
  // Present on every certificate forge parsed, which is all of ours (they come out of a PKCS#12).
  const tbs = (cert as unknown as { tbsCertificate?: Asn1 }).tbsCertificate;
  if (!tbs || !Array.isArray(tbs.value)) throw new Error('Malformed signing certificate');
  const { serial, issuer } = tbsCertificateFields(tbs.value);
  if (!serial || !issuer) throw new Error('Malformed signing certificate');
  return { issuer: parseDer(toDer(issuer)), serial: parseDer(toDer(serial)) };
}

function timeValue(date: Date): Asn1 {
  // RFC 5652 §11.3: UTCTime for 1950-2049, GeneralizedTime otherwise.
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(U, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

type KeyCache = { key: crypto.KeyObject; certificates: Buffer[] };
const keyCache = new WeakMap<SigningKeyMaterial, KeyCache>();

function nodeKey(material: SigningKeyMaterial): KeyCache {
  let entry = keyCache.get(material);
  if (!entry) {
    entry = {
      key: crypto.createPrivateKey(forge.pki.privateKeyToPem(material.privateKey)),
      certificates: material.chain.map(certificateDer),
    };
    keyCache.set(material, entry);
  }
  return entry;
}

/** RFC 5652 SignedData, detached, one SignerInfo, SHA-256 with RSA PKCS#1 v1.5. */
export function buildDetachedCms(content: Buffer, material: SigningKeyMaterial, signingTime: Date): Buffer {
  const { key, certificates } = nodeKey(material);
  const signerDer = certificates[0]!;
  const { issuer, serial } = issuerAndSerial(material.certificate);
  const sha256Algorithm = () => seq([oid(OID.sha256), nullValue()]);

  const essCertIdV2 = seq([
    // hashAlgorithm is omitted: its DEFAULT is SHA-256 (RFC 5035).
    octets(crypto.createHash('sha256').update(signerDer).digest()),
    seq([seq([explicit(4, [issuer])]), serial]), // IssuerSerial { GeneralNames { directoryName }, serial }
  ]);
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.signingTime, timeValue(signingTime)),
    attribute(OID.messageDigest, octets(crypto.createHash('sha256').update(content).digest())),
    attribute(OID.signingCertificateV2, seq([seq([essCertIdV2])])),
  ];
  // DER orders a SET OF by encoding; validators (NSS) re-encode before checking, so the order must match.
  const sorted = attributes
    .map((a) => ({ a, der: toDer(a) }))
    .sort((x, y) => Buffer.compare(x.der, y.der))
    .map((x) => x.a);
  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] IMPLICIT field.
  const signature = crypto.sign('sha256', toDer(set(sorted)), key);

  const signerInfo = seq([
    integer(1),
    seq([issuer, serial]),
    sha256Algorithm(),
    explicit(0, sorted), // [0] IMPLICIT SET OF Attribute: constructed context tag 0 over the same elements
    seq([oid(OID.rsaEncryption), nullValue()]),
    octets(signature),
  ]);
  const signedData = seq([
    integer(1),
    set([sha256Algorithm()]),
    seq([oid(OID.data)]), // detached: no eContent
    explicit(0, certificates.map(parseDer)),
    set([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), explicit(0, [signedData])]));
}

/** A detached CMS signature over any bytes with the creditor's certificate (the evidence bundle's manifest); checked by verifyDetachedSignature. */
export async function signDetached(content: Buffer, signingTime = new Date()): Promise<Buffer> {
  return buildDetachedCms(content, await loadSigningKeyMaterial(), signingTime);
}
