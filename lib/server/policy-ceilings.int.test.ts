import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditors } from '@/db/schema';
import { defaultPolicy, parsePolicy } from '@/lib/domain/policy';
import { makeCreditor } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';

/** The data fix that brings stored creditor policies within the legal ceilings (db/migrations/NNNN_policy_legal_ceilings.sql). */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const migrations = path.join(import.meta.dirname, '../../db/migrations');
const migrationFile = (suffix: string) => fs.readFileSync(path.join(migrations, fs.readdirSync(migrations).find((f) => f.endsWith(suffix))!), 'utf8');
// The ceilings' first fix, then the contact window's end brought to 21:00.
const migration = [migrationFile('_policy_legal_ceilings.sql'), migrationFile('_contact_window_end_2100.sql')].join('\n--> statement-breakpoint\n');

describe('stored policies that loosened a legal limit', () => {
  it('are brought back to the limit by the migration, and tighter values are kept', async () => {
    const loose = await makeCreditor(t.db);
    const overnight = await makeCreditor(t.db);
    const tight = await makeCreditor(t.db);
    // Written as an older version of the schema allowed: a 36 % cap, 06:00–23:30, 10/20/50 contacts, a 30 % extension rate.
    await t.db.execute(sql`update creditors set policy = ${JSON.stringify({ ...defaultPolicy, totalCostCapAnnualPct: 36, contact: { windowStart: '06:00', windowEnd: '23:30', maxEffectivePerDay: 10, maxUnansweredAttemptsPerDay: 20, maxAttemptsPer7Days: 50 }, extension: { rate: 'policy', policyAnnualRatePpm: 300_000 } })}::jsonb where id = ${loose.id}`);
    await t.db.execute(sql`update creditors set policy = ${JSON.stringify({ ...defaultPolicy, contact: { ...defaultPolicy.contact, windowStart: '21:00', windowEnd: '08:00' } })}::jsonb where id = ${overnight.id}`);
    const tighter = { ...defaultPolicy, totalCostCapAnnualPct: 18, contact: { ...defaultPolicy.contact, windowStart: '09:00', windowEnd: '18:00', maxEffectivePerDay: 2 } };
    await t.db.execute(sql`update creditors set policy = ${JSON.stringify(tighter)}::jsonb where id = ${tight.id}`);
    const read = async (id: string) => (await t.db.select({ policy: creditors.policy }).from(creditors).where(eq(creditors.id, id)))[0]!.policy;
    await expect(read(loose.id).then(parsePolicy)).rejects.toThrow();

    for (const statement of migration.split('--> statement-breakpoint')) await t.db.execute(sql.raw(statement));

    expect(parsePolicy(await read(loose.id))).toMatchObject({
      totalCostCapAnnualPct: 24,
      contact: { windowStart: '08:00', windowEnd: '21:00', maxEffectivePerDay: 3, maxUnansweredAttemptsPerDay: 6, maxAttemptsPer7Days: 7 },
      extension: { rate: 'policy', policyAnnualRatePpm: 240_000 },
    });
    expect(parsePolicy(await read(overnight.id)).contact).toMatchObject({ windowStart: '08:00', windowEnd: '21:00' });
    expect(await read(tight.id)).toEqual(tighter);
  });
});
