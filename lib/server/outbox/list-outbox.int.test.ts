import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { issueStaffLink } from '../admin/staff-links';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Actor } from '../actor';
import { requestLoginCode } from '../auth/request-login-code';
import { listOutbox } from './list-outbox';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('the dev outbox, which holds every sign-in code', () => {
  it('is for admins only: strangers, borrowers, mediators and supervisors are told it does not exist', async () => {
    const creditor = await makeCreditor(test.db);
    const borrower = await makeBorrower(test.db);
    await makeLoanWithCase(test.db, creditor.id, borrower.id);
    await requestLoginCode({ ip: '198.51.100.90' }, { phone: borrower.phone }, 'zh-CN');
    const staff = async (role: 'mediator' | 'supervisor' | 'admin'): Promise<Actor> => ({ type: 'staff', id: (await makeStaff(test.db, creditor.id, role)).id, role, creditorId: creditor.id });
    for (const actor of [{ type: 'anonymous' } as Actor, { type: 'borrower', id: borrower.id } as Actor, await staff('mediator'), await staff('supervisor')]) {
      await expect(listOutbox(actor)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const entries = await listOutbox(await staff('admin'));
    expect(entries.find((e) => e.toAddress === borrower.phone)?.body).toMatch(/\d{6}/);
  });

  it('shows a creditor’s admin only that creditor’s: its borrowers’ codes and its staff’s links, never another’s or the centre’s', async () => {
    const [own, other] = [await makeCreditor(test.db), await makeCreditor(test.db)];
    const ours = await makeBorrower(test.db);
    const theirs = await makeBorrower(test.db);
    await makeLoanWithCase(test.db, own.id, ours.id);
    await makeLoanWithCase(test.db, other.id, theirs.id);
    await requestLoginCode({ ip: '198.51.100.92' }, { phone: ours.phone }, 'zh-CN');
    await requestLoginCode({ ip: '198.51.100.93' }, { phone: theirs.phone }, 'zh-CN');
    const admin = await makeStaff(test.db, own.id, 'admin');
    const colleague = await makeStaff(test.db, own.id, 'mediator');
    const centreAdmin = await makeStaff(test.db, null, 'admin');
    const otherMediator = await makeStaff(test.db, other.id, 'mediator');
    const now = new Date();
    await test.db.transaction(async (tx) => {
      for (const staff of [colleague, centreAdmin, otherMediator]) await issueStaffLink(tx, { staff, purpose: 'reset', createdBy: admin.id, now });
    });
    const seen = (await listOutbox({ type: 'staff', id: admin.id, role: 'admin', creditorId: own.id })).map((e) => e.toAddress);
    expect(seen).toContain(ours.phone);
    expect(seen).toContain(colleague.email);
    expect(seen).not.toContain(theirs.phone);
    expect(seen).not.toContain(centreAdmin.email);
    expect(seen).not.toContain(otherMediator.email);
    // The centre's admin serves every creditor, and sees all of it.
    const all = (await listOutbox({ type: 'staff', id: centreAdmin.id, role: 'admin', creditorId: null }, 1000)).map((e) => e.toAddress);
    for (const address of [ours.phone, theirs.phone, colleague.email, centreAdmin.email, otherMediator.email]) expect(all).toContain(address);
  });

  it('outside demo mode shows that a code was sent, not the code', async () => {
    const creditor = await makeCreditor(test.db);
    const borrower = await makeBorrower(test.db);
    await makeLoanWithCase(test.db, creditor.id, borrower.id);
    await requestLoginCode({ ip: '198.51.100.91' }, { phone: borrower.phone }, 'zh-CN');
    const saved = { DEMO_MODE: process.env.DEMO_MODE, CONCORD_SIGNING_P12: process.env.CONCORD_SIGNING_P12 };
    Object.assign(process.env, { DEMO_MODE: 'false', CONCORD_SIGNING_P12: 'configured' });
    vi.resetModules();
    try {
      const { listOutbox: deployed } = await import('./list-outbox');
      const admin = await makeStaff(test.db, creditor.id, 'admin');
      const entry = (await deployed({ type: 'staff', id: admin.id, role: 'admin', creditorId: creditor.id })).find((e) => e.toAddress === borrower.phone)!;
      expect(entry.body).not.toMatch(/\d{6}/);
      expect(entry.body).toContain('••••••');
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      vi.resetModules();
    }
  });
});
