/**
 * Evidence may be PDF, JPEG or PNG. The type is read from the file's first
 * bytes (its signature), never from its name or the browser's claim.
 */
export type EvidenceType = 'application/pdf' | 'image/jpeg' | 'image/png';

export const evidenceLimits = { maxBytes: 10 * 1024 * 1024, maxFiles: 10 } as const;

export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}

const extensions: Record<string, EvidenceType> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

/** A name whose extension claims another of the accepted types than the bytes are: a renamed file. */
export function nameContradictsType(filename: string, type: EvidenceType): boolean {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  const claimed = extension ? extensions[extension] : undefined;
  return claimed !== undefined && claimed !== type;
}

/** Keeps a display name safe for headers and the page: no path, no control characters, bounded length. */
export function safeFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '_').trim();
  return (cleaned || 'file').slice(-120);
}
