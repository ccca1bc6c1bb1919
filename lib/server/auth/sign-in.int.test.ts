import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications, oneTimeCodes, staffUsers } from '@/db/schema';
import { makeBorrower, makeCreditor, makeStaff, randomPhone } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { verifyAuditChain } from '../audit';
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

  it('limits codes per number per hour, with the count kept in PostgreSQL', async () => {
    const borrower = await makeBorrower(test.db);
    for (let i = 0; i < 5; i++) {
      await requestLoginCode(meta(), { phone: borrower.phone }, 'zh-CN');
      await ageLastCode(borrower.phone, 61);
    }
    await expect(requestLoginCode(meta(), { phone: borrower.phone }, 'zh-CN')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const [{ count } = { count: 0 }] = await test.db.execute<{ count: number }>(sql`select count from rate_limit_counters where key = ${`otp-phone:${borrower.phone}`}`).then((r) => r.rows);
    expect(count).toBe(6);
    const limited = await test.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.rate_limited'));
    expect(limited.length).toBeGreaterThan(0);
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
    await expect(authenticateStaff(meta(), { email: staff.email.toUpperCase(), password: 'right password' })).resolves.toMatchObject({ id: staff.id, role: 'mediator' });
    for (let i = 0; i < 4; i++) {
      await expect(authenticateStaff(meta(), { email: staff.email, password: 'wrong' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
    }
    await expect(authenticateStaff(meta(), { email: staff.email, password: 'wrong' })).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(authenticateStaff(meta(), { email: staff.email, password: 'right password' })).rejects.toMatchObject({ code: 'LOCKED' });
    const [row] = await test.db.select().from(staffUsers).where(eq(staffUsers.id, staff.id));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    const lockouts = await test.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.staff_lockout'), eq(auditEvents.entityId, staff.id)));
    expect(lockouts).toHaveLength(1);
  });

  it('gives an unknown e-mail the same answer as a wrong password', async () => {
    await expect(authenticateStaff(meta(), { email: 'nobody@test.example', password: 'x' })).rejects.toMatchObject({ code: 'CREDENTIALS_INVALID' });
  });

  it('leaves an intact audit chain behind all of this', async () => {
    expect(await verifyAuditChain(test.db)).toMatchObject({ ok: true });
  });
});
