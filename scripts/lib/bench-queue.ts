import { and, eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database } from '@/db/client';
import { borrowers, cases, loans, staffUsers } from '@/db/schema';
import type { Actor } from '@/lib/server/actor';
import { decryptField } from '@/lib/server/crypto';
import { listQueueQuery, openCaseCountsQuery, queueKpis, queueKpisQuery } from '@/lib/server/queue/list-queue';
import { parseQueueParams, queueSorts } from '@/lib/validation/queue';

type Staff = Extract<Actor, { type: 'staff' }>;
export type QueueQueryTiming = { view: string; query: 'page' | 'kpis' | 'load'; ms: number };

/**
 * Every queue query a supervisor's view can make, explained and timed at the database (EXPLAIN ANALYZE: planning plus
 * execution): each filter alone, every pair of filters, every sort both ways, a deep page, and each kind of search —
 * for the page's rows and for its KPI cards — and the per-assignee counts of open cases (each mediator's load, and the
 * KPI cards of the default view). The slowest is run again (the best of three counts, so one cold read
 * does not decide) and printed with its plan.
 */
export async function benchQueueQueries(db: Database, pool: pg.Pool, creditorId: string, now: Date) {
  const { actor, views } = await queueBenchViews(db, creditorId);
  const explain = async (view: string, query: 'page' | 'kpis' | 'load', analyze = true) => {
    const params = parseQueueParams(new URLSearchParams(view));
    // The page's query as the page makes it: after the KPI count (timed on its own), which decides how rows are found.
    // 'load': the supervisor's per-assignee counts of open cases, which are also the KPI cards of the default view.
    const built = query === 'page' ? listQueueQuery(actor, params, now, db, (await queueKpis(actor, params, now, db)).matching) : query === 'load' ? openCaseCountsQuery(actor, now, db) : queueKpisQuery(actor, params, now, db);
    const { sql: text, params: values } = built.toSQL();
    // (No parallel workers: the table has none, migration 0033.)
    const client = await pool.connect();
    try {
      if (!analyze) return (await client.query(`explain (analyze, buffers) ${text}`, values as unknown[])).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      const { rows } = await client.query(`explain (analyze, format json) ${text}`, values as unknown[]);
      const [plan] = rows[0]['QUERY PLAN'] as { 'Planning Time': number; 'Execution Time': number }[];
      return plan!['Planning Time'] + plan!['Execution Time'];
    } finally {
      client.release();
    }
  };

  const timings: QueueQueryTiming[] = [];
  for (const view of views) for (const query of ['page', 'kpis'] as const) timings.push({ view, query, ms: (await explain(view, query)) as number });
  timings.push({ view: '', query: 'load', ms: (await explain('', 'load')) as number });
  // The ten slowest again, best of three: a first read from disk is not the query's speed.
  timings.sort((a, b) => b.ms - a.ms);
  for (const t of timings.slice(0, 10)) {
    const again = [t.ms];
    for (let i = 0; i < 2; i++) again.push((await explain(t.view, t.query)) as number);
    t.ms = Math.min(...again);
  }
  timings.sort((a, b) => b.ms - a.ms);
  const slowest = timings[0]!;
  const plan = (await explain(slowest.view, slowest.query, false)) as string;
  return { views: views.length, queries: timings.length, slowest, top: timings.slice(0, 10), plan, under50: timings.every((t) => t.ms < 50) };
}

/** The supervisor whose views are measured, and every view: each filter, every pair, each sort both ways, a deep page, the searches. */
export async function queueBenchViews(db: Database, creditorId: string) {
  const [supervisor] = await db.select({ id: staffUsers.id }).from(staffUsers).where(and(eq(staffUsers.creditorId, creditorId), eq(staffUsers.role, 'supervisor'))).limit(1);
  const [mediator] = await db.select({ id: staffUsers.id }).from(staffUsers).where(and(eq(staffUsers.creditorId, creditorId), eq(staffUsers.role, 'mediator'))).limit(1);
  const actor: Staff = { type: 'staff', id: supervisor?.id ?? '00000000-0000-4000-8000-000000000000', role: 'supervisor', creditorId };
  const [sample] = await db
    .select({ name: borrowers.fullName, phone: borrowers.phone, idEnc: borrowers.residentIdEnc, caseNo: cases.caseNo, contractNo: loans.contractNo })
    .from(cases)
    .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
    .innerJoin(loans, eq(loans.id, cases.loanId))
    .where(and(eq(cases.creditorId, creditorId), sql`${cases.caseNo} like 'CASE-GEN-%'`))
    .orderBy(cases.caseNo)
    .offset(12_345)
    .limit(1);
  if (!sample) throw new Error('no generated case to search for');

  const filters = [
    'state=negotiating',
    'state=all',
    'dpd=m1',
    'dpd=m4',
    'min=10000',
    'max=3000',
    'assignee=none',
    ...(mediator ? [`assignee=${mediator.id}`] : []),
    'deadline=passed',
    'deadline=3',
    'hardship=1',
    'offer=borrower',
    'offer=approval',
    'offer=proposal',
    'promise=open',
    'promise=due',
    'promise=broken',
    'noContact=7',
    'neverEngaged=1',
    'confirmation=due',
    // The dashboard's filters, as its counts link here (read from case_facts).
    'openedFrom=2026-01-01&openedTo=2026-06-30',
    'bucket=M2',
    `creditor=${creditorId}`,
    'outcome=agreement_signed',
    'reached=signed',
    'reached=selfServed',
  ];
  const pairs: string[] = [];
  for (let i = 0; i < filters.length; i++) for (let j = i + 1; j < filters.length; j++) if (filters[i]!.split('=')[0] !== filters[j]!.split('=')[0]) pairs.push(`${filters[i]}&${filters[j]}`);
  const sorts = queueSorts.flatMap((s) => [`sort=${s}&dir=asc`, `sort=${s}&dir=desc`]);
  const searches = [
    `q=${encodeURIComponent(sample.name.slice(0, 2))}`,
    `q=${encodeURIComponent(sample.name.slice(-1))}`,
    `q=${encodeURIComponent(sample.name)}`,
    `q=${sample.phone.slice(3, 8)}`,
    `q=${sample.caseNo.slice(-6)}`,
    `q=${encodeURIComponent(sample.contractNo.slice(-5))}`,
    `q=${decryptField(sample.idEnc)}`,
  ];
  const views = ['', ...filters, ...pairs, ...sorts, 'page=200', ...searches, ...searches.slice(0, 2).map((q) => `${q}&dpd=m2`)];
  return { actor, views };
}
