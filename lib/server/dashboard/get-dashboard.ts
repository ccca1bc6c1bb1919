import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { caseFacts, creditors, staffUsers } from '@/db/schema';
import { addDays, todayIn } from '@/lib/domain/dates';
import { everyWeek, keepMonths, ratesOf, type DashboardCounts, type DashboardRates, type KeepMonths } from '@/lib/domain/dashboard';
import { outcomeKinds, type OutcomeKind } from '@/lib/domain/outcomes';
import type { DashboardFilter } from '@/lib/validation/dashboard';
import type { Actor } from '../actor';
import { creditorScope, staffServing } from '../staff-scope';
import { assertDashboardViewer, factsWhere, reachedWhere } from './dashboard-scope';

export type WeekRow = { week: string; opened: number; engaged: number; signed: number };
export type CohortRow = { month: string; signed: number; keep: Record<KeepMonths, { eligible: number; kept: number; rate: number | null }>; redefaulted: number };
export type DashboardData = { counts: DashboardCounts; rates: DashboardRates; weeks: WeekRow[]; cohorts: CohortRow[]; asOf: string };

const days = sql`extract(epoch from (${caseFacts.signedAt} - ${caseFacts.openedAt})) / 86400.0`;
const keptBy = (months: number, now: Date) => {
  const horizon = sql`${caseFacts.signedAt} + make_interval(months => ${months})`;
  return {
    eligible: sql<number>`count(*) filter (where ${caseFacts.signedAt} is not null and ${horizon} <= ${now})::int`,
    kept: sql<number>`count(*) filter (where ${caseFacts.signedAt} is not null and ${horizon} <= ${now} and (${caseFacts.breachedAt} is null or ${caseFacts.breachedAt} > ${horizon}))::int`,
  };
};
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/**
 * The week of opening as a number: whole weeks since Monday 1970-01-05 00:00 in China Standard Time
 * (epoch 316,800 s; UTC+8 all year, no daylight saving), named by its Monday afterwards. Plain
 * arithmetic on each row: converting 100,000 timestamps to a named zone and formatting them cost
 * more than the rest of the query.
 */
const weekIndex = sql<number>`floor((date_part('epoch', ${caseFacts.openedAt}) - 316800) / 604800)::int`;
const weekNamed = (index: number) => addDays('1970-01-05', 7 * Number(index));

/**
 * Every figure on the dashboard for one filter, from the case facts
 * (ADR 0012): one scan for the figures, one for the weekly trend, one for the
 * cohorts by signing month, run side by side. `now` decides which agreements
 * are old enough to count at 3, 6 and 12 months.
 */
