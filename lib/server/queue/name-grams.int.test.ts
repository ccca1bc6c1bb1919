import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';

/**
 * concord_name_grams (migration 0026) against its first definition (0019), written out here as it was: the
 * index on borrowers' names was built with that one, so the new one must give the same grams for every name.
 */
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

const original = (name: string) => sql`
  select coalesce(array_agg(distinct g), '{}') as grams from (
    select substr(lower(${name}::text), i, 1) as g from generate_series(1, char_length(${name}::text)) as i
    union all
    select substr(lower(${name}::text), i, 2) from generate_series(1, char_length(${name}::text) - 1) as i
  ) grams where g !~ '\\s'`;

async function both(name: string) {
  const [now] = (await test.db.execute<{ grams: string[] }>(sql`select concord_name_grams(${name}::text) as grams`)).rows;
  const [then] = (await test.db.execute<{ grams: string[] }>(original(name))).rows;
  return { now: now!.grams, then: then!.grams };
}

describe('the grams of a name', () => {
  it('are those of the first definition, for names as they come', async () => {
    for (const name of ['', '张', '张三', '欧阳 娜娜', '  王\t小 明 ', 'Zhang San', 'ZHANG  san', 'Ⅻ𠀀𠀁', '李李李', 'a', ' ']) {
      const { now, then } = await both(name);
      expect(now, JSON.stringify(name)).toEqual(then);
    }
  });

  it('are those of the first definition, for any name', { timeout: 60_000 }, async () => {
    const char = fc.constantFrom('张', '王', '李', '明', '𠀀', 'A', 'b', 'É', ' ', '\t', '\n', '·', '-', 'ß');
    await fc.assert(
      fc.asyncProperty(fc.array(char, { maxLength: 8 }).map((cs) => cs.join('')), async (name) => {
        const { now, then } = await both(name);
        expect(now).toEqual(then);
      }),
      { numRuns: 150 },
    );
  });

  it('is null for no name, and known grams for a known one', async () => {
    const [row] = (await test.db.execute<{ none: string[] | null; some: string[] }>(sql`select concord_name_grams(null) as none, concord_name_grams('王 小明') as some`)).rows;
    expect(row!.none).toBeNull();
    expect([...row!.some].sort()).toEqual(['小', '小明', '明', '王'].sort());
  });
});
