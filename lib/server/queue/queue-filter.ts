import 'server-only';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { agreements, borrowers, caseFacts, cases, judicialConfirmations, loans } from '@/db/schema';
import { confirmationDueExecutedBefore, confirmationPassedExecutedBefore } from '@/lib/domain/judicial-confirmation';
import { addDays, todayIn } from '@/lib/domain/dates';
import { openMediationStates } from '@/lib/domain/case-state';
import { isValidResidentId, normalizeResidentId } from '@/lib/domain/identity';
import { NUMBER_SEARCH_MIN_LENGTH, QUEUE_PAGE_SIZE, defaultDirection, type DpdBucketParam, type QueueParams, type QueueSort } from '@/lib/validation/queue';
import type { Actor } from '../actor';
import { lookupHash } from '../crypto';
import { reachedWhere, startOfDay } from '../dashboard/dashboard-scope';
import type { DashboardBucket } from '@/lib/domain/dashboard';
import { creditorScope } from '../staff-scope';

type Staff = Extract<Actor, { type: 'staff' }>;

/** The portfolio's calendar: days past due and "today" are counted in Beijing time, as the queue's facts are. */
export const QUEUE_TIME_ZONE = 'Asia/Shanghai';
export const endedStates = ['completed', 'escalated', 'closed'] as const;

/**
 * A case not ended, with the ended states written as literals, not parameters. The per-assignee counts of open cases
 * are a prepared statement (queue_open_counts), and once PostgreSQL plans it generically it can prove the partial
 * indexes' predicate (cases_open_kpi_idx: the same three states) only from literals. With the states as parameters
 * the supervisor's counts became a scan of the whole table from the sixth page on each connection (28 ms of the
 * database's time instead of 9, at 100,000 cases). Every query of the queue writes "open" this one way.
 */
export const caseIsOpen: SQL = sql`${cases.state} not in (${sql.raw(endedStates.map((state) => `'${state}'`).join(', '))})`;
/** A mediation still open (no agreement signed, no end): the cases whose mediation deadline still matters. */
export const mediationIsOpen: SQL = inArray(cases.state, [...openMediationStates]);
const dayMs = 86_400_000;

/** Who the view shows when the URL does not say: a mediator their own cases, anyone else every case. */
export function effectiveAssignee(actor: Staff, params: QueueParams): string {
  return params.assignee ?? (actor.role === 'mediator' ? 'me' : 'any');
}

/** Days past due, by bucket, as a range of the day the oldest unpaid installment fell due (cases.overdue_since). */
function dpdRange(bucket: DpdBucketParam, today: string): SQL {
  const since = (days: number) => addDays(today, -days);
  switch (bucket) {
    case 'current':
      return gte(cases.overdueSince, today);
    case 'm1':
      return and(gte(cases.overdueSince, since(30)), lte(cases.overdueSince, since(1)))!;
    case 'm2':
      return and(gte(cases.overdueSince, since(60)), lte(cases.overdueSince, since(31)))!;
    case 'm3':
      return and(gte(cases.overdueSince, since(90)), lte(cases.overdueSince, since(61)))!;
    case 'm4':
      return lt(cases.overdueSince, since(90));
  }
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The characters (one) or pairs of characters (two or more) of a name query, as concord_name_grams indexes them. */
export function nameQueryGrams(query: string): string[] {
  const chars = [...query.toLowerCase().replace(/\s+/g, '')];
  if (chars.length <= 1) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i]! + c))];
}

/**
 * The search: a full resident ID number through its lookup hash (it is stored encrypted); otherwise any part of the
 * borrower's name (character-pair index), and, from three characters, any part of the phone number, case number or
 * contract number (trigram indexes). Each part finds case ids on its own index; the case must be among them.
 */
