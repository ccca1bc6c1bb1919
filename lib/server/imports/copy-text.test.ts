import { describe, expect, it } from 'vitest';
import { arrayLiteral, copyField, copyLine } from './copy-text';

/** COPY's text format, by hand from PostgreSQL's documentation ("COPY", File Formats, Text Format). */
describe('COPY text', () => {
  it('escapes backslash, tab, line feed and carriage return, and writes null as \\N', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(12)).toBe('12');
    expect(copyField(true)).toBe('true');
    expect(copyField('plain 文字')).toBe('plain 文字');
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField('\\\\')).toBe('\\\\\\\\');
    expect(copyLine(['x\ty', null, 3])).toBe('x\\ty\t\\N\t3\n');
  });

  it('quotes every array element, escaping its quotes and backslashes', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral([1, 20])).toBe('{1,20}');
    expect(arrayLiteral(['2025-07-10', 'a"b', 'c\\d', 'e,f'])).toBe('{"2025-07-10","a\\"b","c\\\\d","e,f"}');
    // An array literal with a backslash is then escaped again as a COPY field.
    expect(copyField(arrayLiteral(['c\\d']))).toBe('{"c\\\\\\\\d"}');
  });
});
