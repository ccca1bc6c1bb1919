import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { addDays, todayIn } from '@/lib/domain/dates';
import type { Actor } from '@/lib/server/actor';
import { getDashboard } from '@/lib/server/dashboard/get-dashboard';
import type { DashboardFilter } from '@/lib/validation/dashboard';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export type DashboardBench = {
  cases: number;
  combinations: number;
  runsEach: number;
  worst: { filter: DashboardFilter; p50: number; p95: number };
  all: { filter: DashboardFilter; p50: number; p95: number; opened: number }[];
  goal300ms: boolean;
};

/**
 * The dashboard service (every figure, the weekly trend and the cohorts) for
 * every combination of its filters — date range (none, 90 days, a year),
 * mediator (none, one), DPD bucket (none, M2) and creditor (none, one) — as
 * the centre's admin, who sees every case: 24 combinations, each run warm
 * `runs` times. The goal (issue 15): under 300 ms for any combination.
 */
export async function benchDashboard(db: Database, runs = 12): Promise<DashboardBench> {
  const { rows: [admin] } = await db.execute<{ id: string }>(sql`select id from staff_users where role = 'admin' and creditor_id is null order by created_at limit 1`);
  const { rows: [busiest] } = await db.execute<{ assignee_id: string; creditor_id: string }>(
    sql`select assignee_id, creditor_id from case_facts where assignee_id is not null group by assignee_id, creditor_id order by count(*) desc limit 1`,
  );
  const { rows: [{ n } = { n: 0 }] } = await db.execute<{ n: number }>(sql`select count(*)::int as n from case_facts`);
  if (!admin || !busiest) throw new Error('bench: no centre admin or no assigned case to measure the dashboard with');
  const actor: Actor = { type: 'staff', id: admin.id, role: 'admin', creditorId: null };
  const today = todayIn('Asia/Shanghai');
  const ranges: DashboardFilter[] = [{}, { from: addDays(today, -90), to: today }, { from: addDays(today, -365), to: today }];
  const filters: DashboardFilter[] = [];
  for (const range of ranges)
    for (const mediator of [undefined, busiest.assignee_id])
      for (const bucket of [undefined, 'M2' as const])
        for (const creditor of [undefined, busiest.creditor_id]) filters.push({ ...range, mediator, bucket, creditor });
  const all: DashboardBench['all'] = [];
  for (const filter of filters) {
    let opened = 0;
    opened = (await getDashboard(actor, filter)).counts.opened; // warm
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await getDashboard(actor, filter);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    all.push({ filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), p50: percentile(times, 50), p95: percentile(times, 95), opened });
  }
  const worst = all.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  return { cases: n, combinations: all.length, runsEach: runs, worst, all, goal300ms: worst.p95 < 300 };
}
