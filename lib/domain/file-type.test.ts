import { describe, expect, it } from 'vitest';
import { evidenceIsWhole, nameContradictsType, safeFilename, sniffEvidenceType, typedFilename } from './file-type';

const bytes = (...values: number[]) => Uint8Array.from([...values, 0, 0, 0, 0]);

describe('evidence types from the bytes', () => {
  it('recognises PDF, JPEG and PNG by their signatures', () => {
    expect(sniffEvidenceType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffEvidenceType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffEvidenceType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
  });

  it('refuses anything else, whatever its name', () => {
    expect(sniffEvidenceType(new TextEncoder().encode('MZ executable'))).toBeNull();
    expect(sniffEvidenceType(bytes(0x47, 0x49, 0x46, 0x38))).toBeNull(); // GIF
    expect(sniffEvidenceType(new Uint8Array())).toBeNull();
  });

  describe('a file cut short is not whole', () => {
    const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
    const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    const chunk = (type: string, data: number[]) => [...u32(data.length), ...ascii(type), ...data, 0, 0, 0, 0];
    // The smallest PNG a camera would never write but a reader opens: header, one pixel's data, end.
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]), ...chunk('IDAT', [0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1]), ...chunk('IEND', [])];
    // A JPEG: start, a JFIF segment (16 bytes), the scan's header (8), its data (with a stuffed FF 00), end.
    const jfif = [0xff, 0xe0, 0, 16, ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
    const jpeg = [0xff, 0xd8, ...jfif, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd9];
    const pdf = ascii('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const cases: [string, number[], 'application/pdf' | 'image/png' | 'image/jpeg'][] = [['pdf', pdf, 'application/pdf'], ['png', png, 'image/png'], ['jpeg', jpeg, 'image/jpeg']];

    it('whole: the file as its format ends it', () => {
      for (const [name, file, type] of cases) expect(evidenceIsWhole(Uint8Array.from(file), type), name).toBe(true);
    });
    it('whole: bytes after the end, as a camera or an editor may leave them', () => {
      expect(evidenceIsWhole(Uint8Array.from([...pdf, ...new Array(500).fill(0x20)]), 'application/pdf')).toBe(true);
      expect(evidenceIsWhole(Uint8Array.from([...jpeg, ...ascii('SEFT trailer')]), 'image/jpeg')).toBe(true);
      expect(evidenceIsWhole(Uint8Array.from([...png, 0, 0]), 'image/png')).toBe(true);
    });
    it('not whole: every file cut at every byte, down to its bare signature', () => {
      for (const [name, file, type] of cases) {
        // A PDF is whole once its %%EOF is in; the line break after it is not needed.
        const wholeFrom = type === 'application/pdf' ? file.length - 1 : file.length;
        for (let cut = 0; cut < wholeFrom; cut++) expect(evidenceIsWhole(Uint8Array.from(file.slice(0, cut)), type), `${name} cut at ${cut}`).toBe(false);
      }
    });
    it('not whole: the end marker too early (a PNG with no image data, a JPEG with no scan, %%EOF far from the end)', () => {
      expect(evidenceIsWhole(Uint8Array.from([...png.slice(0, 33), ...chunk('IEND', [])]), 'image/png')).toBe(false);
      expect(evidenceIsWhole(Uint8Array.from([0xff, 0xd8, ...jfif, 0xff, 0xd9]), 'image/jpeg')).toBe(false);
      expect(evidenceIsWhole(Uint8Array.from([...pdf, ...new Array(1100).fill(0x20)]), 'application/pdf')).toBe(false);
      // A chunk that claims more bytes than the file holds.
      expect(evidenceIsWhole(Uint8Array.from([...png.slice(0, 8), ...u32(0xffffffff), ...ascii('IDAT')]), 'image/png')).toBe(false);
      // '%%EOF' is the marker, not any of its letters.
      for (const end of ['%%EO', '%EOF', '%% EOF', 'EOF', '%%eof']) expect(evidenceIsWhole(Uint8Array.from(ascii(`%PDF-1.4\n${end}\n`)), 'application/pdf'), end).toBe(false);
    });
    it('a JPEG is walked segment by segment: fill bytes before a marker are skipped, anything else out of place is not a JPEG', () => {
      expect(evidenceIsWhole(Uint8Array.from([0xff, 0xd8, 0xff, 0xff, ...jfif, ...jpeg.slice(2 + jfif.length)]), 'image/jpeg')).toBe(true);
      // A byte where a segment should start, then what would read as a scan and its end.
      const scan = [0xff, 0xda, 0, 3, 0, 0xff, 0xd9];
      expect(evidenceIsWhole(Uint8Array.from([0xff, 0xd8, 0, 4, 0, 2, ...scan]), 'image/jpeg')).toBe(false);
      // An image that ended before any scan, whatever follows it.
      expect(evidenceIsWhole(Uint8Array.from([0xff, 0xd8, ...jfif, 0xff, 0xd9, 0, 2, ...scan]), 'image/jpeg')).toBe(false);
      // A scan with no data is still ended; a D9 after any byte but FF is data, not the end.
      expect(evidenceIsWhole(Uint8Array.from([0xff, 0xd8, ...jfif, ...scan]), 'image/jpeg')).toBe(true);
      expect(evidenceIsWhole(Uint8Array.from([0xff, 0xd8, ...jfif, 0xff, 0xda, 0, 3, 0, 0x12, 0xd9, 0x34]), 'image/jpeg')).toBe(false);
      // The end marker inside the scan’s own header is not the end of the image.
      expect(evidenceIsWhole(Uint8Array.from([0xff, 0xd8, ...jfif, 0xff, 0xda, 0, 4, 0xff, 0xd9]), 'image/jpeg')).toBe(false);
    });
    it('a PNG is walked chunk by chunk: an IEND inside another chunk’s data is not the end', () => {
      const hidden = [...png.slice(0, 33), ...chunk('tEXt', [...u32(0), ...ascii('IEND'), 0, 0, 0, 0]), ...chunk('IDAT', [1, 2, 3])];
      expect(evidenceIsWhole(Uint8Array.from(hidden), 'image/png')).toBe(false);
      expect(evidenceIsWhole(Uint8Array.from([...hidden, ...chunk('IEND', [])]), 'image/png')).toBe(true);
    });
  });

  it('spots a file renamed to another accepted type', () => {
    expect(nameContradictsType('scan.jpg', 'application/pdf')).toBe(true);
    expect(nameContradictsType('scan.PDF', 'application/pdf')).toBe(false);
    expect(nameContradictsType('photo.jpeg', 'image/jpeg')).toBe(false);
    expect(nameContradictsType('no-extension', 'image/png')).toBe(false);
    expect(nameContradictsType('photo.jpg', 'image/png')).toBe(true);
    expect(nameContradictsType('photo.png', 'image/jpeg')).toBe(true);
    // The last extension is the one a program goes by.
    expect(nameContradictsType('scan.pdf.png', 'application/pdf')).toBe(true);
  });

  it('keeps names safe for headers and pages', () => {
    expect(safeFilename('C:\\Users\\me\\诊断证明.pdf')).toBe('诊断证明.pdf');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('a"b<c>.pdf')).toBe('a_b_c_.pdf');
    expect(safeFilename('')).toBe('file');
  });

  it('removes control, bidi and invisible characters', () => {
    // U+202E makes "invoice‮fdp.exe" display as "invoiceexe.pdf".
    expect(safeFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFilename('a\u200Bb\u2066c\u2069\u200F.pdf')).toBe('abc.pdf');
    expect(safeFilename('tab\there\u0000.pdf')).toBe('tabhere.pdf');
    expect(safeFilename('\u202E')).toBe('file');
    expect(safeFilename(' trailing dots. . ')).toBe('trailing dots');
  });
});

describe('the name a file is kept and served under', () => {
  it('ends in the extension of the type its bytes are', () => {
    expect(typedFilename('statement.hta', 'application/pdf')).toBe('statement.pdf');
    expect(typedFilename('page.html', 'application/pdf')).toBe('page.pdf');
    expect(typedFilename('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoicefdp.pdf');
    expect(typedFilename('scan', 'image/png')).toBe('scan.png');
    expect(typedFilename('archive.tar.gz', 'application/pdf')).toBe('archive.tar.pdf');
  });

  it('keeps a fitting extension as typed', () => {
    expect(typedFilename('诊断证明.PDF', 'application/pdf')).toBe('诊断证明.PDF');
    expect(typedFilename('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
    expect(typedFilename('photo.jpg', 'image/jpeg')).toBe('photo.jpg');
  });

  it('stays within 120 characters and keeps the extension', () => {
    const long = typedFilename(`${'长'.repeat(300)}.exe`, 'application/pdf');
    expect([...long]).toHaveLength(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
