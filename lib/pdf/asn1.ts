import forge from 'node-forge';

/**
 * The ASN.1 (DER) helpers the seal (seal.ts) writes with and its verifier
 * (verify-seal.ts) reads with, on node-forge's encoder and parser.
 */
export type Asn1 = forge.asn1.Asn1;
export const { asn1 } = forge;
export const UNIVERSAL = asn1.Class.UNIVERSAL;
export const CONTEXT = asn1.Class.CONTEXT_SPECIFIC;
export const T = asn1.Type;

export const toDer = (node: Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');

/** Strict DER parse that keeps BIT STRINGs opaque, so re-encoding reproduces the input byte for byte. */
export const parseDer = (der: Buffer) =>
  (asn1.fromDer as unknown as (bytes: forge.util.ByteStringBuffer, options: object) => Asn1)(forge.util.createBuffer(der.toString('binary')), {
    strict: true,
    parseAllBytes: true,
    decodeBitStrings: false,
  });

/** The serial number, issuer and subject of a certificate's TBSCertificate, where they sit whether or not the optional [0] version is there. */
export function tbsCertificateFields(fields: Asn1[]): { serial: Asn1 | undefined; issuer: Asn1 | undefined; subject: Asn1 | undefined } {
  const offset = fields[0]?.tagClass === CONTEXT ? 1 : 0;
  return { serial: fields[offset], issuer: fields[offset + 2], subject: fields[offset + 4] };
}
