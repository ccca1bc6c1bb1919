import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { simulateMonth } from './lib/simulate-month';

/** The simulated month at a size that keeps `npm test` quick (the bench runs it for 10,000 borrowers). */
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('a simulated month of reminders', () => {
  it('sends every reminder once, none outside the allowed hours, and loses none', { timeout: 240_000 }, async () => {
    // Ten days in steps of an hour: every kind of deferral happens (night, quiet hours at noon and overnight).
    const report = await simulateMonth(test.db, { borrowers: 150, days: 10, stepMinutes: 60 });
    expect(report.remindersExpected).toBeGreaterThan(80);
    expect(report.remindersQueued).toBe(report.remindersExpected);
    expect(report.duplicates).toBe(0);
    expect(report.sentOutsideHours).toBe(0);
    expect(report.lost).toBe(0);
    expect(report.sent + report.deferredPastEnd).toBe(report.remindersQueued);
    // Reminders are queued at all hours (the job runs hourly): many wait for the morning, or the end of quiet hours.
    expect(report.deferrals).toBeGreaterThan(20);
  });
});
