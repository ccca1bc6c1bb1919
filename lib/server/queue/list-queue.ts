import 'server-only';
import { and, eq, inArray, sql, type Placeholder } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { agreements, borrowers, cases, judicialConfirmations, loans, staffUsers } from '@/db/schema';
import type { CaseState } from '@/lib/domain/case-state';
import { daysBetween, dpdBucket, todayIn, type DpdBucket } from '@/lib/domain/dates';
import { maskPhone } from '@/lib/domain/identity';
import { confirmationMarker, type ConfirmationMarker } from '@/lib/domain/judicial-confirmation';
import type { QueueParams } from '@/lib/validation/queue';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { QUEUE_TIME_ZONE, SORT_MATCHING_BELOW, caseIsOpen, mediationIsOpen, effectiveAssignee, endedStates, pageOffset, queueOrder, queueWhere } from './queue-filter';
import { openMediationStates } from '@/lib/domain/case-state';
import { assignableStaff } from './assignable-staff';
import { loadVisibleCase } from '../cases/case-access';
import { prepared } from '../prepared';
import { creditorScope } from '../staff-scope';

type Staff = Extract<Actor, { type: 'staff' }>;

export type NextActionKind =
  | 'broken_promise'
  | 'plan_breached'
  | 'review'
  | 'approval'
  | 'answer_proposal'
  | 'callback'
  | 'check_promise'
  | 'propose_offer'
  | 'first_contact'
  | 'await_borrower'
  | 'deadline'
  | 'follow_up';

/**
 * Next actions whose time is when the task arose (a promise broke, a plan broke, a review or approval was asked for, the
 * borrower proposed or submitted hardship, the case opened), not a time it falls due: the queue shows it as "since",
 * never as overdue (every imported case read "first contact · overdue" the moment it opened). The others' time is
 * when they fall due: a callback, a promise's day, an offer's expiry, the mediation deadline, a follow-up.
 */
export const nextActionsPendingSince: ReadonlySet<NextActionKind> = new Set(['broken_promise', 'plan_breached', 'review', 'approval', 'answer_proposal', 'propose_offer', 'first_contact']);

export type QueueRow = {
  id: string;
  caseNo: string;
  state: CaseState;
  borrowerName: string;
  phoneMasked: string;
  contractNo: string;
  daysPastDue: number;
  bucket: DpdBucket;
  arrearsAtOpen: number;
  mediationDeadline: string;
  /** 'passed': the deadline has gone by on an open mediation; 'near': within 3 days. */
  deadlineStatus: 'passed' | 'near' | null;
  assigneeId: string | null;
  assigneeName: string | null;
  nextAction: NextActionKind | null;
  nextActionAt: string | null;
  /** The next action's time is when it arose (nextActionsPendingSince), not when it falls due. */
  nextActionSince: boolean;
  /** The next action falls due at a time that has come. */
  nextActionDue: boolean;
  lastContactAt: string | null;
  promiseBroken: boolean;
  /** The judicial-confirmation application of the executed agreement, when due (last 7 days) or overdue and not filed. */
  confirmation: ConfirmationMarker | null;
};

export type QueueKpis = { matching: number; dueToday: number; deadlinesSoon: number; brokenPromises: number; arrears: number };

const NEAR_DAYS = 3;
const dayMs = 86_400_000;

function requireStaffActor(actor: Actor): Staff {
  if (actor.type !== 'staff') throw new AppError('FORBIDDEN');
  return actor;
}

/** The KPI cards of a view: all of them from one pass over the matching cases. */
export async function queueKpis(actor: Actor, params: QueueParams, now: Date = new Date(), db: Executor = getDb()): Promise<QueueKpis> {
  const [row] = await queueKpisQuery(actor, params, now, db);
  return { matching: row!.matching, dueToday: row!.dueToday, deadlinesSoon: row!.deadlinesSoon, brokenPromises: row!.brokenPromises, arrears: Number(row!.arrears) };
}

/** The KPI query itself (the bench explains it). */
export function queueKpisQuery(actor: Actor, params: QueueParams, now: Date, db: Executor = getDb()) {
  const staff = requireStaffActor(actor);
  const endOfToday = endOfDay(now);
  const soon = new Date(now.getTime() + NEAR_DAYS * dayMs);
  return db
    .select({
      matching: sql<number>`count(*)::int`,
      dueToday: sql<number>`(count(*) filter (where ${cases.nextActionAt} < ${endOfToday} and ${cases.priority} < 9))::int`,
      deadlinesSoon: sql<number>`(count(*) filter (where ${cases.mediationDeadline} >= ${now} and ${cases.mediationDeadline} < ${soon} and ${mediationIsOpen}))::int`,
      brokenPromises: sql<number>`(count(*) filter (where ${cases.promiseBrokenAt} is not null))::int`,
      arrears: sql<number>`coalesce(sum(${cases.arrearsAtOpen}), 0)::bigint`,
    })
    .from(cases)
    .where(queueWhere(staff, params, now));
}

