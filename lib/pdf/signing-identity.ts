import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { getEnv } from '@/lib/env';

/**
 * The creditor's sealing identity: the certificate and private key that put the
 * PKCS#7 seal on every signed agreement.
 *
 * - Deployment: CONCORD_SIGNING_P12 (base64 of a PKCS#12 file) with
 *   CONCORD_SIGNING_P12_PASSWORD (may be empty).
 * - Demo mode: a self-signed certificate is generated on first use and kept
 *   under DATA_DIR, so every document sealed by this installation carries the
 *   same certificate and stays verifiable after a restart.
 *
 * No 'server-only' import: the verify-agreement CLI uses this module too.
 */
export type SigningIdentity = {
  /** The PKCS#12 bytes, as @signpdf/signer-p12 expects them. */
  p12: Buffer;
  passphrase: string;
  /** The signer (end-entity) certificate, PEM. */
  certificatePem: string;
  subjectCn: string;
};

/** Parsed once per process so sealing does not pay for PKCS#12 decryption every time. */
export type SigningKeyMaterial = {
  identity: SigningIdentity;
  privateKey: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  /** Certificates to embed: the signer first, then any chain the P12 carries. */
  chain: forge.pki.Certificate[];
};

export const DEMO_SUBJECT_CN = 'Concord Demo Seal — 浙江青溪农村商业银行';
const DEMO_ORGANIZATION = '浙江青溪农村商业银行 (Concord demo)';
const P12_FILE = 'signing.p12';
const META_FILE = 'signing.json';
/** id-kp-documentSigning (RFC 9336): forge has no name for it, so it is given as an OID. */
const OID_DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';

type Meta = { passphrase: string; createdAt: string };

let cached: Promise<SigningKeyMaterial> | undefined;

export function loadSigningIdentity(): Promise<SigningIdentity> {
  return loadSigningKeyMaterial().then((m) => m.identity);
}

/** The identity with its key already parsed; what sealPdf uses. Cached per process. */
export function loadSigningKeyMaterial(): Promise<SigningKeyMaterial> {
  if (!cached) {
    cached = Promise.resolve()
      .then(resolveKeyMaterial)
      .catch((error: unknown) => {
        // A failure (bad passphrase, unreadable DATA_DIR) must not stick: the next call retries.
        cached = undefined;
        throw error;
      });
  }
  return cached;
}

/**
 * The identity as configured, without creating one: null in demo mode before
 * anything was sealed, or in a deployment without CONCORD_SIGNING_P12. For
 * verifiers, which must not mint a certificate as a side effect.
 */
export async function loadExistingSigningIdentity(): Promise<SigningIdentity | null> {
  if (process.env.CONCORD_SIGNING_P12?.trim()) return loadSigningIdentity();
  const env = getEnv();
  const dir = path.resolve(env.DATA_DIR);
  if (!env.DEMO_MODE || !fs.existsSync(path.join(dir, P12_FILE)) || !fs.existsSync(path.join(dir, META_FILE))) return null;
  return loadSigningIdentity();
}

