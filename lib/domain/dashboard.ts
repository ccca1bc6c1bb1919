import { addDays, daysBetween, toUtcMs, type IsoDate } from './dates';
import type { OutcomeKind } from './outcomes';

/**
 * The supervisor dashboard's figures: their names, how rates are formed from
 * counts, and the published results they are compared against. Counting is
 * done by the database (lib/server/dashboard); this is the arithmetic on top.
 */

/** A share, or null when there is nothing to divide by (shown as "—", never as 0 %). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Published results each rate is compared against (DESIGN.md, issue 15). */
export const benchmarks = {
  // The People's Court mediation platform: 65 % of mediations succeed, in about 23 days on average.
  resolutionRate: { value: 0.65, source: 'peoplesCourt' },
  meanDaysToAgreement: { value: 23, source: 'peoplesCourt' },
  // TrueAccord: 98 % of resolutions with no human contact.
  selfServedShare: { value: 0.98, source: 'trueAccord' },
} as const;

export const countFigures = ['opened', 'engaged', 'hardship', 'offered', 'signed'] as const;
export type CountFigure = (typeof countFigures)[number];

export const keepMonths = [3, 6, 12] as const;
export type KeepMonths = (typeof keepMonths)[number];

/** What a count on the dashboard says a case reached (each count's cases open in the queue: `reached=`). */
export const reachedKinds = ['engaged', 'hardship', 'offered', 'signed', 'resolved', 'selfServed', 'redefaulted'] as const;
export type ReachedKind = (typeof reachedKinds)[number];

export const dpdBuckets = ['current', 'M1', 'M2', 'M3', 'M4+'] as const;
export type DashboardBucket = (typeof dpdBuckets)[number];

/** What the database counts for one filter (all cases opened in the range that match it). */
export type DashboardCounts = {
  opened: number;
  engaged: number;
  hardship: number;
  offered: number;
  signed: number;
  concluded: number;
  resolved: number;
  selfServed: number;
  redefaulted: number;
  medianDays: number | null;
  p90Days: number | null;
  meanDays: number | null;
  restructured: number;
  waived: number;
  recovered: number;
  keep: Record<KeepMonths, { eligible: number; kept: number }>;
  outcomes: Record<OutcomeKind, number>;
};

export type DashboardRates = {
  resolutionRate: number | null;
  selfServedShare: number | null;
  keptRate: Record<KeepMonths, number | null>;
  redefaultRate: number | null;
};

/**
 * Rates from counts: resolved of those whose mediation ended; self-served of
 * those resolved; kept at k months of agreements at least k months old;
 * re-defaulted of agreements signed.
 */
export function ratesOf(c: Pick<DashboardCounts, 'concluded' | 'resolved' | 'selfServed' | 'signed' | 'redefaulted' | 'keep'>): DashboardRates {
  return {
    resolutionRate: share(c.resolved, c.concluded),
    selfServedShare: share(c.selfServed, c.resolved),
    keptRate: { 3: share(c.keep[3].kept, c.keep[3].eligible), 6: share(c.keep[6].kept, c.keep[6].eligible), 12: share(c.keep[12].kept, c.keep[12].eligible) },
    redefaultRate: share(c.redefaulted, c.signed),
  };
}

/** The Monday (ISO week start) of a calendar day. */
export function weekOf(day: IsoDate): IsoDate {
  const weekday = new Date(toUtcMs(day)).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * The weekly trend with every week in it: the database returns only weeks in
 * which a case was opened, and a chart over those alone would put a quiet
 * month and a busy week side by side as if they were neighbours. Weeks with
 * nothing are filled with zeros, from the week of `from` (else the first week
 * with a case) to the week of `to` (else the last), and never past `today`'s.
 */
/** The longest run of weeks filled in from a range's first day (ten years). */
export const MAX_FILLED_WEEKS = 520;

export function everyWeek<R extends { week: IsoDate }>(rows: readonly R[], zero: (week: IsoDate) => R, range: { from?: IsoDate; to?: IsoDate; today: IsoDate }): R[] {
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  const lastWanted = range.to ? weekOf(range.to) : rows.at(-1)?.week;
  let first = range.from ? weekOf(range.from) : rows[0]?.week;
  if (!first || !lastWanted) return [...rows];
  const thisWeek = weekOf(range.today);
  const last = lastWanted > thisWeek ? thisWeek : lastWanted;
  // A range opened far back (a typed year 0001) starts at the first week with a case instead of
  // drawing centuries of empty weeks.
  if (daysBetween(first, last) > MAX_FILLED_WEEKS * 7) first = rows[0]?.week ?? last;
  const filled: R[] = [];
  for (let week = first; week <= last; week = addDays(week, 7)) filled.push(byWeek.get(week) ?? zero(week));
  return filled;
}
