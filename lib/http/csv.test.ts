import { describe, expect, it } from 'vitest';
import { csvField, csvLine, parseCsv, CSV_BOM } from './csv';

describe('CSV', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM')).toBe("'@SUM");
    expect(csvField(-12)).toBe('-12');
    expect(csvField(null)).toBe('');
  });

  it('reads back what it writes', () => {
    const rows = [['案件号', '金额'], ['CASE-1', '1,200.50'], ['say "hi"', '=1+1'], ['', 'x\r\ny']];
    const text = CSV_BOM + rows.map((r) => csvLine(r)).join('');
    expect(parseCsv(text)).toEqual([['案件号', '金额'], ['CASE-1', '1,200.50'], ['say "hi"', "'=1+1"], ['', 'x\r\ny']]);
  });
});
