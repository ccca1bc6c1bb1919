import { describe, expect, it } from 'vitest';
import { installmentRuns } from './installment-runs';

describe('the installments a payment went to, as the borrower reads them', () => {
  it('joins consecutive numbers into runs, in order, keeping the down payment (0) apart', () => {
    expect(installmentRuns([4])).toEqual([[4, 4]]);
    expect(installmentRuns([36, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35])).toEqual([[8, 36]]);
    expect(installmentRuns([0, 1, 2])).toEqual([[0, 0], [1, 2]]);
    expect(installmentRuns([2, 3, 5, 7, 8])).toEqual([[2, 3], [5, 5], [7, 8]]);
    expect(installmentRuns([])).toEqual([]);
  });
});
