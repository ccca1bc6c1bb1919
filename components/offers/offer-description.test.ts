import { describe, expect, it } from 'vitest';
import type { PricedOffer } from '@/lib/domain/offer-terms';
import { levelPayments } from './offer-description';

const offer = (amounts: number[]) => ({ regularPayment: Math.max(...amounts.slice(0, -1)), schedule: amounts.map((amount) => ({ amount })) }) as unknown as PricedOffer;

describe('levelPayments: what an offer card calls the monthly payment', () => {
  it('a level plan whose first period is not a month: the level amount, and the first payment beside it', () => {
    expect(levelPayments(offer([1_700_00, 1_844_49, 1_844_48, 1_844_49, 1_844_51]))).toEqual({ monthly: 1_844_49, first: 1_700_00, fenApart: true });
  });
  it('all the same but the last: the amount, nothing else', () => {
    expect(levelPayments(offer([50_000, 50_000, 50_000, 50_007]))).toEqual({ monthly: 50_000, first: null, fenApart: false });
  });
  it('a plan whose payments fall (equal principal) is not level', () => {
    expect(levelPayments(offer([60_000, 59_000, 58_000, 57_000]))).toBeNull();
  });
});
