import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, pooledRandomBytes } from './crypto';

describe('random bytes drawn in blocks', () => {
  it('hands out each byte once, across refills of the pool, and keeps what it handed out when it refills', () => {
    // 12,000 IVs of 12 bytes are 144,000 bytes: two refills of the 64 KiB pool. A byte range handed out twice repeats an IV.
    const drawn: string[] = [];
    const ivs = Array.from({ length: 12_000 }, () => {
      const iv = pooledRandomBytes(12);
      drawn.push(iv.toString('hex'));
      return iv;
    });
    expect(new Set(drawn).size).toBe(ivs.length);
    expect(ivs.map((b) => b.toString('hex'))).toEqual(drawn);
    expect(() => pooledRandomBytes(2048)).toThrow();
  });

  it('gives every encrypted field an IV of its own, and it still decrypts', () => {
    const key = Buffer.alloc(32, 7);
    const stored = Array.from({ length: 6_000 }, () => encryptField('110101199003071233', key));
    expect(new Set(stored.map((s) => s.split('.')[0])).size).toBe(stored.length);
    expect(stored.every((s) => decryptField(s, key) === '110101199003071233')).toBe(true);
  });
});
