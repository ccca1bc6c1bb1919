import { eq } from 'drizzle-orm';
import { ZodError } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, creditors, notifications, sessions, staffUsers } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { makeCreditor, makeStaff } from '@/lib/testing/factories';
import { mintSession } from '@/lib/testing/sessions';
import { getEnv } from '@/lib/env';
import type { Ctx } from '../actor';
import { authenticateStaff } from '../auth/authenticate-staff';
import { sessionIsLive } from '../auth/sessions';
import { deactivateStaff } from '../staff/deactivate-staff';
import { ensureFirstAdmin, staffMustChangePassword } from '../staff/bootstrap-admin';
import { changeStaffPassword } from '../staff/change-password';
import { createCreditor, getCreditor, listCreditors, updateCreditorDetails, updateCreditorPolicy } from './creditors';
import { readStaffLink, setPasswordWithLink } from './set-password';
import { changeStaffRole, inviteStaff, listStaffAccounts, reactivateStaff, resendInvitation, resetStaffPassword, unlockStaff } from './staff-accounts';

let test: TestDatabase;
let creditorId: string;
let otherCreditorId: string;
let centreAdmin: Ctx;
let creditorAdmin: Ctx;
let supervisor: Ctx;
let mediator: Ctx;
const ctxOf = (s: { id: string; role: 'mediator' | 'supervisor' | 'admin'; creditorId: string | null }): Ctx => ({ actor: { type: 'staff', id: s.id, role: s.role, creditorId: s.creditorId }, meta: { ip: '127.0.0.9' } });
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

beforeAll(async () => {
  test = await createTestDatabase();
  creditorId = (await makeCreditor(test.db)).id;
  otherCreditorId = (await makeCreditor(test.db)).id;
  centreAdmin = ctxOf(await makeStaff(test.db, null, 'admin'));
  creditorAdmin = ctxOf(await makeStaff(test.db, creditorId, 'admin'));
  supervisor = ctxOf(await makeStaff(test.db, creditorId, 'supervisor'));
  mediator = ctxOf(await makeStaff(test.db, creditorId, 'mediator'));
});
afterAll(() => test.drop());

describe('every admin service refuses lesser roles', () => {
  it.each([
    ['listStaffAccounts', (ctx: Ctx) => listStaffAccounts(ctx.actor)],
    ['inviteStaff', (ctx: Ctx) => inviteStaff(ctx, { email: 'x@example.com', name: 'X', role: 'mediator', creditorId })],
    ['changeStaffRole', (ctx: Ctx) => changeStaffRole(ctx, mediator.actor.id, { role: 'supervisor', creditorId })],
    ['deactivateStaff', (ctx: Ctx) => deactivateStaff(ctx, mediator.actor.id)],
    ['reactivateStaff', (ctx: Ctx) => reactivateStaff(ctx, mediator.actor.id)],
    ['resetStaffPassword', (ctx: Ctx) => resetStaffPassword(ctx, mediator.actor.id)],
    ['unlockStaff', (ctx: Ctx) => unlockStaff(ctx, mediator.actor.id)],
    ['resendInvitation', (ctx: Ctx) => resendInvitation(ctx, mediator.actor.id)],
    ['listCreditors', (ctx: Ctx) => listCreditors(ctx.actor)],
    ['getCreditor', (ctx: Ctx) => getCreditor(ctx.actor, creditorId)],
    ['createCreditor', (ctx: Ctx) => createCreditor(ctx, { code: 'NEW-1', name: '新', nameEn: 'New', creditCode: '91330000MA0000000X', registeredAddress: 'a', servicePhone: '1', court: 'c' })],
    ['updateCreditorDetails', (ctx: Ctx) => updateCreditorDetails(ctx, creditorId, { code: 'X', name: '新', nameEn: 'New', creditCode: '91330000MA0000000X', registeredAddress: 'a', servicePhone: '1', court: 'c' })],
    ['updateCreditorPolicy', (ctx: Ctx) => updateCreditorPolicy(ctx, creditorId, { graceDays: '5' }, '')],
  ] as const)('%s: mediator and supervisor refused', async (_name, call) => {
    for (const ctx of [mediator, supervisor, { actor: { type: 'borrower' as const, id: mediator.actor.id! }, meta: {} }]) {
      const error = await (call as (c: Ctx) => Promise<unknown>)(ctx).catch((e: unknown) => e);
      expect((error as { code?: string }).code === 'FORBIDDEN' || (error as { code?: string }).code === 'NOT_FOUND', `${_name} as ${ctx.actor.type}`).toBe(true);
    }
  });
});

