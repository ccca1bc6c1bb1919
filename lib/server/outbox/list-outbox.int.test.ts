import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeBorrower, makeCreditor, makeStaff } from '@/lib/testing/factories';
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
    await requestLoginCode({ ip: '198.51.100.90' }, { phone: borrower.phone }, 'zh-CN');
    const staff = async (role: 'mediator' | 'supervisor' | 'admin'): Promise<Actor> => ({ type: 'staff', id: (await makeStaff(test.db, creditor.id, role)).id, role, creditorId: creditor.id });
    for (const actor of [{ type: 'anonymous' } as Actor, { type: 'borrower', id: borrower.id } as Actor, await staff('mediator'), await staff('supervisor')]) {
      await expect(listOutbox(actor)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const entries = await listOutbox(await staff('admin'));
    expect(entries.find((e) => e.toAddress === borrower.phone)?.body).toMatch(/\d{6}/);
  });

  it('outside demo mode shows that a code was sent, not the code', async () => {
    const creditor = await makeCreditor(test.db);
    const borrower = await makeBorrower(test.db);
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
