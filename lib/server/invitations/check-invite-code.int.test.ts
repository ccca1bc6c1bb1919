import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { checkInviteCode } from './check-invite-code';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('"is this message genuine?"', () => {
  it('names the creditor and its official number for a real code, however it is typed, and nothing of the debt', async () => {
    const creditor = await makeCreditor(test.db);
    const { case: kase } = await makeLoanWithCase(test.db, creditor.id, (await makeBorrower(test.db)).id);
    await test.db.update(cases).set({ inviteCode: 'K7M3Q9XPRD' }).where(eq(cases.id, kase.id));
    const answer = await checkInviteCode({ ip: '198.51.100.20' }, ' k7m3q-9xprd ');
    expect(answer).toEqual({ verdict: 'genuine', creditor: { 'zh-CN': creditor.name, en: creditor.nameEn }, servicePhone: creditor.servicePhone });
    expect(await checkInviteCode({ ip: '198.51.100.20' }, 'K7M3Q-9XPRE')).toEqual({ verdict: 'unknown' });
    expect(await checkInviteCode({ ip: '198.51.100.20' }, 'K7M3Q-9XPR0')).toEqual({ verdict: 'malformed' }); // 0 is not in the alphabet
  });

  it('answers ten checks an hour per address, so codes cannot be enumerated', async () => {
    for (let i = 0; i < 10; i++) await checkInviteCode({ ip: '198.51.100.21' }, `AAAAA-AAAA${'23456789AB'[i]}`);
    await expect(checkInviteCode({ ip: '198.51.100.21' }, 'AAAAA-AAAAC')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Another address is unaffected.
    expect(await checkInviteCode({ ip: '198.51.100.22' }, 'AAAAA-AAAAC')).toEqual({ verdict: 'unknown' });
  });
});
