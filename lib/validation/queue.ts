import { z } from 'zod';
import { caseStates } from '@/lib/domain/case-state';
import { dpdBuckets as openingBuckets, reachedKinds, type ReachedKind } from '@/lib/domain/dashboard';
import { parseAmountToFen } from '@/lib/domain/money';
import { outcomeKinds, type OutcomeKind } from '@/lib/domain/outcomes';
import type { DashboardFilter } from './dashboard';
import { calendarDay, reasonField } from './fields';

/**
 * The queue's URL parameters (/staff?…): every filter, the search, the sort and the page, in one schema so that a
 * view can be bookmarked, shared, saved under a name, exported, and linked to from elsewhere (the dashboard):
 *
 *   q            search: borrower name (any part), phone (any part), case number, contract number (any part),
 *                or a full resident ID number (matched through its lookup hash, never its text)
 *   state        comma list of case states, or `open` (default: every state but completed/escalated/closed) or `all`
 *   dpd          comma list of days-past-due buckets: current, m1 (1–30), m2 (31–60), m3 (61–90), m4 (over 90)
 *   min, max     amount in arrears at opening, in yuan (to the fen)
 *   assignee     `me`, `none` (unassigned), `any`, or a staff id (default: `me` for a mediator, `any` for others)
 *   deadline     `passed`, or a number of days N: the mediation deadline falls within the next N days
 *   hardship     `1`: a hardship statement has been submitted
 *   offer        `borrower` (an offer awaits the borrower), `approval` (awaits a supervisor), `proposal` (the
 *                borrower's own proposal awaits an answer)
 *   promise      `open`, `due` (its day and grace have come), or `broken`
 *   noContact    N: no staff contact for N days or more (never contacted included)
 *   neverEngaged `1`: the borrower has never signed in
 *   confirmation `due`: the application for judicial confirmation of the executed agreement is due (its last day within
 *                7 days) or overdue, and not filed
 * and, as the dashboard links its counts here (queueHref, below), read from the case's facts
 * exactly as the dashboard counts them:
 *   openedFrom, openedTo  opened from/to these calendar days inclusive (China Standard Time)
 *   bucket       the DPD bucket at opening: current, M1, M2, M3, M4+
 *   creditor     a creditor's id (within the creditors the viewer may see)
 *   outcome      the case's current outcome
 *   reached      engaged, hardship, offered, signed, resolved, selfServed (resolved with no staff contact), redefaulted
 *   sort         priority (default: broken promises first, then the next action's time), deadline, dpd, amount,
 *                lastContact, caseNo, opened
 *   dir          asc | desc (default asc, except amount and dpd: desc)
 *   page         1…
 *
 * A value that is not understood is dropped (the rest of the view still applies), never an error page.
 */
export const dpdBuckets = ['current', 'm1', 'm2', 'm3', 'm4'] as const;
export const queueSorts = ['priority', 'deadline', 'dpd', 'amount', 'lastContact', 'caseNo', 'opened'] as const;
export const offerWaits = ['borrower', 'approval', 'proposal'] as const;
export const promiseFilters = ['open', 'due', 'broken'] as const;
export type DpdBucketParam = (typeof dpdBuckets)[number];

/** A DPD bucket (dates.ts: current, M1 … M4+) as the queue's filter names it, whose words are staffQueue.bucket.* in each language. */
export function bucketParam(bucket: 'current' | 'M1' | 'M2' | 'M3' | 'M4+'): DpdBucketParam {
  return bucket === 'current' ? 'current' : (bucket.replace('+', '').toLowerCase() as DpdBucketParam);
}
export type QueueSort = (typeof queueSorts)[number];

export const QUEUE_PAGE_SIZE = 50;

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((raw) => [...new Set(raw.split(','))].filter((v): v is T[number] => (values as readonly string[]).includes(v)))
    .transform((v) => (v.length ? v : undefined))
    .optional()
    .catch(undefined);
/**
 * Yuan as a mediator types them, to the fen: "10000", "10,000", "¥10 000", "１０，０００", "9,999.50" (the amount parser's
 * rule, so a comma is read only where it groups thousands, and a point only before fen). Anything else is no filter.
 * The value is in yuan; the filter compares it in fen (queueFilter).
 */
const yuanAmount = (max: number) =>
  z
    .string()
    .transform((raw) => {
      const fen = parseAmountToFen(raw);
      return fen !== null && fen / 100 <= max ? fen / 100 : undefined;
    })
    .optional()
    .catch(undefined);
