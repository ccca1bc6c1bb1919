import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, creditors } from '@/db/schema';
import { makeCreditor, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Ctx } from '../actor';
import { getLitigationSettings, listLitigationSettings, setLitigationSettings } from './litigation-settings';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});

const meta = { ip: '203.0.113.5', userAgent: 'vitest' };
const as = (who: { id: string; role: 'admin' | 'mediator' | 'supervisor' }, creditorId: string | null): Ctx => ({ actor: { type: 'staff', id: who.id, role: who.role, creditorId }, meta });
const form = { firm: '浙江明理律师事务所', lawyer: '陈律', phone: '0571-8888 0000', address: '', courts: [{ region: '杭州市', court: '杭州市西湖区人民法院' }, { region: '', court: '' }] };

describe("a creditor's litigation settings", () => {
  it('are set by its admin, validated beside each field, and audited before and after', async () => {
    const creditor = await makeCreditor(test.db);
    const admin = as(await makeStaff(test.db, creditor.id, 'admin'), creditor.id);
    const saved = await setLitigationSettings(admin, creditor.id, form);
    // The empty row is dropped; counsel kept whole.
    expect(saved).toEqual({ counsel: { firm: '浙江明理律师事务所', lawyer: '陈律', phone: '0571-8888 0000', address: '' }, confirmationCourts: [{ region: '杭州市', court: '杭州市西湖区人民法院' }] });
    expect((await getLitigationSettings(admin.actor, creditor.id)).settings).toEqual(saved);
    expect((await listLitigationSettings(admin.actor)).map((r) => r.id)).toEqual([creditor.id]);

    const issues = async (raw: unknown) => {
      try {
        await setLitigationSettings(admin, creditor.id, raw);
        return null;
      } catch (error) {
        return Object.fromEntries((error as { issues: { path: (string | number)[]; message: string }[] }).issues.map((i) => [i.path.join('.'), i.message]));
      }
    };
    expect(await issues({ ...form, lawyer: '', phone: '' })).toEqual({ lawyer: 'validation.required', phone: 'validation.required' });
    expect(await issues({ ...form, phone: 'call me' })).toEqual({ phone: 'validation.litigation.phone' });
    expect(await issues({ ...form, courts: [{ region: '杭州市', court: '' }, { region: '杭州市', court: '另一法院' }] })).toEqual({ 'courts.0.court': 'validation.required', 'courts.1.region': 'validation.litigation.regionTwice' });

    // No counsel at all is allowed (then no lawyer's letter can be issued).
    expect((await setLitigationSettings(admin, creditor.id, { firm: '', lawyer: '', phone: '', address: '', courts: [] })).counsel).toBeNull();
    const trail = await test.db.select({ action: auditEvents.action, data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.entityId, creditor.id)).orderBy(asc(auditEvents.seq));
    const changes = trail.filter((e) => e.action === 'creditor.litigation_settings_changed');
    expect(changes).toHaveLength(2);
    expect(changes[1]!.data).toMatchObject({ before: saved, after: { counsel: null, confirmationCourts: [] } });
    const [row] = await test.db.select({ litigation: creditors.litigation }).from(creditors).where(eq(creditors.id, creditor.id));
    expect(row!.litigation).toEqual({ counsel: null, confirmationCourts: [] });
  });

  it('are for admins of that creditor only', async () => {
    const creditor = await makeCreditor(test.db);
    const other = await makeCreditor(test.db);
    const otherAdmin = as(await makeStaff(test.db, other.id, 'admin'), other.id);
    const supervisor = as(await makeStaff(test.db, creditor.id, 'supervisor'), creditor.id);
    await expect(setLitigationSettings(otherAdmin, creditor.id, form)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getLitigationSettings(otherAdmin.actor, creditor.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setLitigationSettings(supervisor, creditor.id, form)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
