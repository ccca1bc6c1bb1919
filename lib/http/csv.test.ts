import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvLine } from './csv';

describe('CSV for Excel', () => {
  it('quotes every field, doubles quotes, ends lines with CRLF', () => {
    expect(csvLine(['张伟', 'say "hi"', 12, null])).toBe('"张伟","say ""hi""","12",""\r\n');
  });
  it('defuses what a spreadsheet would run as a formula', () => {
    expect(csvLine(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)'])).toBe(`"'=HYPERLINK(""x"")","'+1","'-2","'@SUM(A1)"\r\n`);
  });
  it('starts with the UTF-8 byte-order mark', () => {
    expect(Buffer.from(CSV_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