export async function getDashboard(actor: Actor, filter: DashboardFilter, now = new Date()): Promise<DashboardData> {
  assertDashboardViewer(actor);
  const where = factsWhere(actor, filter);
  const db = getDb();
  const k = Object.fromEntries(keepMonths.map((m) => [m, keptBy(m, now)])) as Record<KeepMonths, ReturnType<typeof keptBy>>;
  const outcomeColumns = Object.fromEntries(outcomeKinds.map((o) => [o, sql<number>`count(*) filter (where ${caseFacts.outcome} = ${o})::int`])) as Record<OutcomeKind, ReturnType<typeof sql<number>>>;
  const [[row], weeks, cohorts] = await Promise.all([
    db
      .select({
        opened: sql<number>`count(*)::int`,
        engaged: sql<number>`count(*) filter (where ${reachedWhere.engaged})::int`,
        hardship: sql<number>`count(*) filter (where ${reachedWhere.hardship})::int`,
        offered: sql<number>`count(*) filter (where ${reachedWhere.offered})::int`,
        signed: sql<number>`count(*) filter (where ${reachedWhere.signed})::int`,
        concluded: sql<number>`count(${caseFacts.concludedAt})::int`,
        resolved: sql<number>`count(*) filter (where ${reachedWhere.resolved})::int`,
        selfServed: sql<number>`count(*) filter (where ${reachedWhere.selfServed})::int`,
        redefaulted: sql<number>`count(*) filter (where ${reachedWhere.redefaulted})::int`,
        medianDays: sql<string | null>`percentile_cont(0.5) within group (order by ${days})`,
        p90Days: sql<string | null>`percentile_cont(0.9) within group (order by ${days})`,
        meanDays: sql<string | null>`avg(${days})`,
        restructured: sql<string>`coalesce(sum(${caseFacts.restructured}), 0)`,
        waived: sql<string>`coalesce(sum(${caseFacts.waived}), 0)`,
        recovered: sql<string>`coalesce(sum(${caseFacts.recovered}), 0)`,
        e3: k[3].eligible,
        k3: k[3].kept,
        e6: k[6].eligible,
        k6: k[6].kept,
        e12: k[12].eligible,
        k12: k[12].kept,
        ...outcomeColumns,
      })
      .from(caseFacts)
      .where(where),
    db
      .select({
        week: weekIndex,
        opened: sql<number>`count(*)::int`,
        engaged: sql<number>`count(${caseFacts.engagedAt})::int`,
        signed: sql<number>`count(${caseFacts.signedAt})::int`,
      })
      .from(caseFacts)
      .where(where)
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    db
      .select({
        month: sql<string>`to_char(${caseFacts.signedAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`,
        signed: sql<number>`count(*)::int`,
        e3: k[3].eligible,
        k3: k[3].kept,
        e6: k[6].eligible,
        k6: k[6].kept,
        e12: k[12].eligible,
        k12: k[12].kept,
        redefaulted: sql<number>`count(${caseFacts.breachedAt})::int`,
      })
      .from(caseFacts)
      .where(and(where, sql`${caseFacts.signedAt} is not null`))
      .groupBy(sql`1`)
      .orderBy(sql`1`),
  ]);
  const r = row!;
  // percentile_cont over no rows is null; so is avg.
  const counts: DashboardCounts = {
    opened: r.opened,
    engaged: r.engaged,
    hardship: r.hardship,
    offered: r.offered,
    signed: r.signed,
    concluded: r.concluded,
    resolved: r.resolved,
    selfServed: r.selfServed,
    redefaulted: r.redefaulted,
    medianDays: num(r.medianDays),
    p90Days: num(r.p90Days),
    meanDays: num(r.meanDays),
    restructured: Number(r.restructured),
    waived: Number(r.waived),
    recovered: Number(r.recovered),
    keep: { 3: { eligible: r.e3, kept: r.k3 }, 6: { eligible: r.e6, kept: r.k6 }, 12: { eligible: r.e12, kept: r.k12 } },
    outcomes: Object.fromEntries(outcomeKinds.map((o) => [o, r[o]])) as Record<OutcomeKind, number>,
  };
  const rate = (kept: number, eligible: number) => (eligible > 0 ? kept / eligible : null);
  return {
    counts,
    rates: ratesOf(counts),
    // Every week of the range, the quiet ones as zeros (the database returns only weeks with a case).
    weeks: everyWeek(weeks.map((w) => ({ ...w, week: weekNamed(w.week) })), (week) => ({ week, opened: 0, engaged: 0, signed: 0 }), { from: filter.from, to: filter.to, today: todayIn('Asia/Shanghai', now) }),
    cohorts: cohorts.map((c) => ({
      month: c.month,
      signed: c.signed,
      keep: { 3: { eligible: c.e3, kept: c.k3, rate: rate(c.k3, c.e3) }, 6: { eligible: c.e6, kept: c.k6, rate: rate(c.k6, c.e6) }, 12: { eligible: c.e12, kept: c.k12, rate: rate(c.k12, c.e12) } },
      redefaulted: c.redefaulted,
    })),
    asOf: now.toISOString(),
  };
}

export type FilterOptions = { mediators: { id: string; name: string }[]; creditors: { id: string; name: string; nameEn: string }[] };

/** What the filters offer the viewer: the creditors they serve and those creditors' mediators (and the centre's). */
export async function getDashboardOptions(actor: Actor): Promise<FilterOptions> {
  assertDashboardViewer(actor);
  const db = getDb();
  const [creditorRows, mediatorRows] = await Promise.all([
    db.select({ id: creditors.id, name: creditors.name, nameEn: creditors.nameEn }).from(creditors).where(creditorScope(actor, creditors.id)).orderBy(asc(creditors.code)),
    db
      .select({ id: staffUsers.id, name: staffUsers.name })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'mediator'), actor.creditorId === null ? undefined : staffServing(actor.creditorId, staffUsers.creditorId)))
      .orderBy(asc(staffUsers.name)),
  ]);
  return { creditors: creditorRows, mediators: mediatorRows };
}