/** The end of the portfolio's calendar day (Beijing time) containing `now`. */
function endOfDay(now: Date): Date {
  const today = todayIn(QUEUE_TIME_ZONE, now);
  // Asia/Shanghai has no daylight saving: midnight is 16:00 UTC the day before.
  return new Date(Date.parse(`${today}T00:00:00+08:00`) + dayMs);
}

/** The columns a queue row shows, for the page and the export alike. */
export function queueRowSelection() {
  return {
    id: cases.id,
    caseNo: cases.caseNo,
    state: cases.state,
    borrowerName: borrowers.fullName,
    phone: borrowers.phone,
    contractNo: loans.contractNo,
    overdueSince: cases.overdueSince,
    arrearsAtOpen: cases.arrearsAtOpen,
    mediationDeadline: cases.mediationDeadline,
    assigneeId: cases.assigneeId,
    assigneeName: staffUsers.name,
    nextAction: cases.nextAction,
    nextActionAt: cases.nextActionAt,
    lastContactAt: cases.lastContactAt,
    promiseBrokenAt: cases.promiseBrokenAt,
    // The judicial confirmation's clock, as the case file reads it (confirmationOf): the latest application's, else the
    // latest executed agreement's; and whether an application was made, and filed. Subqueries in the select list run
    // for the page's rows only (the page's ids are found first).
    confirmationEffectiveAt: sql<Date | null>`coalesce(
      (select j.effective_at from ${judicialConfirmations} j where j.case_id = ${cases.id} order by j.prepared_at desc limit 1),
      (select a.executed_at from ${agreements} a where a.case_id = ${cases.id} and a.status = 'executed' order by a.executed_at desc limit 1))`.mapWith(cases.lastContactAt),
    confirmationApplied: sql<boolean>`exists (select 1 from ${judicialConfirmations} j where j.case_id = ${cases.id})`,
    confirmationFiledAt: sql<Date | null>`(select j.filed_at from ${judicialConfirmations} j where j.case_id = ${cases.id} order by j.prepared_at desc limit 1)`.mapWith(cases.lastContactAt),
  };
}

type SelectedRow = {
  id: string;
  caseNo: string;
  state: CaseState;
  borrowerName: string;
  phone: string;
  contractNo: string;
  overdueSince: string | null;
  arrearsAtOpen: number;
  mediationDeadline: Date;
  assigneeId: string | null;
  assigneeName: string | null;
  nextAction: string | null;
  nextActionAt: Date | null;
  lastContactAt: Date | null;
  promiseBrokenAt: Date | null;
  confirmationEffectiveAt: Date | null;
  confirmationApplied: boolean;
  confirmationFiledAt: Date | null;
};

export function toQueueRow(row: SelectedRow, now: Date): QueueRow {
  const today = todayIn(QUEUE_TIME_ZONE, now);
  const daysPastDue = row.overdueSince ? Math.max(0, daysBetween(row.overdueSince, today)) : 0;
  // The mediation deadline matters while the mediation is open; a plan signed (or since broken) has left it behind.
  const open = (openMediationStates as readonly string[]).includes(row.state);
  const deadline = row.mediationDeadline.getTime();
  const ended = (endedStates as readonly string[]).includes(row.state);
  const since = nextActionsPendingSince.has(row.nextAction as NextActionKind);
  return {
    id: row.id,
    caseNo: row.caseNo,
    state: row.state,
    borrowerName: row.borrowerName,
    phoneMasked: maskPhone(row.phone),
    contractNo: row.contractNo,
    daysPastDue,
    bucket: dpdBucket(daysPastDue),
    arrearsAtOpen: row.arrearsAtOpen,
    mediationDeadline: row.mediationDeadline.toISOString(),
    deadlineStatus: !open ? null : deadline < now.getTime() ? 'passed' : deadline < now.getTime() + NEAR_DAYS * dayMs ? 'near' : null,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    nextAction: ended ? null : (row.nextAction as NextActionKind | null),
    nextActionAt: ended || !row.nextActionAt ? null : row.nextActionAt.toISOString(),
    nextActionSince: since,
    nextActionDue: !ended && !since && !!row.nextActionAt && row.nextActionAt.getTime() <= now.getTime(),
    lastContactAt: row.lastContactAt?.toISOString() ?? null,
    promiseBroken: row.promiseBrokenAt !== null,
    confirmation: ended || !row.confirmationEffectiveAt ? null : confirmationMarker(row.confirmationEffectiveAt, row.confirmationApplied ? { filedAt: row.confirmationFiledAt } : null, now),
  };
}

