import { describe, expect, it } from 'vitest';
import { nameContradictsType, safeFilename, sniffEvidenceType } from './file-type';

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
});