function searchCondition(query: string): SQL {
  const compact = query.replace(/\s+/g, '');
  if (isValidResidentId(compact)) {
    const hash = lookupHash(normalizeResidentId(compact));
    return sql`${cases.borrowerId} in (select ${borrowers.id} from ${borrowers} where ${borrowers.residentIdHash} = ${hash})`;
  }
  const pattern = `%${likeEscape(query)}%`;
  // A Chinese name has no spaces: "张 伟" is 张伟 (a Latin name keeps its own).
  const namePattern = /\p{Script=Han}/u.test(query) ? `%${likeEscape(compact)}%` : pattern;
  const grams = nameQueryGrams(query);
  const parts: SQL[] = [];
  if (grams.length) {
    parts.push(
      sql`select c.id from ${cases} c join ${borrowers} b on b.id = c.borrower_id where concord_name_grams(b.full_name) @> ${`{${grams.map((g) => `"${g.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[] and b.full_name ilike ${namePattern}`,
    );
  }
  if (compact.length >= NUMBER_SEARCH_MIN_LENGTH) {
    const digits = compact.replace(/[-\s]/g, '');
    if (/^\+?\d{3,15}$/.test(digits)) parts.push(sql`select c.id from ${cases} c join ${borrowers} b on b.id = c.borrower_id where b.phone like ${`%${likeEscape(digits.replace(/^\+?86(?=1\d{10}$)/, ''))}%`}`);
    parts.push(sql`select c.id from ${cases} c where c.case_no ilike ${pattern}`);
    parts.push(sql`select c.id from ${cases} c join ${loans} l on l.id = c.loan_id where l.contract_no ilike ${pattern}`);
  }
  if (!parts.length) return sql`false`;
  return sql`${cases.id} in (${sql.join(parts, sql` union `)})`;
}

/** The DPD bucket at opening, as case_facts_source derives it from cases.dpd_at_open (current ≤ 0, M1 1–30, …, M4+ over 90). */
function bucketAtOpening(bucket: DashboardBucket): SQL {
  switch (bucket) {
    case 'current':
      return lte(cases.dpdAtOpen, 0);
    case 'M1':
      return and(gte(cases.dpdAtOpen, 1), lte(cases.dpdAtOpen, 30))!;
    case 'M2':
      return and(gte(cases.dpdAtOpen, 31), lte(cases.dpdAtOpen, 60))!;
    case 'M3':
      return and(gte(cases.dpdAtOpen, 61), lte(cases.dpdAtOpen, 90))!;
    case 'M4+':
      return gt(cases.dpdAtOpen, 90);
  }
}

/**
 * The dashboard's filters, so that a count there opens these very cases here. The opening days and the bucket at
 * opening are the case's own columns, which case_facts copies (case_facts_source: opened_at, and the bucket of
 * dpd_at_open), so they are read from cases, where the queue's indexes are; the current outcome and what the case
 * reached exist only as facts, and are read there with the dashboard's own conditions (dashboard-scope.ts).
 */
function factsConditions(actor: Staff, params: QueueParams, probeFacts: boolean): SQL[] {
  const { openedFrom, openedTo, bucket, outcome, reached } = params;
  const conditions: SQL[] = [];
  if (openedFrom) conditions.push(gte(cases.openedAt, startOfDay(openedFrom)));
  if (openedTo) conditions.push(lt(cases.openedAt, startOfDay(addDays(openedTo, 1))));
  if (bucket) conditions.push(bucketAtOpening(bucket));
  if (outcome || reached) {
    const where = and(creditorScope(actor, caseFacts.creditorId), outcome ? eq(caseFacts.outcome, outcome) : undefined, reached ? reachedWhere[reached] : undefined);
    if (probeFacts) {
      // A large view walked in its order: each case it meets is probed by primary key, and the walk stops after a page
      // (at least one case in 20 matches: SORT_MATCHING_BELOW), rather than hashing every fact of the creditor first.
      conditions.push(sql`exists (select 1 from ${caseFacts} where ${caseFacts.caseId} = ${cases.id} and ${where})`);
    } else {
      // OFFSET 0 keeps the facts a set of their own, hashed once, instead of one probe per case in the view's order
      // (a count, or a small view, which may match nothing: probing would read every case).
      conditions.push(sql`${cases.id} in (select ${caseFacts.caseId} from ${caseFacts} where ${where} offset 0)`);
    }
  }
  return conditions;
}

/**
 * The application for judicial confirmation is due or overdue, as the row's marker says (confirmationMarker): the
 * case's executed agreement took effect long enough ago that its last day is at most 7 days away, no application for
 * it was filed, and either the last day has not passed or an application was prepared.
 */
function confirmationDue(now: Date): SQL {
  return sql`exists (select 1 from ${agreements} a where a.case_id = ${cases.id} and a.status = 'executed' and a.executed_at < ${confirmationDueExecutedBefore(now)}
    and not exists (select 1 from ${judicialConfirmations} j where j.agreement_id = a.id and j.filed_at is not null)
    and (a.executed_at >= ${confirmationPassedExecutedBefore(now)} or exists (select 1 from ${judicialConfirmations} j where j.agreement_id = a.id)))`;
}

/**
 * The where-clause of a view: the actor's creditors (staff-scope.ts), then every filter and the search. `walk`: the
 * view is large and its page is found by walking an index in its order (queueOrder), which meets the facts case by case.
 */
export function queueWhere(actor: Staff, params: QueueParams, now: Date, walk = false): SQL {
  const today = todayIn(QUEUE_TIME_ZONE, now);
  const filters: SQL[] = [creditorScope(actor, cases.creditorId)];
  if (params.state === undefined || params.state === 'open') filters.push(caseIsOpen);
  else if (params.state !== 'all') filters.push(inArray(cases.state, params.state.split(',') as (typeof cases.state._.data)[]));
  if (params.dpd?.length) filters.push(or(...params.dpd.map((b) => dpdRange(b, today)))!);
  if (params.min !== undefined) filters.push(gte(cases.arrearsAtOpen, Math.round(params.min * 100)));
  if (params.max !== undefined) filters.push(lte(cases.arrearsAtOpen, Math.round(params.max * 100)));
  const assignee = effectiveAssignee(actor, params);
  if (assignee === 'me') filters.push(eq(cases.assigneeId, actor.id));
  else if (assignee === 'none') filters.push(isNull(cases.assigneeId));
  else if (assignee !== 'any') filters.push(eq(cases.assigneeId, assignee));
  // The mediation deadline of an open mediation (as the KPI card counts it); a signed or broken plan has left it behind.
  if (params.deadline === 'passed') filters.push(lt(cases.mediationDeadline, now), mediationIsOpen);
  else if (params.deadline) filters.push(gte(cases.mediationDeadline, now), lt(cases.mediationDeadline, new Date(now.getTime() + Number(params.deadline) * dayMs)), mediationIsOpen);
  if (params.hardship) filters.push(isNotNull(cases.hardshipSubmittedAt));
  if (params.offer === 'borrower') filters.push(isNotNull(cases.offerToBorrowerUntil));
  if (params.offer === 'approval') filters.push(isNotNull(cases.approvalRequestedAt));
  if (params.offer === 'proposal') filters.push(isNotNull(cases.borrowerProposalAt));
  if (params.promise === 'open') filters.push(isNotNull(cases.promiseDueAt));
  if (params.promise === 'due') filters.push(lte(cases.promiseDueAt, now));
  if (params.promise === 'broken') filters.push(isNotNull(cases.promiseBrokenAt));
  if (params.noContact) filters.push(or(isNull(cases.lastContactAt), lt(cases.lastContactAt, new Date(now.getTime() - params.noContact * dayMs)))!);
  if (params.neverEngaged) filters.push(isNull(cases.engagedAt));
  if (params.confirmation === 'due') filters.push(confirmationDue(now), caseIsOpen);
  if (params.creditor) filters.push(eq(cases.creditorId, params.creditor));
  filters.push(...factsConditions(actor, params, walk));
  if (params.q) filters.push(searchCondition(params.q));
  return and(...filters)!;
}

const neverContacted = sql`'1970-01-01T00:00:00Z'::timestamptz`;

/** Each sort's keys, all non-null, in the order they are compared; the case id breaks ties. */
export function sortKeys(sort: QueueSort): { keys: SQL[]; invert: boolean } {
  switch (sort) {
    case 'priority':
      return { keys: [sql`${cases.priority}`, sql`${cases.nextActionAt}`], invert: false };
    case 'deadline':
      return { keys: [sql`${cases.mediationDeadline}`], invert: false };
    // The most days past due is the earliest overdue day.
    case 'dpd':
      return { keys: [sql`${cases.overdueSince}`], invert: true };
    case 'amount':
      return { keys: [sql`${cases.arrearsAtOpen}`], invert: false };
    case 'lastContact':
      return { keys: [sql`coalesce(${cases.lastContactAt}, ${neverContacted})`], invert: false };
    case 'caseNo':
      return { keys: [sql`${cases.caseNo}`], invert: false };
    case 'opened':
      return { keys: [sql`${cases.openedAt}`], invert: false };
  }
}

export function resolvedSort(params: QueueParams): { sort: QueueSort; dir: 'asc' | 'desc' } {
  const sort = params.sort ?? 'priority';
  return { sort, dir: params.dir ?? defaultDirection(sort) };
}

/**
 * Below this many matching cases a page is found by sorting the matching cases, not by walking an index in the
 * view's order: a walk reads every case the filters reject until it has a page, which for a view of a few hundred
 * cases is most of the portfolio, while sorting a few thousand rows found through the filters' indexes costs little.
 */
export const SORT_MATCHING_BELOW = 5_000;

/**
 * ORDER BY for a view (the id last, in the same direction, so paging and "work next" are stable). Given the number of
 * matching cases (the KPI count), a small view is ordered by the keys as one row value, the same order, which no index
 * supplies: the planner then finds the matching cases through the filters and sorts them (SORT_MATCHING_BELOW).
 */
export function queueOrder(params: QueueParams, matching?: number): SQL[] {
  const { sort, dir } = resolvedSort(params);
  const { keys, invert } = sortKeys(sort);
  const descending = (dir === 'desc') !== invert;
  const all = [...keys, sql`${cases.id}`];
  if (matching !== undefined && matching < SORT_MATCHING_BELOW) {
    const row = sql`(${sql.join(all, sql`, `)})`;
    return [descending ? desc(row) : asc(row)];
  }
  return all.map((key) => (descending ? desc(key) : asc(key)));
}

/** The condition "after this case in the view's order", for "work next" (the case's own keys read in a subquery). */
export function afterInOrder(params: QueueParams, currentId: string): SQL {
  const { sort, dir } = resolvedSort(params);
  const { keys, invert } = sortKeys(sort);
  const descending = (dir === 'desc') !== invert;
  const row = sql.join([...keys, sql`${cases.id}`], sql`, `);
  const current = sql`(select ${row} from ${cases} where ${cases.id} = ${currentId})`;
  return descending ? sql`(${row}) < ${current}` : sql`(${row}) > ${current}`;
}

export function pageOffset(params: QueueParams): { limit: number; offset: number; page: number } {
  const page = params.page ?? 1;
  return { limit: QUEUE_PAGE_SIZE, offset: (page - 1) * QUEUE_PAGE_SIZE, page };
}
