/**
 * What an uploaded "CSV" really is, from its first bytes: a spreadsheet, an
 * archive, a PDF or an image renamed .csv is refused by name, and text is
 * read as UTF-8 (with or without a byte-order mark) or GBK (GB18030, what Excel
 * on a Chinese Windows saves), detected or as the uploader chose.
 */
export type TextEncoding = 'utf-8' | 'gbk';
export type EncodingChoice = 'auto' | TextEncoding;

export type BinaryKind = 'xlsx' | 'xls' | 'zip' | 'pdf' | 'image' | 'binary';

export function sniffBinary(prefix: Uint8Array): BinaryKind | null {
  const starts = (...signature: number[]) => signature.every((b, i) => prefix[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    // An Office Open XML workbook is a zip whose first entry names are xl/… or [Content_Types].xml.
    const head = new TextDecoder('latin1').decode(prefix.subarray(0, 512));
    return head.includes('[Content_Types].xml') || head.includes('xl/') ? 'xlsx' : 'zip';
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'xls';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38)) return 'image';
  // Text in UTF-8 or GBK never holds a NUL byte, and hardly any other control character but tab and line breaks.
  let control = 0;
  for (const byte of prefix) {
    if (byte === 0) return 'binary';
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return prefix.length > 0 && control / prefix.length > 0.01 ? 'binary' : null;
}

export function hasUtf8Bom(prefix: Uint8Array): boolean {
  return prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf;
}

/**
 * UTF-8 when the bytes decode as UTF-8 (a sequence cut at the end of the sample is forgiven), GBK otherwise; a BOM
 * settles it. A choice other than 'auto' is taken as given (the reading reports bytes that do not fit it).
 */
export function detectEncoding(prefix: Uint8Array, choice: EncodingChoice): TextEncoding {
  if (choice !== 'auto') return choice;
  if (hasUtf8Bom(prefix)) return 'utf-8';
  let end = prefix.length;
  // Drop an incomplete multi-byte sequence at the end of the sample (at most 3 bytes).
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = prefix[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}
