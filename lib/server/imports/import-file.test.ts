import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readingProblem } from './import-file';

describe('what an error met while reading a file tells the admin', () => {
  it('a CSV error is the file’s, from the row after the last one read (not where the parser gave up)', () => {
    let thrown: unknown;
    try {
      parse('a,b\n1,2\n3,"4\n5,6\n', { relax_column_count: true });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as { code: string }).code).toBe('CSV_QUOTE_NOT_CLOSED');
    // The parser counted on to the end of the file (line 4) looking for the closing quote; the broken row is row 3.
    expect((thrown as { lines: number }).lines).toBe(4);
    // Two records parsed (the header and 1,2): the broken one is row 3, whatever the reader had counted (it lags).
    expect(readingProblem(thrown, 2)).toEqual({ key: 'malformed', params: { line: 3 } });
    expect(readingProblem({ code: 'CSV_MAX_RECORD_SIZE', lines: 90 }, 7)).toEqual({ key: 'malformed', params: { line: 7 } });
  });

  it('anything else is ours, not blamed on the file: the configuration, the database, a thread', () => {
    expect(readingProblem(new Error('AUTH_SECRET is missing or shorter than 32 characters'), 5)).toEqual({ key: 'checkFailed' });
    expect(readingProblem(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), 5)).toEqual({ key: 'checkFailed' });
    expect(readingProblem(undefined, 5)).toEqual({ key: 'checkFailed' });
  });
});
