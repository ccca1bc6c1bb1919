import crypto from 'node:crypto';
import { asn1, CONTEXT, T, tbsCertificateFields, toDer, parseDer, UNIVERSAL, type Asn1 } from './asn1';
import { OID } from './cms-oids';

/**
 * Checks the digital seal that sealPdf puts on an agreement, without any
 * external binary, so the public verification page and the verify-agreement
 * CLI give the same answer anywhere.
 *
 * The goal is that any change to any byte of a sealed file is caught:
 * - outside the signature hole, the bytes are covered by the message digest;
 * - the ByteRange must frame exactly the /Contents hole and reach the end of
 *   the file, so nothing can be appended or moved;
 * - inside the hole, the hex must be lowercase, the CMS must be canonical DER
 *   followed only by zero padding, and every field we do not sign must be
 *   exactly what sealPdf writes: the signer certificate is bound by the signed
 *   ESS signing-certificate-v2 hash, other certificates must chain to it.
 * forge parses the ASN.1; node:crypto does the hashing and RSA verification
 * (faster, and forge's pki verification does not cover CMS anyway).
 */
export type SealVerification = {
  /** The file carries a digital signature (intact or not). */
  signed: boolean;
  /** The signature verifies and the signed bytes are unchanged. */
  intact: boolean;
  /** The signed byte ranges are the whole file except the signature value itself. */
  coversWholeFile: boolean;
  signerCn: string | null;
  /** The signing-time attribute of the CMS, ISO 8601. */
  signedAt: string | null;
  /** Why the verdict is what it is, in English (logs, CLI). */
  reason: string;
  /** SHA-256 (hex) of the whole file, as stored in the agreements table. */
  sha256: string;
  /** SHA-256 (hex) of the signer certificate (DER), to compare with the portal's own. */
  signerCertificateSha256: string | null;
};

const HASH_BY_OID: Record<string, string> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

class SealFormatError extends Error {}

const sha256Hex = (...parts: Buffer[]) => {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

export function verifySealedPdf(pdf: Buffer): SealVerification {
  const result: SealVerification = {
    signed: false,
    intact: false,
    coversWholeFile: false,
    signerCn: null,
    signedAt: null,
    reason: '',
    sha256: sha256Hex(pdf),
    signerCertificateSha256: null,
  };
  const range = lastByteRange(pdf);
  if (!range) return { ...result, reason: 'The file carries no digital signature.' };
  result.signed = true;

  const [a, b, c, d] = range;
  // The hole is "<hex>": it starts where the first range ends and the second range starts right after it.
  result.coversWholeFile = a === 0 && b > 0 && c > b + 1 && c + d === pdf.length;
  const fail = (reason: string): SealVerification => ({ ...result, intact: false, reason });

  if (a + b > pdf.length || c + d > pdf.length || c < a + b + 2 || pdf[a + b] !== 0x3c || pdf[c - 1] !== 0x3e) {
    return fail('The signature’s byte ranges do not frame a signature value: the file was altered.');
  }
  const hex = pdf.toString('latin1', a + b + 1, c - 1);
  // sealPdf writes lowercase hex with no whitespace; any other spelling is a change.
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) return fail('The signature value is not in the form the portal writes: the file was altered.');

  let cms: ParsedCms;
  try {
    cms = parseCms(Buffer.from(hex, 'hex'));
  } catch (error) {
    const detail = error instanceof SealFormatError ? error.message : 'it cannot be decoded';
    return fail(`The signature is damaged (${detail}): the file was altered.`);
  }
  result.signerCn = cms.signerCn;
  result.signedAt = cms.signingTime?.toISOString() ?? null;
  result.signerCertificateSha256 = sha256Hex(cms.signerCertificateDer);

  const digest = crypto.createHash(cms.digestAlgorithm).update(pdf.subarray(a, a + b)).update(pdf.subarray(c, c + d)).digest();
  if (!digest.equals(cms.messageDigest)) return fail('The document’s bytes do not match the signed digest: the file was altered after sealing.');

  const signatureOk = crypto.verify(
    cms.digestAlgorithm,
    cms.signedAttributesDer,
    { key: cms.signerPublicKey, padding: crypto.constants.RSA_PKCS1_PADDING },
    cms.signature,
  );
  if (!signatureOk) return fail('The digital signature does not verify with the signer’s certificate: the seal was altered.');

  if (!result.coversWholeFile) {
    return { ...result, intact: true, reason: 'The signature is valid, but it does not cover the whole file: content was added or moved after sealing.' };
  }
  return {
    ...result,
    intact: true,
    reason: `Sealed by “${cms.signerCn ?? 'unknown signer'}”${result.signedAt ? ` at ${result.signedAt}` : ''}; every byte is as sealed.`,
  };
}

