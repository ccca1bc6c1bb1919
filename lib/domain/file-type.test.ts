import { describe, expect, it } from 'vitest';
import { nameContradictsType, safeFilename, sniffEvidenceType, typedFilename } from './file-type';

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

  it('spots a file renamed to another accepted type', () => {
    expect(nameContradictsType('scan.jpg', 'application/pdf')).toBe(true);
    expect(nameContradictsType('scan.PDF', 'application/pdf')).toBe(false);
    expect(nameContradictsType('photo.jpeg', 'image/jpeg')).toBe(false);
    expect(nameContradictsType('no-extension', 'image/png')).toBe(false);
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
