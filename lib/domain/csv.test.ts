import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv';

describe('csv writing', () => {
  it('quotes only what needs quoting, doubling quotes, with CRLF line ends', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', ''])).toBe('a,"b,c","say ""hi""","two\nlines",\r\n');
  });
  it('guards formulas when asked, but not negative numbers', () => {
    expect(csvCell('=SUM(A1)', true)).toBe("'=SUM(A1)");
    expect(csvCell('@cmd', true)).toBe("'@cmd");
    expect(csvCell('-12.50', true)).toBe('-12.50');
    expect(csvCell('=SUM(A1)')).toBe('=SUM(A1)');
  });
});