/** What verifyDetachedSignature found: a detached CMS (as sealPdf and buildDetachedCms write it) over some bytes. */
export type DetachedVerification = { intact: boolean; reason: string; signerCn: string | null; signedAt: string | null; signerCertificateSha256: string | null };

/**
 * Checks a detached CMS signature (DER, as buildDetachedCms makes it) over `content`, by the same rules as a
 * PDF's seal: canonical DER, the signer certificate bound by its signed hash, the digest, then the RSA signature.
 * The evidence bundle's manifest is sealed this way.
 */
export function verifyDetachedSignature(content: Buffer, signatureDer: Buffer): DetachedVerification {
  const none = { signerCn: null, signedAt: null, signerCertificateSha256: null };
  let cms: ParsedCms;
  try {
    cms = parseCms(signatureDer);
  } catch (error) {
    const detail = error instanceof SealFormatError ? error.message : 'it cannot be decoded';
    return { ...none, intact: false, reason: `The signature is damaged (${detail}).` };
  }
  const found = { signerCn: cms.signerCn, signedAt: cms.signingTime?.toISOString() ?? null, signerCertificateSha256: sha256Hex(cms.signerCertificateDer) };
  if (!crypto.createHash(cms.digestAlgorithm).update(content).digest().equals(cms.messageDigest)) return { ...found, intact: false, reason: 'The signed bytes were changed after signing.' };
  const ok = crypto.verify(cms.digestAlgorithm, cms.signedAttributesDer, { key: cms.signerPublicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, cms.signature);
  if (!ok) return { ...found, intact: false, reason: 'The digital signature does not verify with the signer’s certificate.' };
  return { ...found, intact: true, reason: `Signed by “${cms.signerCn ?? 'unknown signer'}”${found.signedAt ? ` at ${found.signedAt}` : ''}; every byte is as signed.` };
}

/** The last /ByteRange [a b c d] in the file: the seal is the final thing written. */
function lastByteRange(pdf: Buffer): [number, number, number, number] | null {
  const at = pdf.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const match = /^\/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]/.exec(pdf.toString('latin1', at, at + 80));
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
}

// ---------------------------------------------------------------------------
// CMS (RFC 5652) SignedData, checked field by field.

type ParsedCms = {
  digestAlgorithm: string;
  messageDigest: Buffer;
  signingTime: Date | null;
  /** The signed attributes re-tagged as SET OF (0x31): the bytes the signature covers. */
  signedAttributesDer: Buffer;
  signature: Buffer;
  signerCertificateDer: Buffer;
  signerPublicKey: crypto.KeyObject;
  signerCn: string | null;
};

const U = UNIVERSAL;

/** The node, if it has this tag (class, type, constructed or primitive); a format error otherwise. */
function requireTag(node: Asn1 | undefined, tagClass: number, type: number, constructed: boolean, what: string): Asn1 {
  if (!node || node.tagClass !== tagClass || node.type !== type || node.constructed !== constructed) {
    throw new SealFormatError(`unexpected ${what}`);
  }
  return node;
}

