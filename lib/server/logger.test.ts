import { describe, expect, it } from 'vitest';
import { scrubPersonalData } from './logger';

describe('log scrubbing', () => {
  it('masks mobile numbers and resident IDs inside any text', () => {
    expect(scrubPersonalData('no borrower with phone 13800138000 (id 33010219900101002X)')).toBe('no borrower with phone 138****8000 (id 3301**********002X)');
  });
  it('leaves other numbers alone', () => {
    expect(scrubPersonalData('order 12345, amount 1380013800099')).toBe('order 12345, amount 1380013800099');
  });
});
