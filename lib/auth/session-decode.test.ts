import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken } from './session-decode';

const secret = 'unit-test-secret-unit-test-secret-0123456789';
const claims = { sub: '0193b7a0-0000-7000-8000-000000000001', name: '张三', kind: 'borrower' as const, lastSeen: 1_790_000_000_000 };

describe('decodeSessionToken', () => {
  it('reads what next-auth encodes exactly as next-auth decodes it', async () => {
    const token = await encode({ secret, token: claims });
    const ours = await decodeSessionToken(token, secret);
    expect(ours).toEqual(await decode({ token, secret }));
    expect(ours).toMatchObject(claims);
    // Again, with the key now derived: the same answer.
    expect(await decodeSessionToken(token, secret)).toEqual(ours);
  });

  it('refuses a token made with another secret, a tampered token and rubbish', async () => {
    const token = await encode({ secret, token: claims });
    expect(await decodeSessionToken(token, `${secret}-other`)).toBeNull();
    const parts = token.split('.');
    const cipher = parts[3]!;
    parts[3] = (cipher[0] === 'A' ? 'B' : 'A') + cipher.slice(1);
    expect(await decodeSessionToken(parts.join('.'), secret)).toBeNull();
    expect(await decodeSessionToken('not-a-token', secret)).toBeNull();
  });

  it('refuses an expired token, as next-auth does, but allows its 15 s of clock skew', async () => {
    const expired = await encode({ secret, token: claims, maxAge: -60 });
    expect(await decodeSessionToken(expired, secret)).toBeNull();
    await expect(decode({ token: expired, secret })).rejects.toThrow();
    const justExpired = await encode({ secret, token: claims, maxAge: -5 });
    expect(await decodeSessionToken(justExpired, secret)).toMatchObject(claims);
  });
});
