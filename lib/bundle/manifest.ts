import { z } from 'zod';

/**
 * The evidence bundle's manifest: every file in the ZIP with its size and SHA-256, and what the bundle is. It is
 * signed (manifest.p7s, a detached CMS with the creditor's certificate, the one that seals agreements) and printed
 * as a sealed PDF for a reader (manifest.pdf). Nothing else in the ZIP is unlisted.
 */
export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_SIGNATURE = 'manifest.p7s';
export const MANIFEST_PDF = 'manifest.pdf';
/** The three files that describe the others; every other entry must be listed in the manifest. */
export const manifestFiles: readonly string[] = [MANIFEST_JSON, MANIFEST_SIGNATURE, MANIFEST_PDF];

export const MANIFEST_FORMAT = 'concord-evidence-bundle/1';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  bundleId: z.string().uuid(),
  caseNo: z.string(),
  contractNo: z.string(),
  creditor: z.string(),
  /** The day the arrears are computed as of (the bundle date, in the borrower's time zone). */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  createdAt: z.string(),
  createdBy: z.string(),
  files: z.array(z.object({ path: z.string().min(1), size: z.number().int().nonnegative(), sha256, description: z.string() })),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = Manifest['files'][number];

/** The manifest's exact bytes: pretty-printed JSON, keys in the schema's order, a final newline. */
export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** A path inside the bundle: forward slashes, no leading slash, no "..", no control characters. */
export function safeEntryPath(path: string): boolean {
  return path.length > 0 && path.length < 512 && !path.startsWith('/') && !path.split('/').some((part) => part === '..' || part === '' || part === '.') && !/[\u0000-\u001f\\]/.test(path);
}

/** A stored file's name made safe for a path in the bundle (its kind of name kept, separators and controls out). */
export function entryName(name: string): string {
  const clean = name.normalize('NFC').replace(/[\u0000-\u001f\u007f/\\:*?"<>|\u202a-\u202e\u2066-\u2069]/g, '_').replace(/^\.+/, '_').slice(-120);
  return clean || 'file';
}