const flag = z.literal('1').optional().catch(undefined);
const isoDay = calendarDay.optional().catch(undefined);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const queueParamsSchema = z.object({
  q: z
    .string()
    // Control characters (a NUL ends PostgreSQL's text) are nobody's search.
    .transform((v) => v.normalize('NFKC').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 60))
    .transform((v) => v || undefined)
    .optional()
    .catch(undefined),
  state: z
    .string()
    .transform((raw) => (raw === 'all' || raw === 'open' ? raw : [...new Set(raw.split(','))].filter((v) => (caseStates as readonly string[]).includes(v)).join(',') || undefined))
    .optional()
    .catch(undefined),
  dpd: list(dpdBuckets),
  min: yuanAmount(100_000_000),
  max: yuanAmount(100_000_000),
  assignee: z
    .string()
    .refine((v) => v === 'me' || v === 'none' || v === 'any' || uuid.test(v))
    .optional()
    .catch(undefined),
  deadline: z
    .string()
    .refine((v) => v === 'passed' || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 365))
    .optional()
    .catch(undefined),
  hardship: flag,
  offer: z.enum(offerWaits).optional().catch(undefined),
  promise: z.enum(promiseFilters).optional().catch(undefined),
  noContact: z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().int().min(1).max(365)).optional().catch(undefined),
  neverEngaged: flag,
  confirmation: z.literal('due').optional().catch(undefined),
  openedFrom: isoDay,
  openedTo: isoDay,
  bucket: z.enum(openingBuckets).optional().catch(undefined),
  creditor: z.string().regex(uuid).optional().catch(undefined),
  outcome: z.enum(outcomeKinds).optional().catch(undefined),
  reached: z.enum(reachedKinds).optional().catch(undefined),
  sort: z.enum(queueSorts).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().int().min(1))
    .optional()
    .catch(undefined),
});

export type QueueParams = z.output<typeof queueParamsSchema>;

/** The queue's parameters from a URL's search parameters (a Next page's searchParams or a URLSearchParams). */
export function parseQueueParams(input: URLSearchParams | Record<string, string | string[] | undefined>): QueueParams {
  const raw: Record<string, string> = {};
  const keys = input instanceof URLSearchParams ? [...new Set(input.keys())] : Object.keys(input);
  for (const key of keys) {
    if (!(key in queueParamsSchema.shape)) continue;
    // A repeated parameter (a form's checkboxes: dpd=m1&dpd=m2) reads as a comma list.
    const values = input instanceof URLSearchParams ? input.getAll(key) : ([] as (string | undefined)[]).concat(input[key]);
    const present = values.filter((v): v is string => typeof v === 'string' && v !== '');
    if (present.length) raw[key] = present.join(',');
  }
  return queueParamsSchema.parse(raw);
}

/** Back to a query string, parameters in a fixed order, leaving out what is not set (so equal views have equal URLs). */
export function queueSearch(params: QueueParams, changes: Partial<Record<keyof QueueParams, string | number | string[] | undefined>> = {}): string {
  const merged: Record<string, unknown> = { ...params, ...changes };
  const out = new URLSearchParams();
  for (const key of Object.keys(queueParamsSchema.shape)) {
    const value = merged[key];
    if (value === undefined || value === null || value === '') continue;
    out.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return out.toString();
}

/** The sort's direction when the URL does not say: largest first for amounts and days past due. */
export function defaultDirection(sort: QueueSort): 'asc' | 'desc' {
  return sort === 'amount' || sort === 'dpd' ? 'desc' : 'asc';
}

export const savedViewSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(60, 'validation.tooLong'),
  query: z.string().max(2000),
});

/** Phone, case and contract numbers are searched from this many characters (a name from one). */
export const NUMBER_SEARCH_MIN_LENGTH = 3;

/** Whether a search is too short to look at numbers (phone, case, contract): it then finds names only. */
export function searchTooShortForNumbers(q: string | undefined): boolean {
  if (!q) return false;
  const compact = q.replace(/\s+/g, '');
  return compact.length < NUMBER_SEARCH_MIN_LENGTH && !/\p{Script=Han}/u.test(compact);
}

export const exportReasonSchema = reasonField(500);

/** What a count on the dashboard stands for, to be shown in the queue. */
export type QueueTarget = { reached?: ReachedKind } | { outcome: OutcomeKind };

/**
 * The queue's URL for a dashboard count: the dashboard's filters carried over, plus what the count stands for. The
 * queue reads them from the case's facts with the dashboard's own conditions (lib/server/dashboard/dashboard-scope.ts),
 * in every state (a count includes ended cases) and for every assignee unless one is chosen, so it lists exactly the
 * cases counted.
 */
export function queueHref(filter: DashboardFilter, target: QueueTarget = {}): string {
  return `/staff?${queueSearch({
    state: 'all',
    assignee: filter.mediator ?? 'any',
    openedFrom: filter.from,
    openedTo: filter.to,
    bucket: filter.bucket,
    creditor: filter.creditor,
    outcome: 'outcome' in target ? target.outcome : undefined,
    reached: 'reached' in target ? target.reached : undefined,
  })}`;
}