/** One page of a view, in its order; given the view's KPI count, a small view is sorted rather than walked (queueOrder). */
export async function listQueue(actor: Actor, params: QueueParams, now: Date = new Date(), db: Executor = getDb(), matching?: number): Promise<{ rows: QueueRow[]; page: number }> {
  const { page } = pageOffset(params);
  const rows = await listQueueQuery(actor, params, now, db, matching);
  return { rows: rows.map((row) => toQueueRow(row, now)), page };
}

/** A page's query itself (the bench explains it). */
export function listQueueQuery(actor: Actor, params: QueueParams, now: Date, db: Executor = getDb(), matching?: number) {
  return queueRowsQuery(actor, params, now, pageOffset(params), db, matching);
}

/** The view's rows in its order, from `offset` (a page, or the export's batches). */
export function queueRowsQuery(actor: Actor, params: QueueParams, now: Date, { limit, offset }: { limit: number; offset: number }, db: Executor = getDb(), matching?: number) {
  const staff = requireStaffActor(actor);
  // The page's cases are found on cases alone (a deep page skips ids, not joined rows); only they are joined and read.
  // A view known to be large is walked in its order, meeting the facts case by case (queueWhere).
  const walk = matching !== undefined && matching >= SORT_MATCHING_BELOW;
  const page = db.select({ id: cases.id }).from(cases).where(queueWhere(staff, params, now, walk)).orderBy(...queueOrder(params, matching)).limit(limit).offset(offset);
  return db
    .select(queueRowSelection())
    .from(cases)
    .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
    .innerJoin(loans, eq(loans.id, cases.loanId))
    .leftJoin(staffUsers, eq(staffUsers.id, cases.assigneeId))
    .where(inArray(cases.id, page))
    .orderBy(...queueOrder(params));
}

/** The ids of every case in a view (for "select all N matching"), up to a limit. */
export async function matchingCaseIds(actor: Actor, params: QueueParams, now: Date, db: Executor, limit: number): Promise<string[]> {
  const staff = requireStaffActor(actor);
  const rows = await db.select({ id: cases.id }).from(cases).where(queueWhere(staff, params, now)).orderBy(...queueOrder(params)).limit(limit);
  return rows.map((r) => r.id);
}

export type AssigneeLoad = { open: number; dueToday: number; broken: number };
type AssigneeCounts = AssigneeLoad & { dueTodayOpen: number; deadlinesSoon: number; arrears: number };

/**
 * The open cases of a creditor (or, for the centre's staff, of every creditor) counted per assignee (null:
 * unassigned) in one pass over the covering index of open cases (cases_open_kpi_idx): what each mediator's load
 * reads, and, summed, the KPI cards of a view that is all open cases, or one assignee's. Prepared once per
 * connection (one text for a creditor's staff, one for the centre's), so PostgreSQL plans it once, not per request.
 */
type CountValues = { endOfToday: Date | Placeholder; now: Date | Placeholder; soon: Date | Placeholder; creditorId: string | null | Placeholder };

function openCaseCountsSelect(db: Executor, v: CountValues) {
  return db
    .select({
      staffId: cases.assigneeId,
      open: sql<number>`count(*)::int`,
      dueToday: sql<number>`(count(*) filter (where ${cases.nextActionAt} < ${v.endOfToday}))::int`,
      dueTodayOpen: sql<number>`(count(*) filter (where ${cases.nextActionAt} < ${v.endOfToday} and ${cases.priority} < 9))::int`,
      deadlinesSoon: sql<number>`(count(*) filter (where ${cases.mediationDeadline} >= ${v.now} and ${cases.mediationDeadline} < ${v.soon} and ${mediationIsOpen}))::int`,
      broken: sql<number>`(count(*) filter (where ${cases.promiseBrokenAt} is not null))::int`,
      arrears: sql<string>`coalesce(sum(${cases.arrearsAtOpen}), 0)::bigint`,
    })
    .from(cases)
    // The actor's creditor may be a parameter of the prepared text; scoped as every staff query is (staff-scope.ts).
    .where(and(caseIsOpen, creditorScope({ creditorId: v.creditorId as string | null }, cases.creditorId)))
    .groupBy(cases.assigneeId);
}

const countValues = (now: Date) => ({ endOfToday: endOfDay(now), now, soon: new Date(now.getTime() + NEAR_DAYS * dayMs) });

/** The per-assignee counts of open cases as a supervisor's queue page makes them (the bench explains it). */
export function openCaseCountsQuery(actor: Actor, now: Date, db: Executor = getDb()) {
  const staff = requireStaffActor(actor);
  return openCaseCountsSelect(db, { ...countValues(now), creditorId: staff.creditorId });
}

