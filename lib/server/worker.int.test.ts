import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecords, notifications } from '@/db/schema';
import { makeBorrower, makeCreditor, makeLoanWithCase } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { jobs } from './jobs';
import { notifyBorrower } from './notify-borrower';

/**
 * Two `npm run worker` processes against one database, sending SMS through a provider's HTTP gateway (a local
 * server started here): one is killed (SIGKILL) while it is sending, and still every message goes out once —
 * the killed worker's transaction is rolled back, the message it held is sent by the other, under the same
 * reference (the gateway's idempotency key) — and one contact is recorded per message.
 */
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

/** A zone whose local time is about 13:00 now, so that the contact window (08:00–21:00) is open for the whole test. */
function middayZone(now = new Date()): string {
  let offset = 13 - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

function startWorker(name: string, env: Record<string, string>): Promise<ChildProcess> {
  const root = path.resolve(import.meta.dirname, '../..');
  // Node itself with tsx as a loader (not tsx's CLI, which runs the worker in a child of its own): the process killed is the worker.
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/lib/server-only-shim.mjs', 'scripts/worker.ts'], {
    cwd: root,
    env: { ...process.env, ...env, WORKER_NAME: name, WORKER_SCHEDULE: 'false', LOG_LEVEL: 'fatal', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`worker ${name} started`)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`worker ${name} exited (${code}): ${output}`)));
  });
}

describe('the job worker', () => {
  it('two workers, one killed mid-batch: every SMS is sent once (by reference) and recorded once', { timeout: 120_000 }, async () => {
    const creditor = await makeCreditor(test.db);
    const zone = middayZone();
    const borrowerIds: string[] = [];
    for (let i = 0; i < 40; i++) {
      const borrower = await makeBorrower(test.db, { timezone: zone });
      const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id);
      borrowerIds.push(borrower.id);
      await notifyBorrower(test.db, { caseId: kase.id, creditorId: creditor.id, borrowerId: borrower.id, template: 'offerExpired', values: { caseNo: kase.caseNo } });
    }
    const smsIds = (await test.db.select({ id: notifications.id }).from(notifications).where(inArray(notifications.recipientId, borrowerIds))).length;
    expect(smsIds).toBe(80); // each an SMS and its in-app copy

    const received: string[] = [];
    const gateway = http.createServer((request, response) => {
      let body = '';
      request.on('data', (c: Buffer) => (body += c.toString()));
      request.on('end', () => {
        received.push((JSON.parse(body) as { reference: string }).reference);
        setTimeout(() => response.writeHead(200).end('{}'), 60); // a provider that takes its time
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const env = { DATABASE_URL: test.url, SMS_HTTP_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms` };
    const boss = new PgBoss({ connectionString: test.url, schema: 'pgboss', supervise: false, schedule: false });
    let a: ChildProcess | undefined;
    let b: ChildProcess | undefined;
    try {
      [a, b] = await Promise.all([startWorker('a', env), startWorker('b', env)]);
      await boss.start();
      await boss.send(jobs.dispatchOutbox, {});
      await boss.send(jobs.dispatchOutbox, {});
      await expect.poll(() => received.length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(8);
      a.kill('SIGKILL');
      // Whatever the killed worker held is released with its connection; the next run takes it.
      await boss.send(jobs.dispatchOutbox, {});
      await expect
        .poll(async () => (await test.db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(sql`${notifications.recipientId} in ${borrowerIds} and ${notifications.status} = 'sent'`))[0]!.n, { timeout: 60_000, interval: 250 })
        .toBe(80);
    } finally {
      a?.kill('SIGKILL');
      b?.kill('SIGKILL');
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      gateway.close();
    }
    const sms = await test.db.select({ id: notifications.id }).from(notifications).where(sql`${notifications.recipientId} in ${borrowerIds} and ${notifications.channel} = 'sms'`);
    // Every message reached the gateway; at most the one in flight when the worker died twice, under one reference.
    expect(new Set(received)).toEqual(new Set(sms.map((m) => m.id)));
    expect(received.length - new Set(received).size).toBeLessThanOrEqual(1);
    const records = await test.db.select({ borrowerId: contactRecords.borrowerId, outcome: contactRecords.outcome }).from(contactRecords).where(inArray(contactRecords.borrowerId, borrowerIds));
    expect(records.length).toBe(40);
    expect(new Set(records.map((r) => r.borrowerId)).size).toBe(40);
    expect(records.every((r) => r.outcome === 'attempted')).toBe(true);
  });
});
