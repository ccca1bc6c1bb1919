import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { PDFDocument } from 'pdf-lib';
import { verifyDetachedSignature, verifySealedPdf } from '@/lib/pdf/verify-seal';
import { MANIFEST_JSON, MANIFEST_PDF, MANIFEST_SIGNATURE, manifestSchema, manifestFiles, safeEntryPath, type Manifest } from './manifest';

/**
 * Checks an evidence bundle (a ZIP file on disk) against its manifest and the manifest's seal, reading one entry
 * at a time (memory stays bounded by the manifest, whatever the size of the evidence). Pure of any database: the
 * verification page and `npm run verify-bundle` add the lookup of the manifest among the bundles this portal issued.
 */
export type BundleProblemCode =
  | 'not_a_zip'
  | 'no_manifest'
  | 'manifest_unreadable'
  | 'manifest_signature_invalid'
  | 'manifest_pdf_altered'
  | 'manifest_pdf_mismatch'
  | 'file_missing'
  | 'file_changed'
  | 'file_added'
  | 'duplicate_entry'
  | 'unsafe_path';

export type BundleProblem = { code: BundleProblemCode; path?: string; detail?: string };

export type BundleCheck = {
  /** Every listed file is present and unchanged, nothing was added, and the manifest's signature and PDF are intact. */
  intact: boolean;
  problems: BundleProblem[];
  manifest: Manifest | null;
  manifestSha256: string | null;
  signer: { cn: string | null; signedAt: string | null; certificateSha256: string | null } | null;
  filesChecked: number;
};

/** The manifest, its signature and its PDF are read whole; anything larger is not one of ours. */
const MAX_DESCRIPTOR_BYTES = 32 * 1024 * 1024;

/** The keyword that binds the printed manifest to manifest.json. */
export const manifestKeyword = (sha256: string) => `manifest-sha256:${sha256}`;

type Seen = { sha256: string; size: number };

function hashStream(stream: Readable, keep: boolean): Promise<{ sha256: string; size: number; bytes: Buffer | null }> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
      if (keep && size <= MAX_DESCRIPTOR_BYTES) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve({ sha256: hash.digest('hex'), size, bytes: keep && size <= MAX_DESCRIPTOR_BYTES ? Buffer.concat(chunks) : null }));
  });
}

async function readEntries(path: string, problems: BundleProblem[]) {
  const seen = new Map<string, Seen>();
  const kept = new Map<string, Buffer>();
  const zip = await yauzl.openPromise(path, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith('/')) return zip.readEntry();
        if (!safeEntryPath(name)) problems.push({ code: 'unsafe_path', path: name });
        if (seen.has(name)) problems.push({ code: 'duplicate_entry', path: name });
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          hashStream(stream, manifestFiles.includes(name)).then((result) => {
            seen.set(name, { sha256: result.sha256, size: result.size });
            if (result.bytes) kept.set(name, result.bytes);
            zip.readEntry();
          }, reject);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return { seen, kept };
}

async function pdfKeywords(pdf: Buffer): Promise<string> {
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    return doc.getKeywords() ?? '';
  } catch {
    return '';
  }
}

export async function checkBundle(path: string): Promise<BundleCheck> {
  const problems: BundleProblem[] = [];
  const result: BundleCheck = { intact: false, problems, manifest: null, manifestSha256: null, signer: null, filesChecked: 0 };
  let read: Awaited<ReturnType<typeof readEntries>>;
  try {
    read = await readEntries(path, problems);
  } catch (error) {
    problems.push({ code: 'not_a_zip', detail: (error as Error).message });
    return result;
  }
  const { seen, kept } = read;
  const json = kept.get(MANIFEST_JSON);
  const signature = kept.get(MANIFEST_SIGNATURE);
  if (!json || !signature) {
    problems.push({ code: 'no_manifest' });
    return result;
  }
  result.manifestSha256 = crypto.createHash('sha256').update(json).digest('hex');
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(json.toString('utf8')));
  } catch (error) {
    problems.push({ code: 'manifest_unreadable', detail: (error as Error).message.slice(0, 200) });
    return result;
  }
  result.manifest = manifest;

  const sealed = verifyDetachedSignature(json, signature);
  result.signer = { cn: sealed.signerCn, signedAt: sealed.signedAt, certificateSha256: sealed.signerCertificateSha256 };
  if (!sealed.intact) problems.push({ code: 'manifest_signature_invalid', detail: sealed.reason });

  const pdf = kept.get(MANIFEST_PDF);
  const pdfSeal = pdf ? verifySealedPdf(pdf) : null;
  if (!pdf || !pdfSeal?.intact || !pdfSeal.coversWholeFile) problems.push({ code: 'manifest_pdf_altered', path: MANIFEST_PDF, detail: pdfSeal?.reason });
  else if (!(await pdfKeywords(pdf)).includes(manifestKeyword(result.manifestSha256))) problems.push({ code: 'manifest_pdf_mismatch', path: MANIFEST_PDF });

  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const found = seen.get(file.path);
    if (!found) problems.push({ code: 'file_missing', path: file.path });
    else if (found.sha256 !== file.sha256 || found.size !== file.size) problems.push({ code: 'file_changed', path: file.path, detail: `SHA-256 ${found.sha256}, expected ${file.sha256}` });
    else result.filesChecked++;
  }
  for (const name of seen.keys()) if (!listed.has(name) && !manifestFiles.includes(name)) problems.push({ code: 'file_added', path: name });
  result.intact = problems.length === 0;
  return result;
}

/** One line per problem, in English, for logs and the command line. */
export function describeProblem(problem: BundleProblem): string {
  const where = problem.path ? ` ${problem.path}` : '';
  const text: Record<BundleProblemCode, string> = {
    not_a_zip: 'The file is not a readable ZIP archive.',
    no_manifest: `The bundle has no ${MANIFEST_JSON} and ${MANIFEST_SIGNATURE}.`,
    manifest_unreadable: 'The manifest is not in the bundle format.',
    manifest_signature_invalid: 'The manifest’s signature does not verify: the manifest was changed.',
    manifest_pdf_altered: 'The printed manifest’s seal is broken or missing:',
    manifest_pdf_mismatch: 'The printed manifest belongs to another manifest:',
    file_missing: 'A file listed in the manifest is missing:',
    file_changed: 'A file differs from its SHA-256 in the manifest:',
    file_added: 'A file not listed in the manifest was added:',
    duplicate_entry: 'A file name appears twice:',
    unsafe_path: 'An entry has an unsafe path:',
  };
  return `${text[problem.code]}${where}${problem.detail ? ` (${problem.detail})` : ''}`;
}