function children(node: Asn1, what: string, count?: number): Asn1[] {
  const list = node.value;
  if (!Array.isArray(list) || (count !== undefined && list.length !== count)) throw new SealFormatError(`unexpected ${what}`);
  return list;
}

function bytesOf(node: Asn1): string {
  if (typeof node.value !== 'string') throw new SealFormatError('unexpected constructed value');
  return node.value;
}

function oidOf(node: Asn1 | undefined, what: string): string {
  return asn1.derToOid(bytesOf(requireTag(node, U, T.OID, false, what)));
}

function requireInteger(node: Asn1 | undefined, value: number, what: string) {
  if (bytesOf(requireTag(node, U, T.INTEGER, false, what)) !== String.fromCharCode(value)) throw new SealFormatError(`unexpected ${what}`);
}

/** AlgorithmIdentifier exactly as sealPdf writes it: { OID, NULL }. */
function requireAlgorithm(node: Asn1 | undefined, allowed: string[], what: string): string {
  const [id, params] = children(requireTag(node, U, T.SEQUENCE, true, what), what, 2);
  const algorithm = oidOf(id, what);
  if (!allowed.includes(algorithm) || bytesOf(requireTag(params, U, T.NULL, false, what)) !== '') throw new SealFormatError(`unsupported ${what}`);
  return algorithm;
}

function decodeTime(node: Asn1): Date {
  let date: Date | null = null;
  if (node.tagClass === U && node.type === T.UTCTIME) date = asn1.utcTimeToDate(bytesOf(node));
  else if (node.tagClass === U && node.type === T.GENERALIZEDTIME) date = asn1.generalizedTimeToDate(bytesOf(node));
  if (!date || Number.isNaN(date.getTime())) throw new SealFormatError('unreadable signing time');
  return date;
}

type CertificateInfo = { der: Buffer; x509: crypto.X509Certificate; serial: Buffer; issuer: Buffer; subject: Buffer; subjectNode: Asn1 };

function certificateInfo(node: Asn1): CertificateInfo {
  const tbs = requireTag(children(requireTag(node, U, T.SEQUENCE, true, 'certificate'), 'certificate', 3)[0], U, T.SEQUENCE, true, 'certificate');
  const fields = tbsCertificateFields(children(tbs, 'certificate'));
  const serial = requireTag(fields.serial, U, T.INTEGER, false, 'certificate serial');
  const issuer = requireTag(fields.issuer, U, T.SEQUENCE, true, 'certificate issuer');
  const subject = requireTag(fields.subject, U, T.SEQUENCE, true, 'certificate subject');
  const der = toDer(node);
  let x509: crypto.X509Certificate;
  try {
    x509 = new crypto.X509Certificate(der);
  } catch {
    throw new SealFormatError('unreadable certificate');
  }
  return { der, x509, serial: toDer(serial), issuer: toDer(issuer), subject: toDer(subject), subjectNode: subject };
}

/** The subject CN, decoding the string types certificates use. */
function commonName(name: Asn1): string | null {
  for (const rdn of Array.isArray(name.value) ? name.value : []) {
    for (const pair of Array.isArray(rdn.value) ? rdn.value : []) {
      const [type, value] = Array.isArray(pair.value) ? pair.value : [];
      if (!type || !value || typeof type.value !== 'string' || typeof value.value !== 'string') continue;
      if (asn1.derToOid(type.value) !== OID.commonName) continue;
      const raw = Buffer.from(value.value, 'binary');
      if (value.type === T.UTF8) return raw.toString('utf8');
      if (value.type === T.BMPSTRING) return Buffer.from(raw).swap16().toString('utf16le');
      return raw.toString('latin1');
    }
  }
  return null;
}

