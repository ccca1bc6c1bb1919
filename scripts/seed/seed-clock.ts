import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';

/**
 * The demo seed's controllable clock: runs the real services as of a moment in the past, the way a case lived
 * through its weeks. While `fn` runs, `new Date()` and `Date.now()` in this process read `moment` (plus the time
 * that has really passed since), so every timestamp the code writes itself (audit events, signatures, the
 * agreement's date, the plan's due dates, payments) is the moment's. A timestamp PostgreSQL writes itself (a column
 * default `now()`) is moved back by the same amount afterwards: only the rows written during `fn` (real timestamps
 * at or after its start) are touched, so the seed must not run beside other writers (it holds no lock; the demo
 * seed runs before the server starts).
 *
 * Never used by the application: only scripts/seed.
 */
export async function atMoment<T>(db: Database, moment: Date, fn: () => Promise<T>): Promise<T> {
  const RealDate = globalThis.Date;
  const realStart = RealDate.now();
  const offset = moment.getTime() - realStart;
  const clock = () => RealDate.now() + offset;
  class ClockDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock());
      else super(...(args as [string | number | Date]));
    }
    static override now() {
      return clock();
    }
    // Dates made before the clock was set (and by code holding the real constructor) are still Dates.
    static [Symbol.hasInstance](value: unknown) {
      return value instanceof RealDate;
    }
  }
  globalThis.Date = ClockDate as unknown as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
    await shiftDatabaseDefaults(db, new RealDate(realStart), offset);
  }
}

const defaultNowColumns = new WeakMap<Database, Promise<{ table: string; column: string }[]>>();

async function shiftDatabaseDefaults(db: Database, since: Date, offsetMs: number) {
  if (!defaultNowColumns.has(db)) {
    defaultNowColumns.set(
      db,
      db
    .execute<{ table: string; column: string }>(
      sql`select table_name as "table", column_name as "column" from information_schema.columns
          where table_schema = 'public' and column_default like 'now()%' and data_type like 'timestamp%'`,
    )
    .then((r) => r.rows),
    );
  }
  const columns = await defaultNowColumns.get(db)!;
  const interval = `${Math.round(offsetMs)} milliseconds`;
  // Rows the schema keeps immutable (an accepted offer, a signature) are immutable by trigger: a timestamp correction
  // of the seed's own rows bypasses the triggers (the demo's embedded PostgreSQL user may). One round trip: the
  // statements' only values are this function's own (a whole number of milliseconds, an ISO instant).
  const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const statements = columns.map(({ table, column }) => `update ${ident(table)} set ${ident(column)} = ${ident(column)} + interval '${interval}' where ${ident(column)} >= '${since.toISOString()}'`);
  await db.execute(sql.raw(['begin', 'set local session_replication_role = replica', ...statements, 'commit'].join(';\n')));
}
