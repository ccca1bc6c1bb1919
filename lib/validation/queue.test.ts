import { describe, expect, it } from 'vitest';
import { parseQueueParams } from './queue';

describe('the queue’s arrears range, as a mediator types it', () => {
  it('whole yuan with or without thousands grouped, full-width included', () => {
    for (const [typed, yuan] of [['10000', 10_000], ['10,000', 10_000], ['10 000', 10_000], ['１０，０００', 10_000], ['¥10,000', 10_000], ['0', 0], ['100000000', 100_000_000]] as const) {
      expect(parseQueueParams(new URLSearchParams({ min: typed, max: typed }))).toMatchObject({ min: yuan, max: yuan });
    }
  });

  it('anything else is no filter: a decimal comma, fen, a sign, too large', () => {
    for (const typed of ['10,00', '1000.50', '-5', 'abc', '100000001', '']) {
      const params = parseQueueParams(new URLSearchParams({ min: typed }));
      expect(params.min).toBeUndefined();
    }
  });
});
