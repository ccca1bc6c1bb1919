import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, creditors, importBatches, importRowErrors, invitations, notifications } from '@/db/schema';
import { formatInviteCode } from '@/lib/domain/invite-code';
import { checkInviteCode } from '@/lib/server/invitations/check-invite-code';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import { seedDemo } from './demo';
import { DEMO_CREDITOR_CODE } from './demo-data';
import { DEMO_IMPORT_FILENAME, seedDemoImport } from './demo-import';

/** The demo's portfolio import: loaded through the import's own services, once, with its refused rows and its invitations. */
let t: TestDatabase;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-demo-import-'));
beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  t = await createTestDatabase();
  await seedDemo(t.db);
}, 120_000);
afterAll(async () => {
  await t.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo portfolio import', () => {
  it('imports ten loans as invited cases with their invitations, refuses two rows with their reasons, and runs once', async () => {
    const now = new Date('2026-12-01T02:00:00Z');
    const result = await seedDemoImport(now);
    expect(result).toMatchObject({ imported: 10, refused: 2 });
    const [batch] = await t.db.select().from(importBatches).where(eq(importBatches.id, result!.batchId));
    expect(batch).toMatchObject({ filename: DEMO_IMPORT_FILENAME, status: 'imported', rowsRead: 12, rowsValid: 10, rowsInvalid: 2, casesOpened: 10, invitationsQueued: 10 });
    const errors = await t.db.select().from(importRowErrors).where(eq(importRowErrors.batchId, result!.batchId));
    expect(errors.flatMap((e) => e.problems.map((p) => `${e.line} ${p.column}`)).sort()).toEqual(['12 residentId', '13 mobile']);

    const [bank] = await t.db.select().from(creditors).where(eq(creditors.code, DEMO_CREDITOR_CODE));
    const opened = await t.db.select().from(cases).where(and(eq(cases.creditorId, bank!.id), isNotNull(cases.inviteCode)));
    expect(opened).toHaveLength(10);
    expect(opened.every((c) => c.state === 'invited')).toBe(true);
    const sent = await t.db.select({ channel: invitations.channel, body: notifications.body }).from(invitations).innerJoin(notifications, eq(notifications.id, invitations.notificationId)).where(eq(invitations.batchId, result!.batchId));
    expect(sent.map((s) => s.channel).sort()).toEqual([...Array(9).fill('sms'), 'letter'].sort());
    // Each invitation carries its case's code, which the public check page knows; a made-up one it does not.
    for (const c of opened) {
      expect(await checkInviteCode({ ip: '198.51.100.7' }, c.inviteCode!)).toMatchObject({ verdict: 'genuine' });
    }
    const smsBodies = sent.filter((s) => s.channel === 'sms').map((s) => s.body);
    expect(smsBodies.every((body) => opened.some((c) => body.includes(formatInviteCode(c.inviteCode!))))).toBe(true);
    expect(smsBodies.some((body) => /¥|元/.test(body))).toBe(false);

    expect(await seedDemoImport(now)).toBeNull();
    expect(await t.db.select().from(importBatches).where(eq(importBatches.creditorId, bank!.id))).toHaveLength(1);
  });
});
