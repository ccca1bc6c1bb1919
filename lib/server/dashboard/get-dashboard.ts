import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
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

const keptBy = (months: number, now: Date) => {
  const horizon = sql`${caseFacts.signedAt} + make_interval(months => ${months})`;
  return {
    eligible: sql<number>`count(*) filter (where ${horizon} <= ${now})::int`,
    kept: sql<number>`count(*) filter (where ${horizon} <= ${now} and (${caseFacts.breachedAt} is null or ${caseFacts.breachedAt} > ${horizon}))::int`,
  };
};
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** The week of opening, `case_facts.opened_week` (whole weeks since Monday 1970-01-05 in CST), named by its Monday. */
const weekNamed = (index: number) => addDays('1970-01-05', 7 * Number(index));
/** The month of signing, `case_facts.signed_month` (year × 12 + month − 1, CST), as YYYY-MM. */
const monthNamed = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * Every figure on the dashboard for one filter, from the case facts
 * (ADR 0012): one scan for the figures, one for the weekly trend, one for the
 * signed cases by signing month (the cohorts, whose sums are also the
 * figures' "kept at 3, 6, 12 months"), run side by side. They group and sort
 * the week, month and days PostgreSQL keeps in `case_facts`. `now` decides
 * which agreements are old enough to count at 3, 6 and 12 months.
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
        // One sort for both: percentile_cont over no rows (nothing signed) is null; so is avg.
        daysPercentiles: sql<number[] | null>`percentile_cont(array[0.5, 0.9]) within group (order by ${caseFacts.daysToSign})`,
        meanDays: sql<string | null>`avg(${caseFacts.daysToSign})`,
        restructured: sql<string>`coalesce(sum(${caseFacts.restructured}), 0)`,
        waived: sql<string>`coalesce(sum(${caseFacts.waived}), 0)`,
        recovered: sql<string>`coalesce(sum(${caseFacts.recovered}), 0)`,
        ...outcomeColumns,
      })
      .from(caseFacts)
      .where(where),
    db
      .select({
        week: caseFacts.openedWeek,
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
        month: caseFacts.signedMonth,
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
  const sumOf = (pick: (c: (typeof cohorts)[number]) => number) => cohorts.reduce((total, c) => total + pick(c), 0);
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
    medianDays: num(r.daysPercentiles?.[0]),
    p90Days: num(r.daysPercentiles?.[1]),
    meanDays: num(r.meanDays),
    restructured: Number(r.restructured),
    waived: Number(r.waived),
    recovered: Number(r.recovered),
    keep: { 3: { eligible: sumOf((c) => c.e3), kept: sumOf((c) => c.k3) }, 6: { eligible: sumOf((c) => c.e6), kept: sumOf((c) => c.k6) }, 12: { eligible: sumOf((c) => c.e12), kept: sumOf((c) => c.k12) } },
    outcomes: Object.fromEntries(outcomeKinds.map((o) => [o, r[o]])) as Record<OutcomeKind, number>,
  };
  const rate = (kept: number, eligible: number) => (eligible > 0 ? kept / eligible : null);
  return {
    counts,
    rates: ratesOf(counts),
    // Every week of the range, the quiet ones as zeros (the database returns only weeks with a case).
    weeks: everyWeek(weeks.map((w) => ({ ...w, week: weekNamed(w.week!) })), (week) => ({ week, opened: 0, engaged: 0, signed: 0 }), { from: filter.from, to: filter.to, today: todayIn('Asia/Shanghai', now) }),
    cohorts: cohorts.map((c) => ({
      month: monthNamed(c.month!),
      signed: c.signed,
      keep: { 3: { eligible: c.e3, kept: c.k3, rate: rate(c.k3, c.e3) }, 6: { eligible: c.e6, kept: c.k6, rate: rate(c.k6, c.e6) }, 12: { eligible: c.e12, kept: c.k12, rate: rate(c.k12, c.e12) } },
      redefaulted: c.redefaulted,
    })),
    asOf: now.toISOString(),
  };
}

/** `active`: a mediator who left is still offered (their cases' outcomes stay theirs), named as such and listed after those in post. */
export type FilterOptions = { mediators: { id: string; name: string; active: boolean }[]; creditors: { id: string; name: string; nameEn: string }[] };

/** What the filters offer the viewer: the creditors they serve and those creditors' mediators (and the centre's). */
export async function getDashboardOptions(actor: Actor): Promise<FilterOptions> {
  assertDashboardViewer(actor);
  const db = getDb();
  const [creditorRows, mediatorRows] = await Promise.all([
    db.select({ id: creditors.id, name: creditors.name, nameEn: creditors.nameEn }).from(creditors).where(creditorScope(actor, creditors.id)).orderBy(asc(creditors.code)),
    db
      .select({ id: staffUsers.id, name: staffUsers.name, active: staffUsers.active })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'mediator'), actor.creditorId === null ? undefined : staffServing(actor.creditorId, staffUsers.creditorId)))
      .orderBy(desc(staffUsers.active), asc(staffUsers.name)),
  ]);
  return { creditors: creditorRows, mediators: mediatorRows };
}
