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

describe('sessions', () => {
  it('use httpOnly cookies in signed JWTs, with a role and the creditor for staff', async () => {
    const token = await jwt({ token: {}, user: { id: 's1', name: '调解员', email: 'm@x', kind: 'staff', role: 'mediator', creditorId: 'c1' } });
    expect(token).toMatchObject({ sub: 's1', kind: 'staff', role: 'mediator', creditorId: 'c1' });
    expect(getAuthOptions().session?.strategy).toBe('jwt');
  });

  it('sign a borrower out after 15 idle minutes, and slide the window on activity', async () => {
    const now = Date.now();
    await expect(jwt({ token: { sub: 'b1', kind: 'borrower', lastSeen: now - 16 * 60_000 } })).rejects.toThrow('SESSION_IDLE');
    const renewed = await jwt({ token: { sub: 'b1', kind: 'borrower', lastSeen: now - 14 * 60_000 } });
    expect(renewed.lastSeen).toBeGreaterThanOrEqual(now);
  });

  it('do not idle-expire staff sessions (they have a fixed 12-hour lifetime)', async () => {
    await expect(jwt({ token: { sub: 's1', kind: 'staff', role: 'admin', creditorId: 'c', lastSeen: Date.now() - 60 * 60_000 } })).resolves.toMatchObject({ sub: 's1' });
    expect(getAuthOptions().session?.maxAge).toBe(12 * 60 * 60);
  });
});

describe('reading a session token (what every page and action trusts)', () => {
  const now = Date.UTC(2026, 10, 22, 12);
  it('gives staff their role and creditor', () => {
    expect(actorFromToken({ sub: 's1', kind: 'staff', role: 'supervisor', creditorId: 'c1' }, 15, now)).toEqual({ type: 'staff', id: 's1', role: 'supervisor', creditorId: 'c1' });
  });
  it('signs out a borrower idle for longer than the limit, and no one else', () => {
    expect(actorFromToken({ sub: 'b1', kind: 'borrower', lastSeen: now - 14 * 60_000 }, 15, now)).toEqual({ type: 'borrower', id: 'b1' });
    expect(actorFromToken({ sub: 'b1', kind: 'borrower', lastSeen: now - 16 * 60_000 }, 15, now)).toEqual({ type: 'anonymous' });
    expect(actorFromToken({ sub: 'b1', kind: 'borrower' }, 15, now)).toEqual({ type: 'anonymous' });
  });
  it('treats an expired, incomplete or missing token as anonymous', () => {
    expect(actorFromToken({ sub: 's1', kind: 'staff', role: 'admin', creditorId: 'c', exp: now / 1000 - 1 }, 15, now)).toEqual({ type: 'anonymous' });
    expect(actorFromToken({ sub: 's1', kind: 'staff', role: 'admin' }, 15, now)).toEqual({ type: 'anonymous' });
    expect(actorFromToken({ kind: 'borrower', lastSeen: now }, 15, now)).toEqual({ type: 'anonymous' });
    expect(actorFromToken(null, 15, now)).toEqual({ type: 'anonymous' });
  });
});
