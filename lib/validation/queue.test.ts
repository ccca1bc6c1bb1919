import { describe, expect, it } from 'vitest';
import { parseQueueParams, searchTooShortForNumbers } from './queue';

describe('the queue’s arrears range, as a mediator types it', () => {
  it('whole yuan with or without thousands grouped, full-width included', () => {
    for (const [typed, yuan] of [['10000', 10_000], ['10,000', 10_000], ['10 000', 10_000], ['１０，０００', 10_000], ['¥10,000', 10_000], ['0', 0], ['100000000', 100_000_000]] as const) {
      expect(parseQueueParams(new URLSearchParams({ min: typed, max: typed }))).toMatchObject({ min: yuan, max: yuan });
    }
  });

  it('to the fen, with a point: the range compares fen, so 1,000.50 is not 1,000', () => {
    for (const [typed, yuan] of [['1000.50', 1000.5], ['1,000.5', 1000.5], ['１０００．０５', 1000.05], ['99,999,999.99', 99_999_999.99], ['0.01', 0.01]] as const) {
      expect(parseQueueParams(new URLSearchParams({ min: typed })).min).toBe(yuan);
    }
  });

  it('anything else is no filter: a decimal comma, a third decimal, a sign, too large', () => {
    for (const typed of ['10,00', '1000.505', '-5', 'abc', '100000000.01', '100000001', '']) {
      const params = parseQueueParams(new URLSearchParams({ min: typed }));
      expect(params.min).toBeUndefined();
    }
  });
});

describe('a search too short for numbers', () => {
  it('fewer than 3 characters other than Chinese finds names only, and the page says so', () => {
    for (const q of ['13', '0', 'Li', ' 1 3 ', 'C-']) expect(searchTooShortForNumbers(q)).toBe(true);
  });
  it('3 characters or more, a Chinese name of any length, or no search at all is not', () => {
    for (const q of ['138', '000042', 'Li Na', '张', '张伟', undefined, '']) expect(searchTooShortForNumbers(q)).toBe(false);
  });
});

describe('the search, as typed or as a link carries it', () => {
  it('drops control characters (a NUL made the page and the export fail) and keeps the rest', () => {
    expect(parseQueueParams(new URLSearchParams({ q: '张\u0000伟\u0007' }))).toMatchObject({ q: '张伟' });
    expect(parseQueueParams(new URLSearchParams({ q: '\u0000' })).q).toBeUndefined();
  });
});
