import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { systemCtx } from './actor';
import { recordAudit, verifyAuditChain } from './audit';

describe('the audit chain', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test.drop());

  it('links every row to the one before, even when written concurrently', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        test.db.transaction((tx) => recordAudit(tx, { actor: { type: 'borrower', id: crypto.randomUUID() }, meta: { ip: '127.0.0.1' } }, { action: 'test.event', data: { i, nested: { b: 1, a: [1, 2] } } })),
      ),
    );
    const verdict = await verifyAuditChain(test.db);
    expect(verdict).toEqual({ ok: true, checked: 20 });
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    const refused = { cause: { message: expect.stringMatching(/append-only/) } };
    await expect(test.db.execute(sql`update audit_events set action = 'x' where seq = 1`)).rejects.toMatchObject(refused);
    await expect(test.db.execute(sql`delete from audit_events where seq = 1`)).rejects.toMatchObject(refused);
  });

  it('detects an edited row even when someone bypasses the trigger', async () => {
    await test.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`); // superuser: triggers off
      await tx.execute(sql`update audit_events set data = '{"i": 999}'::jsonb where seq = 5`);
    });
    const verdict = await verifyAuditChain(test.db);
    expect(verdict).toMatchObject({ ok: false, brokenAtSeq: 5, reason: 'hash' });
  });

  it('detects a deleted row', async () => {
    const other = await createTestDatabase();
    try {
      for (let i = 0; i < 3; i++) await other.db.transaction((tx) => recordAudit(tx, systemCtx, { action: `e${i}` }));
      await other.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.delete(auditEvents).where(sql`${auditEvents.seq} = 2`);
      });
      expect(await verifyAuditChain(other.db)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'link' });
    } finally {
      await other.drop();
      test.db = (await import('@/db/client')).connectDb(test.url);
    }
  });
});
