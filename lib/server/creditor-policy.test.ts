import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '@/lib/domain/policy';
import { creditorPolicy } from './creditor-policy';

describe('creditorPolicy', () => {
  it('validates a stored policy once and then hands out the same frozen result', () => {
    const stored = { penaltyMarkupPct: 30 };
    const first = creditorPolicy(stored);
    expect(first).toEqual({ ...defaultPolicy, penaltyMarkupPct: 30 });
    expect(creditorPolicy({ penaltyMarkupPct: 30 })).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.allocationOrder) && Object.isFrozen(first.authority.mediator)).toBe(true);
  });

  it('validates a changed policy afresh, and refuses an invalid one every time', () => {
    expect(creditorPolicy({ penaltyMarkupPct: 40 }).penaltyMarkupPct).toBe(40);
    expect(creditorPolicy({}).penaltyMarkupPct).toBe(50);
    expect(() => creditorPolicy({ penaltyMarkupPct: 80 })).toThrow();
    expect(() => creditorPolicy({ penaltyMarkupPct: 80 })).toThrow();
  });
});
