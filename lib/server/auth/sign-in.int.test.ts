import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications, oneTimeCodes, signInLockouts } from '@/db/schema';
import { makeBorrower, makeCreditor, makeStaff, randomPhone } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { verifyAuditChain } from '../audit';
import { lockoutKey } from './password-lockout';
import { sessionIsLive } from './sessions';
import { authenticateStaff } from './authenticate-staff';
import { requestLoginCode } from './request-login-code';
import { verifyLoginCode } from './verify-login-code';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

const meta = (ip = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) => ({ ip, userAgent: 'vitest', requestId: 'req-1' });

async function latestCodeFor(phone: string) {
  const [message] = await test.db.select().from(notifications).where(eq(notifications.toAddress, phone)).orderBy(desc(notifications.createdAt)).limit(1);
  return message ? /\d{6}/.exec(message.body)![0] : null;
}

/** Moves the last code's creation back, as if the cooldown had passed. */
async function ageLastCode(phone: string, seconds: number) {
  await test.db.execute(sql`update one_time_codes set created_at = created_at - make_interval(secs => ${seconds}) where phone = ${phone}`);
}

describe('borrower sign-in with a one-time code', () => {
  it('sends a code through the outbox and signs in with it once', async () => {
    const borrower = await makeBorrower(test.db);
    await requestLoginCode(meta(), { phone: borrower.phone }, 'zh-CN');
    const code = await latestCodeFor(borrower.phone);
    expect(code).toMatch(/^\d{6}$/);
    const [stored] = await test.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.phone, borrower.phone));
    expect(stored!.codeHash).not.toContain(code!); // only a keyed hash is kept
    const signedIn = await verifyLoginCode(meta(), { phone: borrower.phone, code: code! });
    expect(signedIn.id).toBe(borrower.id);
    expect(await sessionIsLive(signedIn.sessionId, borrower.id)).toBe(true);
    await expect(verifyLoginCode(meta(), { phone: borrower.phone, code: code! })).rejects.toMatchObject({ code: 'CODE_INVALID' });
    const actions = (await test.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, borrower.id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.code_sent', 'auth.login']));
  });

  it('counts wrong codes and kills the code at the fifth', async () => {
    const borrower = await makeBorrower(test.db);
    await requestLoginCode(meta(), { phone: borrower.phone }, 'en');
    const code = (await latestCodeFor(borrower.phone))!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let remaining = 4; remaining >= 1; remaining--) {
      await expect(verifyLoginCode(meta(), { phone: borrower.phone, code: wrong })).rejects.toMatchObject({ code: 'CODE_WRONG', params: { remaining } });
    }
    await expect(verifyLoginCode(meta(), { phone: borrower.phone, code: wrong })).rejects.toMatchObject({ code: 'CODE_EXHAUSTED' });
    await expect(verifyLoginCode(meta(), { phone: borrower.phone, code })).rejects.toMatchObject({ code: 'CODE_EXHAUSTED' });
  });

  it('refuses an expired code', async () => {
    const borrower = await makeBorrower(test.db);
    await requestLoginCode(meta(), { phone: borrower.phone }, 'zh-CN');
    const code = (await latestCodeFor(borrower.phone))!;
    await test.db.update(oneTimeCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oneTimeCodes.phone, borrower.phone));
    await expect(verifyLoginCode(meta(), { phone: borrower.phone, code })).rejects.toMatchObject({ code: 'CODE_EXPIRED' });
  });

  it('enforces the 60-second resend cooldown', async () => {
    const borrower = await makeBorrower(test.db);
    await requestLoginCode(meta(), { phone: borrower.phone }, 'zh-CN');
    await expect(requestLoginCode(meta(), { phone: borrower.phone }, 'zh-CN')).rejects.toMatchObject({ code: 'RESEND_TOO_SOON', field: 'phone' });
    const refused = (await latestCodeFor(borrower.phone))!;
    await ageLastCode(borrower.phone, 61);
    const before = Date.now();
    const { resendAt } = await requestLoginCode(meta(), { phone: borrower.phone }, 'zh-CN');
    // The next resend is a full cooldown away again, and the new code is the one that signs in.
    expect(resendAt.getTime()).toBeGreaterThanOrEqual(before + 60_000);
    expect(resendAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    const code = (await latestCodeFor(borrower.phone))!;
    expect(await test.db.$count(notifications, eq(notifications.toAddress, borrower.phone))).toBe(2);
    if (code !== refused) await expect(verifyLoginCode(meta(), { phone: borrower.phone, code: refused })).rejects.toMatchObject({ code: 'CODE_WRONG' });
    expect((await verifyLoginCode(meta(), { phone: borrower.phone, code })).id).toBe(borrower.id);
  });

  it('limits codes per number from one address per hour, with the count kept in PostgreSQL', async () => {
    const borrower = await makeBorrower(test.db);
    const ip = '198.51.100.10';
    for (let i = 0; i < 5; i++) {
      await requestLoginCode(meta(ip), { phone: borrower.phone }, 'zh-CN');
      await ageLastCode(borrower.phone, 61);
    }
    await expect(requestLoginCode(meta(ip), { phone: borrower.phone }, 'zh-CN')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const counts = await test.db.execute<{ key: string; count: number }>(sql`select key, count from rate_limit_counters where key like ${`%${borrower.phone}%`} order by key`).then((r) => r.rows);
    // The refused sixth counts against this address only, not against the number's total.
    expect(counts).toEqual(
      expect.arrayContaining([
        { key: `otp-phone-ip:${borrower.phone}:${ip}`, count: 6 },
        { key: `otp-phone:${borrower.phone}`, count: 5 },
      ]),
    );
    const limited = await test.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.rate_limited'));
    expect(limited.length).toBeGreaterThan(0);
  });

  it('does not let a stranger use up a borrower’s codes: the borrower’s own address still gets one', async () => {
    const borrower = await makeBorrower(test.db);
    const stranger = '203.0.113.66';
    // The stranger hammers the borrower's number far past every limit, an hour long.
    for (let i = 0; i < 40; i++) {
      await requestLoginCode(meta(stranger), { phone: borrower.phone }, 'zh-CN').catch(() => undefined);
      await ageLastCode(borrower.phone, 61);
    }
    await expect(requestLoginCode(meta(stranger), { phone: borrower.phone }, 'zh-CN')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(requestLoginCode(meta('198.51.100.77'), { phone: borrower.phone }, 'zh-CN')).resolves.toMatchObject({ resendAt: expect.any(Date) });
    const code = (await latestCodeFor(borrower.phone))!;
    await expect(verifyLoginCode(meta('198.51.100.77'), { phone: borrower.phone, code })).resolves.toMatchObject({ id: borrower.id });
  });

  it('still bounds the texts one number receives from many addresses', async () => {
    const borrower = await makeBorrower(test.db);
    let sent = 0;
    for (let i = 0; i < 20; i++) {
      const ok = await requestLoginCode(meta(`192.0.2.${100 + i}`), { phone: borrower.phone }, 'zh-CN').then(() => true, () => false);
      if (ok) sent++;
      await ageLastCode(borrower.phone, 61);
    }
    expect(sent).toBe(15);
  });

  it('limits codes per IP address', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < 20; i++) await requestLoginCode(meta(ip), { phone: randomPhone() }, 'zh-CN');
    await expect(requestLoginCode(meta(ip), { phone: randomPhone() }, 'zh-CN')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('answers an unknown number exactly like a known one, but sends nothing', async () => {
    const phone = randomPhone();
    await expect(requestLoginCode(meta(), { phone }, 'zh-CN')).resolves.toHaveProperty('resendAt');
    expect(await latestCodeFor(phone)).toBeNull();
    await expect(verifyLoginCode(meta(), { phone, code: '123456' })).rejects.toMatchObject({ code: 'CODE_WRONG' });
  });

  it('refuses a malformed number before touching anything', async () => {
    await expect(requestLoginCode(meta(), { phone: '12345' }, 'zh-CN')).rejects.toHaveProperty('issues');
  });
});

describe('staff sign-in', () => {
  it('accepts the right password and locks the account after five wrong ones', async () => {
    const creditor = await makeCreditor(test.db);
    const staff = await makeStaff(test.db, creditor.id, 'mediator', 'right password');
    const first = await authenticateStaff(meta(), { email: staff.email.toUpperCase(), password: 'right password' });
    expect(first).toMatchObject({ id: staff.id, role: 'mediator' });
    expect(await sessionIsLive(first.sessionId, staff.id)).toBe(true);
    for (let i = 0; i < 4; i++) {
      await expect(authenticateStaff(meta(), { email: staff.email, password: 'wrong' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
    }
    await expect(authenticateStaff(meta(), { email: staff.email, password: 'wrong' })).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(authenticateStaff(meta(), { email: staff.email, password: 'right password' })).rejects.toMatchObject({ code: 'LOCKED' });
    const [row] = await test.db.select().from(signInLockouts).where(eq(signInLockouts.key, lockoutKey(staff.email)));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    const lockouts = await test.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.staff_lockout'), eq(auditEvents.entityId, staff.id)));
    expect(lockouts).toHaveLength(1);
    // A lockout ends the account's sessions.
    expect(await sessionIsLive(first.sessionId, staff.id)).toBe(false);
  });

  it('locks an unknown address exactly as it locks a known one, so "locked" tells nothing', async () => {
    const creditor = await makeCreditor(test.db);
    const staff = await makeStaff(test.db, creditor.id, 'mediator', 'right password');
    const unknown = `nobody-${Date.now()}@test.example`;
    const answers = async (email: string) => {
      const seen: unknown[] = [];
      for (let i = 0; i < 7; i++) {
        const error = await authenticateStaff(meta(), { email, password: 'wrong' }).catch((e: { code: string; field?: string; params: Record<string, string> }) => e);
        seen.push({ code: (error as { code: string }).code, field: (error as { field?: string }).field, hasUntil: 'until' in ((error as { params?: object }).params ?? {}) });
      }
      return seen;
    };
    const known = await answers(staff.email);
    expect(await answers(unknown)).toEqual(known);
    expect(known.map((a) => (a as { code: string }).code)).toEqual(['CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'CREDENTIALS_INVALID', 'LOCKED', 'LOCKED', 'LOCKED']);
  });

  it('answers a deactivated account like an unknown address', async () => {
    const creditor = await makeCreditor(test.db);
    const staff = await makeStaff(test.db, creditor.id, 'mediator', 'right password');
    const { staffUsers } = await import('@/db/schema');
    await test.db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, staff.id));
    await expect(authenticateStaff(meta(), { email: staff.email, password: 'right password' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
  });

  it('gives an unknown e-mail the same answer as a wrong password', async () => {
    await expect(authenticateStaff(meta(), { email: 'nobody@test.example', password: 'x' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
  });

  it('leaves an intact audit chain behind all of this', async () => {
    expect(await verifyAuditChain(test.db)).toMatchObject({ ok: true });
  });
});
