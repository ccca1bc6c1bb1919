import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBorrower, makeCreditor, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { endSession, startSession } from '@/lib/server/auth/sessions';
import { getAuthOptions } from './options';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

type JwtArgs = Parameters<NonNullable<NonNullable<ReturnType<typeof getAuthOptions>['callbacks']>['jwt']>>[0];
const jwt = (args: Partial<JwtArgs>) => getAuthOptions().callbacks!.jwt!(args as JwtArgs);

describe('renewing a session cookie (next-auth’s session endpoint, on activity)', () => {
  it('slides a live borrower session on, and refuses one that has ended', async () => {
    const borrower = await makeBorrower(test.db);
    const sid = await startSession(test.db, { type: 'borrower', id: borrower.id }, {});
    const now = Date.now();
    const renewed = await jwt({ token: { sub: borrower.id, kind: 'borrower', lastSeen: now - 14 * 60_000, sid } });
    expect(renewed.lastSeen).toBeGreaterThanOrEqual(now);
    await endSession({ type: 'borrower', id: borrower.id }, sid);
    await expect(jwt({ token: { sub: borrower.id, kind: 'borrower', lastSeen: now, sid } })).rejects.toThrow('SESSION_REVOKED');
  });

  it('does not idle-expire staff sessions (their record lasts 12 hours at most)', async () => {
    const creditor = await makeCreditor(test.db);
    const staff = await makeStaff(test.db, creditor.id, 'admin');
    const sid = await startSession(test.db, { type: 'staff', id: staff.id }, {});
    await expect(jwt({ token: { sub: staff.id, kind: 'staff', role: 'admin', creditorId: creditor.id, lastSeen: Date.now() - 60 * 60_000, sid } })).resolves.toMatchObject({ sub: staff.id });
  });
});
