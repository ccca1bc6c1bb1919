import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sessions, staffUsers } from '@/db/schema';
import { makeBorrower, makeCreditor, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Actor, Ctx } from '../actor';
import { changeStaffPassword } from '../staff/change-password';
import { deactivateStaff } from '../staff/deactivate-staff';
import { authenticateStaff } from './authenticate-staff';
import { endSession, listMySessions, sessionIsLive, signOutEverywhere, staffSessionState, startSession } from './sessions';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

const meta = { ip: '198.51.100.4', userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile Safari/537.36' };

async function staffWithSessions(count: number, role: 'mediator' | 'admin' = 'mediator', creditorId?: string) {
  const creditor = creditorId ?? (await makeCreditor(test.db)).id;
  const staff = await makeStaff(test.db, creditor, role, 'the old password');
  const opened = [];
  for (let i = 0; i < count; i++) opened.push(await authenticateStaff(meta, { email: staff.email, password: 'the old password' }));
  const ctxFor = (sessionId: string): Ctx => ({ actor: { type: 'staff', id: staff.id, role, creditorId: creditor, sessionId }, meta });
  return { staff, creditor, sessionIds: opened.map((o) => o.sessionId), ctxFor };
}

const live = (ids: string[], subject: string) => Promise.all(ids.map((id) => sessionIsLive(id, subject)));

describe('sessions end when they should, for every instance at once (the record is in PostgreSQL)', () => {
  it('signing out ends that session only', async () => {
    const { staff, sessionIds, ctxFor } = await staffWithSessions(2);
    await endSession(ctxFor(sessionIds[0]!).actor, sessionIds[0]);
    expect(await live(sessionIds, staff.id)).toEqual([false, true]);
    const [row] = await test.db.select().from(sessions).where(eq(sessions.id, sessionIds[0]!));
    expect(row).toMatchObject({ revokedReason: 'sign_out' });
  });

  it('"sign out everywhere" ends all of them, for a borrower too', async () => {
    const { staff, sessionIds, ctxFor } = await staffWithSessions(3);
    await expect(signOutEverywhere(ctxFor(sessionIds[1]!))).resolves.toEqual({ ended: 3 });
    expect(await live(sessionIds, staff.id)).toEqual([false, false, false]);

    const borrower = await makeBorrower(test.db);
    const mine = await Promise.all([1, 2].map(() => startSession(test.db, { type: 'borrower', id: borrower.id }, meta)));
    const actor: Actor = { type: 'borrower', id: borrower.id, sessionId: mine[0] };
    expect((await listMySessions(actor)).map((s) => s.current).sort()).toEqual([false, true]);
    await signOutEverywhere({ actor, meta });
    expect(await live(mine, borrower.id)).toEqual([false, false]);
    const audit = await test.db.select().from(auditEvents).where(eq(auditEvents.entityId, borrower.id));
    expect(audit.map((a) => a.action)).toContain('auth.signed_out_everywhere');
  });

  it('a session belongs to one person: its id with someone else’s is not live, nor is an expired one', async () => {
    const { staff, sessionIds } = await staffWithSessions(1);
    const other = await makeBorrower(test.db);
    expect(await sessionIsLive(sessionIds[0], other.id)).toBe(false);
    expect(await sessionIsLive('not-a-uuid', staff.id)).toBe(false);
    await test.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sessionIds[0]!));
    expect(await sessionIsLive(sessionIds[0], staff.id)).toBe(false);
  });

  it('a staff page reads the session and whether the password must be changed first in one go', async () => {
    const { staff, sessionIds } = await staffWithSessions(2);
    const other = await makeBorrower(test.db);
    expect(await staffSessionState(sessionIds[0], staff.id)).toEqual({ live: true, mustChangePassword: false });
    await test.db.update(staffUsers).set({ mustChangePassword: true }).where(eq(staffUsers.id, staff.id));
    expect(await staffSessionState(sessionIds[0], staff.id)).toEqual({ live: true, mustChangePassword: true });
    expect(await staffSessionState(sessionIds[0], other.id)).toEqual({ live: false, mustChangePassword: false });
    expect(await staffSessionState('not-a-uuid', staff.id)).toEqual({ live: false, mustChangePassword: false });
    await test.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionIds[1]!));
    expect(await staffSessionState(sessionIds[1], staff.id)).toEqual({ live: false, mustChangePassword: false });
  });

  it('changing the password ends the other sessions and keeps this one; a wrong current password counts towards the lockout', async () => {
    const { staff, sessionIds, ctxFor } = await staffWithSessions(3);
    const ctx = ctxFor(sessionIds[2]!);
    await expect(changeStaffPassword(ctx, { current: 'not it', next: 'a much longer password', confirm: 'a much longer password' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID', field: 'current' });
    await expect(changeStaffPassword(ctx, { current: 'the old password', next: 'short', confirm: 'short' })).rejects.toHaveProperty('issues');
    await expect(changeStaffPassword(ctx, { current: 'the old password', next: 'a much longer password', confirm: 'a much longer passwore' })).rejects.toHaveProperty('issues');
    await expect(changeStaffPassword(ctx, { current: 'the old password', next: 'a much longer password', confirm: 'a much longer password' })).resolves.toEqual({ endedSessions: 2 });
    expect(await live(sessionIds, staff.id)).toEqual([false, false, true]);
    await expect(authenticateStaff(meta, { email: staff.email, password: 'the old password' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
    await expect(authenticateStaff(meta, { email: staff.email, password: 'a much longer password' })).resolves.toMatchObject({ id: staff.id });
  });

  it('deactivating an account ends its sessions and its sign-in; only an admin of its own creditor may', async () => {
    const { staff, creditor, sessionIds } = await staffWithSessions(2);
    const admin = await staffWithSessions(1, 'admin', creditor);
    const adminCtx = admin.ctxFor(admin.sessionIds[0]!);
    const foreignAdmin = await staffWithSessions(1, 'admin');
    await expect(deactivateStaff(foreignAdmin.ctxFor(foreignAdmin.sessionIds[0]!), staff.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const colleague = await staffWithSessions(1, 'mediator', creditor);
    await expect(deactivateStaff(colleague.ctxFor(colleague.sessionIds[0]!), staff.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deactivateStaff(adminCtx, admin.staff.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await expect(deactivateStaff(adminCtx, staff.id)).resolves.toEqual({ endedSessions: 2 });
    expect(await live(sessionIds, staff.id)).toEqual([false, false]);
    expect((await test.db.select().from(staffUsers).where(eq(staffUsers.id, staff.id)))[0]!.active).toBe(false);
    await expect(authenticateStaff(meta, { email: staff.email, password: 'the old password' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
  });
});