const openCaseCountsStatement = (centre: boolean) =>
  prepared((db) =>
    openCaseCountsSelect(db, { endOfToday: sql.placeholder('endOfToday'), now: sql.placeholder('now'), soon: sql.placeholder('soon'), creditorId: centre ? null : sql.placeholder('creditorId') }).prepare(
      centre ? 'queue_open_counts_centre' : 'queue_open_counts',
    ),
  );
const openCaseCountsPrepared = { centre: openCaseCountsStatement(true), creditor: openCaseCountsStatement(false) };

async function openCaseCountsOf(staff: Staff, now: Date, tx: Executor): Promise<Map<string | null, AssigneeCounts>> {
  const values = countValues(now);
  const rows = staff.creditorId === null ? await openCaseCountsPrepared.centre(tx).execute(values) : await openCaseCountsPrepared.creditor(tx).execute({ ...values, creditorId: staff.creditorId });
  return new Map(rows.map(({ staffId, arrears, ...counts }) => [staffId, { ...counts, arrears: Number(arrears) }]));
}

/**
 * Whether a view is every open case of the actor's creditors, or one assignee's (or the unassigned), with no other
 * filter or search: its KPI cards are then sums of the per-assignee counts of open cases.
 */
function viewIsOpenCasesOfAssignee(params: QueueParams): boolean {
  const { state, assignee: _assignee, sort: _sort, dir: _dir, page: _page, ...filters } = params;
  return (state === undefined || state === 'open') && Object.values(filters).every((value) => value === undefined);
}

/**
 * The queue page's counts: the view's KPI cards and, for a supervisor, each assignee's load. When a supervisor's view is
 * all open cases (their default view), or one assignee's, both come from one pass over the open cases; otherwise the
 * KPI count and the load are two queries, run side by side. (Anyone else's KPI count reads only the view's cases.)
 */
export async function queueCounts(actor: Actor, params: QueueParams, now: Date = new Date(), db: Executor = getDb()): Promise<{ kpis: QueueKpis; load: Map<string | null, AssigneeLoad> | null }> {
  const staff = requireStaffActor(actor);
  const withLoad = staff.role === 'supervisor';
  if (withLoad && viewIsOpenCasesOfAssignee(params)) {
    const counts = await openCaseCountsOf(staff, now, db);
    const assignee = effectiveAssignee(staff, params);
    const wanted: (string | null)[] | null = assignee === 'any' ? null : assignee === 'none' ? [null] : [assignee === 'me' ? staff.id : assignee];
    const kpis: QueueKpis = { matching: 0, dueToday: 0, deadlinesSoon: 0, brokenPromises: 0, arrears: 0 };
    for (const [staffId, c] of counts) {
      if (wanted && !wanted.includes(staffId)) continue;
      kpis.matching += c.open;
      kpis.dueToday += c.dueTodayOpen;
      kpis.deadlinesSoon += c.deadlinesSoon;
      kpis.brokenPromises += c.broken;
      kpis.arrears += c.arrears;
    }
    return { kpis, load: counts };
  }
  const [load, kpis] = await Promise.all([withLoad ? openCaseCountsOf(staff, now, db) : null, queueKpis(staff, params, now, db)]);
  return { kpis, load };
}

/** Each person's load from the per-assignee counts, in the people's order. */
export function loadOf<P extends { id: string }>(people: P[], load: Map<string | null, AssigneeLoad>): (P & AssigneeLoad)[] {
  return people.map((p) => ({ ...p, open: load.get(p.id)?.open ?? 0, dueToday: load.get(p.id)?.dueToday ?? 0, broken: load.get(p.id)?.broken ?? 0 }));
}

/** Who may take a case, with each one's load (the case file's assign form): only for a case the supervisor may see. */
export async function assignableForCase(actor: Actor, caseId: unknown, now: Date = new Date()) {
  await loadVisibleCase(getDb(), actor, caseId);
  return mediatorLoad(actor, now);
}

/** Each mediator's load, for supervisors: open cases, those due today, and broken promises. */
export async function mediatorLoad(actor: Actor, now: Date = new Date()): Promise<{ staffId: string; name: string; role: string; open: number; dueToday: number; broken: number }[]> {
  const staff = requireStaffActor(actor);
  if (staff.role === 'mediator') throw new AppError('FORBIDDEN');
  const people = await assignableStaff(staff);
  if (!people.length) return [];
  const counts = await openCaseCountsOf(staff, now, getDb());
  return loadOf(people, counts).map(({ id, name, role, open, dueToday, broken }) => ({ staffId: id, name, role, open, dueToday, broken }));
}