/** SHA-256 (hex, of the DER) of this portal's certificate, when there is one: what the command-line verifiers trust without a database. */
export async function existingCertificateSha256(): Promise<{ sha256: string; subjectCn: string } | null> {
  const identity = await loadExistingSigningIdentity().catch(() => null);
  if (!identity) return null;
  const der = Buffer.from(identity.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return { sha256: crypto.createHash('sha256').update(der).digest('hex'), subjectCn: identity.subjectCn };
}

function resolveKeyMaterial(): SigningKeyMaterial {
  const fromEnv = process.env.CONCORD_SIGNING_P12;
  if (fromEnv && fromEnv.trim() !== '') {
    const p12 = Buffer.from(fromEnv.trim(), 'base64');
    const passphrase = process.env.CONCORD_SIGNING_P12_PASSWORD ?? '';
    try {
      return parseP12(p12, passphrase);
    } catch (error) {
      throw new Error(
        `CONCORD_SIGNING_P12 could not be read as a PKCS#12 file with CONCORD_SIGNING_P12_PASSWORD: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const env = getEnv();
  if (!env.DEMO_MODE) {
    throw new Error(
      'CONCORD_SIGNING_P12 is not set: agreements cannot be sealed. Set it to the base64 of the creditor’s PKCS#12 ' +
        'certificate file (and CONCORD_SIGNING_P12_PASSWORD to its password); required when DEMO_MODE=false.',
    );
  }
  return loadOrCreateDemoIdentity(env.DATA_DIR);
}

/**
 * Reads the demo identity from DATA_DIR, creating it when missing. Concurrent
 * processes (the web server and a CLI, say) may race to create it: each file is
 * written to a temporary name and hard-linked into place, which fails if it
 * already exists, so the loser simply reads the winner's file.
 */
function loadOrCreateDemoIdentity(dataDir: string): SigningKeyMaterial {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const metaPath = path.join(dir, META_FILE);
  const p12Path = path.join(dir, P12_FILE);

  let meta = readMeta(metaPath);
  if (!meta) {
    const fresh: Meta = { passphrase: crypto.randomBytes(24).toString('base64url'), createdAt: new Date().toISOString() };
    if (!publishExclusive(metaPath, Buffer.from(JSON.stringify(fresh, null, 2) + '\n'))) meta = readMeta(metaPath);
    meta ??= fresh;
  }

  // The passphrase is settled before the key exists, so a crash between the
  // two files leaves a state the next call repairs instead of a P12 nobody can open.
  if (!fs.existsSync(p12Path)) {
    publishExclusive(p12Path, createDemoP12(meta.passphrase));
  }
  const p12 = fs.readFileSync(p12Path);
  try {
    return parseP12(p12, meta.passphrase);
  } catch (error) {
    throw new Error(
      `The demo signing certificate ${p12Path} cannot be opened with the passphrase in ${metaPath} ` +
        `(${(error as Error).message}). Delete both files to generate a new one; documents sealed with the old one will no longer match it.`,
      { cause: error },
    );
  }
}

function readMeta(file: string): Meta | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Meta>;
    return typeof parsed.passphrase === 'string' ? { passphrase: parsed.passphrase, createdAt: String(parsed.createdAt ?? '') } : null;
  } catch {
    return null;
  }
}

/** Writes the file atomically if it does not exist yet; false when someone else's is already there. */
function publishExclusive(target: string, contents: Buffer): boolean {
  const temp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, contents, { mode: 0o600 });
  try {
    fs.linkSync(temp, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * A 2048-bit RSA key (generated by node:crypto: forge's pure-JS keygen takes
 * seconds) and a self-signed certificate for it, packed as PKCS#12.
 */
export function createDemoP12(passphrase: string, subjectCn = DEMO_SUBJECT_CN): Buffer {
  const { privateKey: privatePem } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const privateKey = forge.pki.privateKeyFromPem(privatePem) as forge.pki.rsa.PrivateKey;
  const publicKey = forge.pki.rsa.setPublicKey(privateKey.n, privateKey.e);

  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive 16-byte serial: the leading 0x01 keeps the DER INTEGER from reading as negative.
  cert.serialNumber = '01' + crypto.randomBytes(15).toString('hex');
  const notBefore = new Date(Date.now() - 24 * 60 * 60 * 1000); // a day of slack for clock skew
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const subject = [
    { name: 'commonName', value: subjectCn, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'organizationName', value: DEMO_ORGANIZATION, valueTagClass: forge.asn1.Type.UTF8 },
    { name: 'countryName', value: 'CN' },
  ] as forge.pki.CertificateField[];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    // A seal vouches for content (nonRepudiation / contentCommitment); it never encrypts.
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true, [OID_DOCUMENT_SIGNING]: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());

  const asn1 = forge.pkcs12.toPkcs12Asn1(privateKey, [cert], passphrase, {
    algorithm: 'aes256',
    friendlyName: subjectCn,
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** Opens a PKCS#12 and finds the certificate that belongs to its private key. */
export function parseP12(p12: Buffer, passphrase: string): SigningKeyMaterial {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
  const store = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  const keyBags = [
    ...(store.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(store.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag!] ?? []),
  ];
  const privateKey = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!privateKey || !('n' in privateKey)) throw new Error('the PKCS#12 holds no RSA private key');
  const certificates = (store.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag!] ?? [])
    .map((bag) => bag.cert)
    .filter((cert): cert is forge.pki.Certificate => Boolean(cert));
  const certificate = certificates.find((cert) => {
    const pub = cert.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.equals(privateKey.n) && pub.e?.equals(privateKey.e);
  });
  if (!certificate) throw new Error('the PKCS#12 holds no certificate for its private key');
  const chain = [certificate, ...certificates.filter((cert) => cert !== certificate)];
  return {
    identity: {
      // P12Signer reads only pkcs8ShroudedKeyBag; sealPdf uses the parsed key, so any P12 layout works.
      p12,
      passphrase,
      certificatePem: forge.pki.certificateToPem(certificate),
      subjectCn: certificateCommonName(certificate) ?? '',
    },
    privateKey,
    certificate,
    chain,
  };
}

/** The subject CN as a JS string (forge keeps UTF8String values as raw UTF-8 bytes). */
export function certificateCommonName(cert: forge.pki.Certificate): string | null {
  const field = cert.subject.getField('CN') as { value?: unknown; valueTagClass?: number } | null;
  if (!field || typeof field.value !== 'string') return null;
  if (field.valueTagClass === forge.asn1.Type.UTF8) {
    try {
      return forge.util.decodeUtf8(field.value);
    } catch {
      return field.value;
    }
  }
  if (field.valueTagClass === forge.asn1.Type.BMPSTRING) {
    let out = '';
    for (let i = 0; i + 1 < field.value.length; i += 2) out += String.fromCharCode((field.value.charCodeAt(i) << 8) | field.value.charCodeAt(i + 1));
    return out;
  }
  return field.value;
}
