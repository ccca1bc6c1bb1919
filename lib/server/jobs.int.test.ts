import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offers, rateLimitCounters } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { jobs, startJobs } from './jobs';
import { requestSuggestions } from './offers/suggest-offers';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('the job queue', () => {
  it('expires an overdue offer when the expiry job runs on pg-boss', async () => {
    const creditor = await makeCreditor(test.db);
    await makeStaff(test.db, creditor.id);
    const borrower = await makeBorrower(test.db);
    const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id);
    const { offerIds } = await requestSuggestions({ actor: { type: 'borrower', id: borrower.id }, meta: {} }, kase.id);
    await test.db.execute(sql`update offers set expires_at = now() - interval '1 minute' where id = ${offerIds[0]!}`);
    const boss = await startJobs(test.url, { schedule: false });
    try {
      await boss.send(jobs.expireOffers, {});
      await expect
        .poll(async () => (await test.db.select({ s: offers.status }).from(offers).where(eq(offers.id, offerIds[0]!)))[0]!.s, { timeout: 20_000, interval: 250 })
        .toBe('expired');
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it('sweeps spent rate-limit counters and keeps live ones', async () => {
    const past = new Date(Date.now() - 2 * 3_600_000);
    await test.db.insert(rateLimitCounters).values([
      { key: 'otp-ip:spent', windowStart: past, count: 3, expiresAt: new Date(past.getTime() + 3_600_000) },
      { key: 'otp-ip:live', windowStart: new Date(), count: 1, expiresAt: new Date(Date.now() + 3_600_000) },
    ]);
    const boss = await startJobs(test.url, { schedule: false });
    try {
      await boss.send(jobs.purgeRateLimits, {});
      await expect.poll(async () => (await test.db.select({ key: rateLimitCounters.key }).from(rateLimitCounters)).map((r) => r.key), { timeout: 20_000, interval: 250 }).toEqual(['otp-ip:live']);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
