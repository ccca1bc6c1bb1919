import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '@/lib/domain/dates';
import { displayTimeZone } from '@/lib/i18n/config';
import { makeExecutedPlan } from '@/lib/testing/plans';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { parseQueueParams } from '@/lib/validation/queue';
import type { Actor, Ctx } from '../actor';
import { getCaseOverview } from '../cases/get-case-overview';
import { getStaffPlan } from '../plans/plan-progress';
import { recordPayment } from '../plans/record-payment';
import { reversePayment } from '../plans/reverse-payment';
import { listQueue } from './list-queue';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});

const yuan = (fen: number) => (fen / 100).toFixed(2);

describe('days past due in the queue and in the case file', () => {
  // Found in the demo: 宋佳's plan had payments; the queue said 169 days past due, her case file 139. The queue counted
  // from the day the case opened as if nothing had been paid since.
  it('are one figure after a payment on the plan, and again after the payment is reversed', async () => {
    const s = await makeExecutedPlan(test.db);
    const mediator: Actor = { type: 'staff', id: s.mediator.id, role: 'mediator', creditorId: s.creditor.id };
    const ctx: Ctx = { actor: mediator, meta: { ip: '127.0.0.1', userAgent: 'test' } };
    const now = new Date();
    const queueDpd = async () => {
      const { rows } = await listQueue(mediator, parseQueueParams({ q: s.kase.caseNo, state: 'all', assignee: 'any' }), now);
      return rows.find((r) => r.id === s.kase.id)!.daysPastDue;
    };
    const fileDpd = async () => (await getCaseOverview(mediator, s.kase.id)).arrears.daysPastDue;
    const before = await fileDpd();
    expect(before).toBeGreaterThan(31);

    // Half of what settles the plan today: the loan's oldest installments are paid, the plan goes on.
    const settle = (await getStaffPlan(mediator, s.kase.id, now))!.totals.settleToday;
    const today = todayIn(displayTimeZone, now);
    const { paymentId } = await recordPayment(ctx, s.kase.id, { amount: yuan(Math.floor(settle / 2)), receivedOn: today, channel: 'bank_transfer', reference: `DPD-${s.kase.caseNo}` }, now);
    const after = await fileDpd();
    expect(after).toBeLessThan(before);
    expect(await queueDpd()).toBe(after);

    await reversePayment(ctx, s.kase.id, { paymentId, reason: 'The transfer bounced' }, now);
    expect(await fileDpd()).toBe(before);
    expect(await queueDpd()).toBe(before);
  });
});