function parseCms(hole: Buffer): ParsedCms {
  // The DER value is followed by zero padding up to the size of the hole; nothing else may be there.
  const der = hole.subarray(0, derLength(hole));
  if (hole.subarray(der.length).some((byte) => byte !== 0)) throw new SealFormatError('data after the signature');
  let root: Asn1;
  try {
    root = parseDer(der);
  } catch {
    throw new SealFormatError('not valid DER');
  }
  // Only canonical DER is accepted, so no byte can change without changing a value.
  if (!toDer(root).equals(der)) throw new SealFormatError('not canonical DER');

  const [contentType, wrapped] = children(requireTag(root, U, T.SEQUENCE, true, 'ContentInfo'), 'ContentInfo', 2);
  if (oidOf(contentType, 'content type') !== OID.signedData) throw new SealFormatError('not a SignedData');
  const [signedData] = children(requireTag(wrapped, CONTEXT, 0, true, 'ContentInfo'), 'ContentInfo', 1);
  const [version, digestAlgorithms, encap, certificatesNode, signerInfos] = children(
    requireTag(signedData, U, T.SEQUENCE, true, 'SignedData'),
    'SignedData',
    5,
  );
  requireInteger(version, 1, 'SignedData version');
  const [digestAlgorithmNode] = children(requireTag(digestAlgorithms, U, T.SET, true, 'digest algorithms'), 'digest algorithms', 1);
  const digestOid = requireAlgorithm(digestAlgorithmNode, [OID.sha256], 'digest algorithm');
  // Detached: the content type is id-data and the content itself is absent.
  const [eContentType] = children(requireTag(encap, U, T.SEQUENCE, true, 'encapsulated content'), 'encapsulated content', 1);
  if (oidOf(eContentType, 'encapsulated content type') !== OID.data) throw new SealFormatError('unexpected encapsulated content type');

  const certificates = children(requireTag(certificatesNode, CONTEXT, 0, true, 'certificates'), 'certificates').map(certificateInfo);
  const [signerInfo] = children(requireTag(signerInfos, U, T.SET, true, 'signer infos'), 'signer infos', 1);
  const [siVersion, sid, siDigest, signedAttrs, siSignatureAlgorithm, siSignature] = children(
    requireTag(signerInfo, U, T.SEQUENCE, true, 'SignerInfo'),
    'SignerInfo',
    6,
  );
  requireInteger(siVersion, 1, 'SignerInfo version');
  const [sidIssuer, sidSerial] = children(requireTag(sid, U, T.SEQUENCE, true, 'signer identifier'), 'signer identifier', 2);
  if (requireAlgorithm(siDigest, [OID.sha256], 'signer digest algorithm') !== digestOid) throw new SealFormatError('inconsistent digest algorithms');
  requireAlgorithm(siSignatureAlgorithm, [OID.rsaEncryption], 'signature algorithm');
  const signature = Buffer.from(bytesOf(requireTag(siSignature, U, T.OCTETSTRING, false, 'signature')), 'binary');

  const issuerDer = toDer(requireTag(sidIssuer, U, T.SEQUENCE, true, 'signer issuer'));
  const serialDer = toDer(requireTag(sidSerial, U, T.INTEGER, false, 'signer serial'));
  const signer = certificates.find((cert) => cert.issuer.equals(issuerDer) && cert.serial.equals(serialDer));
  if (!signer) throw new SealFormatError('the signer certificate is missing');
  checkChain(signer, certificates);

  // Signed attributes: [0] IMPLICIT SET OF Attribute.
  const attributes = new Map<string, Asn1>();
  for (const attr of children(requireTag(signedAttrs, CONTEXT, 0, true, 'signed attributes'), 'signed attributes')) {
    const [type, values] = children(requireTag(attr, U, T.SEQUENCE, true, 'attribute'), 'attribute', 2);
    const id = oidOf(type, 'attribute type');
    const [value] = children(requireTag(values, U, T.SET, true, 'attribute values'), 'attribute values', 1);
    if (attributes.has(id)) throw new SealFormatError('duplicate signed attribute');
    attributes.set(id, value!);
  }
  if (oidOf(attributes.get(OID.contentType), 'content-type attribute') !== OID.data) throw new SealFormatError('unexpected content-type attribute');
  const messageDigest = Buffer.from(bytesOf(requireTag(attributes.get(OID.messageDigest), U, T.OCTETSTRING, false, 'message-digest attribute')), 'binary');
  const timeNode = attributes.get(OID.signingTime);
  const signingTime = timeNode ? decodeTime(timeNode) : null;
  checkSigningCertificate(attributes.get(OID.signingCertificateV2), signer.der);

  return {
    digestAlgorithm: HASH_BY_OID[digestOid]!,
    messageDigest,
    signingTime,
    signedAttributesDer: toDer(asn1.create(U, T.SET, true, children(signedAttrs!, 'signed attributes'))),
    signature,
    signerCertificateDer: signer.der,
    signerPublicKey: signer.x509.publicKey,
    signerCn: commonName(signer.subjectNode),
  };
}

