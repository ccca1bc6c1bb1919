import { describe, expect, it } from 'vitest';
import { isWellFormedInviteCode } from '@/lib/domain/invite-code';
import { newInviteCode } from './invite-codes';

describe('newInviteCode', () => {
  it('draws well-formed codes that never repeat, across the refills of its pool of random bytes', () => {
    // 10,000 codes use about 2.5 pools of 4,096 blocks: a block handed out twice would repeat a code.
    const codes = Array.from({ length: 10_000 }, newInviteCode);
    expect(codes.every(isWellFormedInviteCode)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
