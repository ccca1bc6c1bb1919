import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthOptions } from './options';
import { actorFromToken } from './session-token';

beforeAll(() => {
  process.env.DEMO_MODE = 'true';
  process.env.AUTH_SECRET = 'unit-test-secret-unit-test-secret-012345';
  process.env.CONCORD_ENCRYPTION_KEY = Buffer.alloc(32, 3).toString('base64');
  process.env.BORROWER_IDLE_MINUTES = '15';
});

type JwtArgs = Parameters<NonNullable<NonNullable<ReturnType<typeof getAuthOptions>['callbacks']>['jwt']>>[0];
const jwt = (args: Partial<JwtArgs>) => getAuthOptions().callbacks!.jwt!(args as JwtArgs);

// Renewing a session asks its record (ADR 0008): lib/auth/options.int.test.ts.
describe('sessions', () => {
  it('use httpOnly cookies in signed JWTs naming their session record, with a role and the creditor for staff', async () => {
    const token = await jwt({ token: {}, user: { id: 's1', name: '调解员', email: 'm@x', kind: 'staff', role: 'mediator', creditorId: 'c1', sessionId: 'sid-1' } });
    expect(token).toMatchObject({ sub: 's1', kind: 'staff', role: 'mediator', creditorId: 'c1', sid: 'sid-1' });
    expect(getAuthOptions().session?.strategy).toBe('jwt');
    expect(getAuthOptions().session?.maxAge).toBe(12 * 60 * 60);
  });

  it('sign a borrower out after 15 idle minutes, before anything else is asked', async () => {
    await expect(jwt({ token: { sub: 'b1', kind: 'borrower', lastSeen: Date.now() - 16 * 60_000, sid: 'x' } })).rejects.toThrow('SESSION_IDLE');
  });

  it('do not renew a token that names no session record', async () => {
    await expect(jwt({ token: { sub: 's1', kind: 'staff', role: 'admin', creditorId: 'c', lastSeen: Date.now() } })).rejects.toThrow('SESSION_REVOKED');
  });
});

describe('reading a session token (what every page and action trusts, before its record is checked)', () => {
  const now = Date.UTC(2026, 10, 22, 12);
  it('gives staff their role, creditor and session', () => {
    expect(actorFromToken({ sub: 's1', kind: 'staff', role: 'supervisor', creditorId: 'c1', sid: 'x1' }, 15, now)).toEqual({ type: 'staff', id: 's1', role: 'supervisor', creditorId: 'c1', sessionId: 'x1' });
  });
  it('signs out a borrower idle for longer than the limit, and no one else', () => {
    expect(actorFromToken({ sub: 'b1', kind: 'borrower', lastSeen: now - 14 * 60_000, sid: 'x2' }, 15, now)).toEqual({ type: 'borrower', id: 'b1', sessionId: 'x2' });
    expect(actorFromToken({ sub: 'b1', kind: 'borrower', lastSeen: now - 16 * 60_000, sid: 'x2' }, 15, now)).toEqual({ type: 'anonymous' });
    expect(actorFromToken({ sub: 'b1', kind: 'borrower', sid: 'x2' }, 15, now)).toEqual({ type: 'anonymous' });
  });
  it('treats an expired, incomplete or missing token as anonymous, and one from before session records too', () => {
    expect(actorFromToken({ sub: 's1', kind: 'staff', role: 'admin', creditorId: 'c', sid: 'x', exp: now / 1000 - 1 }, 15, now)).toEqual({ type: 'anonymous' });
    expect(actorFromToken({ sub: 's1', kind: 'staff', role: 'admin', sid: 'x' }, 15, now)).toEqual({ type: 'anonymous' });
    expect(actorFromToken({ kind: 'borrower', lastSeen: now, sid: 'x' }, 15, now)).toEqual({ type: 'anonymous' });
    expect(actorFromToken({ sub: 's1', kind: 'staff', role: 'admin', creditorId: 'c' }, 15, now)).toEqual({ type: 'anonymous' });
    expect(actorFromToken(null, 15, now)).toEqual({ type: 'anonymous' });
  });
});