/** Length of the outer DER value (tag, length octets and contents). */
function derLength(bytes: Buffer): number {
  if (bytes.length < 2 || bytes[0] !== 0x30) throw new SealFormatError('not a DER SEQUENCE');
  const first = bytes[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || bytes.length < 2 + count) throw new SealFormatError('bad DER length');
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
  if (2 + count + length > bytes.length) throw new SealFormatError('truncated');
  return 2 + count + length;
}

/**
 * ESS signing-certificate-v2 (RFC 5035): the signed hash of the signer
 * certificate, so the certificate in the unsigned certificate set cannot be
 * edited or replaced.
 */
function checkSigningCertificate(node: Asn1 | undefined, signerDer: Buffer) {
  if (!node) throw new SealFormatError('the signer certificate is not bound to the signature');
  const [certs] = children(requireTag(node, U, T.SEQUENCE, true, 'signing-certificate-v2'), 'signing-certificate-v2');
  const [first] = children(requireTag(certs, U, T.SEQUENCE, true, 'signing-certificate-v2'), 'signing-certificate-v2');
  const fields = children(requireTag(first, U, T.SEQUENCE, true, 'ESSCertIDv2'), 'ESSCertIDv2');
  let hashAlgorithm = 'sha256'; // the DEFAULT when the field is absent
  let index = 0;
  if (fields[0]?.tagClass === U && fields[0].type === T.SEQUENCE) {
    const algorithm = oidOf(children(fields[0], 'ESSCertIDv2 hash algorithm')[0], 'ESSCertIDv2 hash algorithm');
    const name = HASH_BY_OID[algorithm];
    if (!name) throw new SealFormatError('unsupported certificate hash');
    hashAlgorithm = name;
    index = 1;
  }
  const certHash = Buffer.from(bytesOf(requireTag(fields[index], U, T.OCTETSTRING, false, 'certificate hash')), 'binary');
  if (!crypto.createHash(hashAlgorithm).update(signerDer).digest().equals(certHash)) {
    throw new SealFormatError('the signer certificate does not match the signed certificate hash');
  }
}

/**
 * Every certificate in the seal must be the signer's or on its issuer chain,
 * and each link must verify (a self-issued top must verify with its own key):
 * a stray or edited certificate would otherwise go unnoticed.
 */
function checkChain(signer: CertificateInfo, certificates: CertificateInfo[]) {
  const used = new Set<CertificateInfo>([signer]);
  let current = signer;
  for (let step = 0; step <= certificates.length; step++) {
    if (current.issuer.equals(current.subject)) {
      if (!current.x509.verify(current.x509.publicKey)) throw new SealFormatError('a certificate’s signature is broken');
      break;
    }
    const issuer = certificates.find((cert) => cert !== current && cert.subject.equals(current.issuer));
    if (!issuer) break; // the chain continues outside the seal (a CA the reader must know)
    if (!current.x509.verify(issuer.x509.publicKey)) throw new SealFormatError('a certificate’s signature is broken');
    if (used.has(issuer)) break;
    used.add(issuer);
    current = issuer;
  }
  if (used.size !== certificates.length) throw new SealFormatError('unexpected certificate in the seal');
}