describe('staff accounts', () => {
  it('invites with a one-time link in the outbox; the link sets the password once', async () => {
    const { id, url } = await inviteStaff(creditorAdmin, { email: 'New.Mediator@Example.com', name: '新调解员', role: 'mediator', creditorId });
    const [message] = await test.db.select().from(notifications).where(eq(notifications.recipientId, id));
    expect(message).toMatchObject({ template: 'staffInvitation', toAddress: 'new.mediator@example.com' });
    expect(message!.body).toContain(url);
    // Before the link is used, nobody can sign in.
    await expect(authenticateStaff({ ip: '127.0.0.10' }, { email: 'new.mediator@example.com', password: '!' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
    expect(await readStaffLink(tokenOf(url))).toMatchObject({ email: 'new.mediator@example.com', purpose: 'invite' });
    expect((await listStaffAccounts(creditorAdmin.actor)).find((s) => s.id === id)).toMatchObject({ pending: true, active: true });
    await expect(setPasswordWithLink({ ip: '127.0.0.10' }, { token: tokenOf(url), next: 'short', confirm: 'short' })).rejects.toBeInstanceOf(ZodError);
    await setPasswordWithLink({ ip: '127.0.0.10' }, { token: tokenOf(url), next: 'a-long-enough-pass', confirm: 'a-long-enough-pass' });
    await expect(setPasswordWithLink({ ip: '127.0.0.10' }, { token: tokenOf(url), next: 'another-long-pass', confirm: 'another-long-pass' })).rejects.toMatchObject({ code: 'LINK_INVALID' });
    const signedIn = await authenticateStaff({ ip: '127.0.0.10' }, { email: 'new.mediator@example.com', password: 'a-long-enough-pass' });
    expect(signedIn).toMatchObject({ role: 'mediator', creditorId });
    // The same address again is refused beside the field.
    await expect(inviteStaff(creditorAdmin, { email: 'new.mediator@example.com', name: 'x', role: 'mediator', creditorId })).rejects.toMatchObject({ field: 'email' });
  });

  it('does not send an invitation again to a deactivated account (its link would open on a refusal); reactivated, it does', async () => {
    const { id } = await inviteStaff(creditorAdmin, { email: 'left.before.starting@example.com', name: '未到岗', role: 'mediator', creditorId });
    await deactivateStaff(creditorAdmin, id);
    await expect(resendInvitation(creditorAdmin, id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await reactivateStaff(creditorAdmin, id);
    const { url } = await resendInvitation(creditorAdmin, id);
    expect(await readStaffLink(tokenOf(url))).toMatchObject({ email: 'left.before.starting@example.com', purpose: 'invite' });
  });

  it('keeps a creditor admin to their creditor; the centre admin may give any creditor or the centre', async () => {
    await expect(inviteStaff(creditorAdmin, { email: 'c1@example.com', name: 'c', role: 'mediator', creditorId: otherCreditorId })).rejects.toMatchObject({ field: 'creditorId' });
    await expect(inviteStaff(creditorAdmin, { email: 'c2@example.com', name: 'c', role: 'mediator', creditorId: '' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(inviteStaff(centreAdmin, { email: 'c3@example.com', name: 'c', role: 'supervisor', creditorId: '' })).resolves.toMatchObject({ id: expect.any(String) });
    const other = await makeStaff(test.db, otherCreditorId, 'mediator');
    await expect(changeStaffRole(creditorAdmin, other.id, { role: 'supervisor', creditorId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listStaffAccounts(creditorAdmin.actor)).every((s) => s.creditorId === creditorId)).toBe(true);
    expect((await listStaffAccounts(centreAdmin.actor)).some((s) => s.creditorId === otherCreditorId)).toBe(true);
    await expect(changeStaffRole(creditorAdmin, creditorAdmin.actor.id, { role: 'mediator', creditorId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('ends the sessions of someone whose role or creditor changes, or who is deactivated', async () => {
    const staff = await makeStaff(test.db, creditorId, 'mediator');
    const s1 = await mintSession(test.db, staff, getEnv().authSecret);
    await changeStaffRole(centreAdmin, staff.id, { role: 'supervisor', creditorId });
    expect(await sessionIsLive(s1.sessionId, staff.id)).toBe(false);
    const s2 = await mintSession(test.db, staff, getEnv().authSecret);
    await changeStaffRole(centreAdmin, staff.id, { role: 'supervisor', creditorId: otherCreditorId });
    expect(await sessionIsLive(s2.sessionId, staff.id)).toBe(false);
    const [audit] = await test.db.select().from(auditEvents).where(eq(auditEvents.action, 'staff.role_changed'));
    expect(audit!.data).toMatchObject({ before: { role: 'mediator' }, after: { role: 'supervisor' } });
    const s3 = await mintSession(test.db, staff, getEnv().authSecret);
    await deactivateStaff(centreAdmin, staff.id);
    expect(await sessionIsLive(s3.sessionId, staff.id)).toBe(false);
    await reactivateStaff(centreAdmin, staff.id);
    expect((await test.db.select().from(staffUsers).where(eq(staffUsers.id, staff.id)))[0]!.active).toBe(true);
  });

  it('resets a password: the old one stops at once, sessions end, a link sets a new one', async () => {
    const staff = await makeStaff(test.db, creditorId, 'supervisor', 'the-old-password-1');
    const session = await mintSession(test.db, staff, getEnv().authSecret);
    const { url } = await resetStaffPassword(creditorAdmin, staff.id);
    expect(await sessionIsLive(session.sessionId, staff.id)).toBe(false);
    await expect(authenticateStaff({ ip: '127.0.0.11' }, { email: staff.email, password: 'the-old-password-1' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
    await setPasswordWithLink({ ip: '127.0.0.11' }, { token: tokenOf(url), next: 'the-new-password-2', confirm: 'the-new-password-2' });
    await expect(authenticateStaff({ ip: '127.0.0.11' }, { email: staff.email, password: 'the-new-password-2' })).resolves.toMatchObject({ id: staff.id });
  });

  it('shows a lockout with the sign-in answer, and lifts it', async () => {
    const staff = await makeStaff(test.db, creditorId, 'mediator', 'right-password-123');
    for (let i = 0; i < 5; i++) await authenticateStaff({ ip: '127.0.0.12' }, { email: staff.email, password: 'wrong' }).catch(() => undefined);
    await expect(authenticateStaff({ ip: '127.0.0.12' }, { email: staff.email, password: 'right-password-123' })).rejects.toMatchObject({ code: 'LOCKED' });
    expect((await listStaffAccounts(creditorAdmin.actor)).find((s) => s.id === staff.id)!.lockedUntil).not.toBeNull();
    await unlockStaff(creditorAdmin, staff.id);
    await expect(authenticateStaff({ ip: '127.0.0.12' }, { email: staff.email, password: 'right-password-123' })).resolves.toMatchObject({ id: staff.id });
  });
});

describe('creditors and their policy', () => {
  it('changes a limit within the schema’s bounds, audited with before and after; refuses one past them and a stale form', async () => {
    const creditor = await getCreditor(creditorAdmin.actor, creditorId);
    await expect(updateCreditorPolicy(creditorAdmin, creditorId, { 'borrowerProposal.maxMonths': '61' }, creditor.updatedAt)).rejects.toBeInstanceOf(ZodError);
    const result = await updateCreditorPolicy(creditorAdmin, creditorId, flatten(creditor.policy, { 'borrowerProposal.maxMonths': '12' }), creditor.updatedAt);
    expect(result.changed).toEqual(['borrowerProposal.maxMonths']);
    const after = await getCreditor(creditorAdmin.actor, creditorId);
    expect(after.policy.borrowerProposal.maxMonths).toBe(12);
    const [audit] = await test.db.select().from(auditEvents).where(eq(auditEvents.action, 'creditor.policy_changed'));
    expect(audit!.data).toMatchObject({ before: { borrowerProposal: { maxMonths: 36 } }, after: { borrowerProposal: { maxMonths: 12 } }, changes: [{ path: 'borrowerProposal.maxMonths', before: 36, after: 12 }] });
    // The form opened before that save is stale.
    await expect(updateCreditorPolicy(creditorAdmin, creditorId, { graceDays: '4' }, creditor.updatedAt)).rejects.toMatchObject({ code: 'CONFLICT' });
    // Another creditor's policy is not this admin's.
    await expect(getCreditor(creditorAdmin.actor, otherCreditorId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the creditors an admin administers, each with the number of its own staff', async () => {
    const counted = await makeCreditor(test.db);
    await makeStaff(test.db, counted.id, 'mediator');
    await makeStaff(test.db, counted.id, 'supervisor');
    await makeStaff(test.db, null, 'mediator'); // the centre's: works for every creditor, counted under none
    expect((await listCreditors(centreAdmin.actor)).find((c) => c.id === counted.id)).toMatchObject({ staffCount: 2 });
    expect((await listCreditors(creditorAdmin.actor)).map((c) => c.id)).toEqual([creditorId]);
  });

  it('lets the centre admin add a creditor (default policy) and a creditor admin edit their own details', async () => {
    const details = { code: 'QX-CF', name: '青溪消费金融', nameEn: 'Qingxi Consumer Finance', creditCode: '913301005291340849', registeredAddress: '杭州', servicePhone: '0571-1', court: '上城区人民法院' };
    await expect(createCreditor(creditorAdmin, details)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { id } = await createCreditor(centreAdmin, details);
    await expect(createCreditor(centreAdmin, details)).rejects.toMatchObject({ field: 'code' });
    await expect(createCreditor(centreAdmin, { ...details, code: 'QX-2', creditCode: 'nope' })).rejects.toBeInstanceOf(ZodError);
    expect((await getCreditor(centreAdmin.actor, id)).policy.mediationWindowDays).toBe(30);
    await updateCreditorDetails(creditorAdmin, creditorId, { ...details, code: 'QX-RCB', name: '改名银行' });
    expect((await test.db.select().from(creditors).where(eq(creditors.id, creditorId)))[0]!.code).toBe('QX-RCB');
    expect((await getCreditor(creditorAdmin.actor, creditorId)).name).toBe('改名银行');
  });
});

describe('a deployment’s first admin', () => {
  it('is made once with a printed password that must be changed at first sign-in', async () => {
    const fresh = await createTestDatabase();
    try {
      const first = await ensureFirstAdmin(fresh.db, 'Root@Example.com');
      expect(first?.password.length).toBeGreaterThanOrEqual(20);
      expect(await ensureFirstAdmin(fresh.db, 'root@example.com')).toBeNull();
      const admin = await authenticateStaff({ ip: '127.0.0.13' }, { email: 'root@example.com', password: first!.password });
      expect(await staffMustChangePassword(admin.id)).toBe(true);
      await changeStaffPassword({ actor: { type: 'staff', id: admin.id, role: 'admin', creditorId: null, sessionId: admin.sessionId }, meta: { ip: '127.0.0.13' } }, { current: first!.password, next: 'my-own-admin-password', confirm: 'my-own-admin-password' });
      expect(await staffMustChangePassword(admin.id)).toBe(false);
      expect((await fresh.db.select().from(sessions).where(eq(sessions.subjectId, admin.id))).length).toBe(1);
    } finally {
      await fresh.drop();
      // Services go back to this file's database.
      const { connectDb } = await import('@/db/client');
      connectDb(test.url);
    }
  });
});

/** The form as posted: every setting's current value, with some changed. */
function flatten(policy: object, changes: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    else out[path] = typeof value === 'boolean' ? (value ? 'on' : undefined) : String(value);
  };
  walk(policy, '');
  return { ...out, ...changes };
}
