/**
 * Evidence may be PDF, JPEG or PNG. The type is read from the file's first
 * bytes (its signature), never from its name or the browser's claim.
 */
export type EvidenceType = 'application/pdf' | 'image/jpeg' | 'image/png';

/**
 * The largest file Concord takes, as told to users ("10 MB", megabytes of 1024 × 1024
 * bytes, as file managers count them) and as enforced: 10,485,760 bytes is accepted,
 * one byte more is not. Evidence uploads and the public /verify upload share it.
 * The request-body limits in next.config.js leave room above it for the form around
 * the file (a unit test keeps them in step).
 */
export const uploadLimit = { maxMegabytes: 10, maxBytes: 10 * 1024 * 1024 } as const;

export const evidenceLimits = { ...uploadLimit, maxFiles: 10 } as const;

/**
 * The most any request body may carry: one upload at the limit and the form around
 * it. next.config.js gives server actions and the proxy's copy of a body this much
 * ("11mb"); the proxy refuses a larger body with 413 before anything reads it.
 */
export const requestBodyLimitBytes = 11 * 1024 * 1024;

export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}

/**
 * Whether a file of an accepted type is whole: it ends as its format ends. A file cut short (a download or a copy that
 * stopped, a photo still being written) starts like the real thing, so its type is recognised, but it opens as nothing
 * or half a page for the mediator. PDF: the end-of-file marker "%%EOF" in its last 1,024 bytes (where readers look for
 * it). PNG: walked chunk by chunk, each whole, to an IEND after at least one IDAT. JPEG: its segments walked to the
 * start of the scan, then an end-of-image marker after it (the scan's own bytes never hold one; a camera's trailer
 * after the image may).
 */
export function evidenceIsWhole(bytes: Uint8Array, type: EvidenceType): boolean {
  if (type === 'application/pdf') return String.fromCharCode(...bytes.subarray(Math.max(0, bytes.length - 1024))).includes('%%EOF');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'image/png') {
    // A chunk is its length (4 bytes), type (4), data and CRC (4); one that runs past the end takes the walk past it.
    let sawData = false;
    for (let at = 8; at + 12 <= bytes.length; at += 12 + view.getUint32(at)) {
      const chunk = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
      if (chunk === 'IEND') return sawData;
      if (chunk === 'IDAT') sawData = true;
    }
    return false;
  }
  // A segment is FF, its marker and its length (2 bytes, itself included), after any FF fill bytes; the walk stops at
  // the start of the scan, whose header is a segment too.
  for (let at = 2; at + 4 <= bytes.length; ) {
    if (bytes[at] !== 0xff) return false;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) at += 1;
    else if (marker === 0xd9) return false; // the end of an image with no scan
    else if (marker !== 0xda) at += 2 + view.getUint16(at + 2);
    else {
      const scan = at + 2 + view.getUint16(at + 2);
      for (let i = bytes.length - 2; i >= scan; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
      return false;
    }
  }
  return false;
}

const extensions: Record<string, EvidenceType> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

/** A name whose extension claims another of the accepted types than the bytes are: a renamed file. */
export function nameContradictsType(filename: string, type: EvidenceType): boolean {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  const claimed = extension ? extensions[extension] : undefined;
  return claimed !== undefined && claimed !== type;
}

/**
 * Keeps a display name safe for headers and the page: no path; no control or
 * formatting characters (bidi overrides such as U+202E make "invoice‮fdp.exe"
 * display as "invoiceexe.pdf"; zero-width ones hide things too); none of the
 * characters Windows forbids; bounded length.
 */
export function safeFilename(filename: string): string {
  const base = filename.normalize('NFC').split(/[\\/]/).pop() ?? 'file';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/["<>|*?:]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return [...(cleaned || 'file')].slice(-120).join('');
}

const canonicalExtension: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * The name a file is stored and served under: safe (safeFilename), and ending
 * in the extension of the type its bytes are, whatever the uploader called it
 * ("statement.hta" holding a PDF is "statement.pdf"), so no program opens it
 * as something else. A name whose extension already fits keeps it.
 */
export function typedFilename(filename: string, contentType: string): string {
  const name = safeFilename(filename);
  const wanted = canonicalExtension[contentType];
  if (!wanted) return name;
  const match = /^(.+)\.([\p{L}\p{N}]{1,10})$/u.exec(name);
  const extension = match?.[2]?.toLowerCase();
  if (extension && extensions[extension] === contentType) return name;
  const stem = [...(match ? match[1]! : name)].slice(0, 120 - wanted.length - 1).join('');
  return `${stem}.${wanted}`;
}
