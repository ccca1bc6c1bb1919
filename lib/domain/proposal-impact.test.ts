import { describe, expect, it } from 'vitest';
import { proposalImpact, type OpenOffer } from './proposal-impact';

const system1: OpenOffer = { id: 's1', authorType: 'system', totalPayable: 1_000_000, regularPayment: 90_000 };
const system2: OpenOffer = { id: 's2', authorType: 'system', totalPayable: 1_050_000, regularPayment: 50_000 };
const counter: OpenOffer = { id: 'm1', authorType: 'staff', totalPayable: 1_020_000, regularPayment: 60_000 };

describe("what a borrower's proposal replaces", () => {
  it("replaces the mediator's counter-offer and keeps the system's suggestions, compared with what it replaces", () => {
    const impact = proposalImpact([system1, system2, counter], { totalPayable: 1_108_900, regularPayment: 40_000 }, false);
    expect(impact).toEqual({ replaced: ['m1'], kept: ['s1', 's2'], best: counter, bestIsReplaced: true, totalDifference: 88_900, monthlyDifference: -20_000 });
  });

  it('replaces nothing when only suggestions are open, and is compared with the cheapest of them', () => {
    const impact = proposalImpact([system2, system1], { totalPayable: 1_088_900, regularPayment: 40_000 }, false);
    expect(impact).toMatchObject({ replaced: [], kept: ['s2', 's1'], best: system1, bestIsReplaced: false, totalDifference: 88_900 });
  });

  it('replaces the suggestions too when the policy says so', () => {
    const impact = proposalImpact([system1, system2, counter], { totalPayable: 990_000, regularPayment: 95_000 }, true);
    expect(impact).toMatchObject({ replaced: ['s1', 's2', 'm1'], kept: [], best: system1, bestIsReplaced: true, totalDifference: -10_000, monthlyDifference: 5_000 });
  });

  it('with nothing open there is nothing to compare', () => {
    expect(proposalImpact([], { totalPayable: 1, regularPayment: 1 }, false)).toEqual({ replaced: [], kept: [], best: null, bestIsReplaced: false, totalDifference: null, monthlyDifference: null });
  });
});
