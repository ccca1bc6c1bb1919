import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { closeDb, connectDb, createDatabase, getDb } from '@/db/client';
import { startEmbeddedPostgres } from '@/db/embedded';
import { applyMigrations } from '@/db/migrate';
import { seedDemo } from './seed/demo';
import { generateCases, generatedCaseNo } from './seed/generate';
import { suggestOffers } from '@/lib/domain/offer-suggestions';
import { sampleCertificate, sampleSignatures, sampleSnapshot } from '@/lib/pdf/fixtures';
import { renderAgreementPdf } from '@/lib/pdf/render-agreement';
import { sealPdf } from '@/lib/pdf/seal';
import { sessionIsLive } from '@/lib/server/auth/sessions';
import { listMyCasesAndLoans } from '@/lib/server/borrowers/list-my-cases';
import { loadVisibleCase } from '@/lib/server/cases/case-access';
import { getLoanDetail } from '@/lib/server/loans/get-loan-detail';
import { loadOfferContext } from '@/lib/server/offers/offer-context';
import { requestSuggestions } from '@/lib/server/offers/suggest-offers';
import { mintSession } from '@/lib/testing/sessions';
import { benchQueueQueries } from './lib/bench-queue';
import { CASE_FILE_BORROWER, caseFileSubject } from './lib/bench-case-file';
import { dashboardFilterParams } from '@/lib/validation/dashboard';
import { benchDashboard } from './lib/bench-dashboard';
import { benchEvidenceBundle } from './lib/bench-evidence-bundle';
import { makeCreditor } from '@/lib/testing/factories';
import { buildIsCurrent, markBuilt, sourceFingerprint } from './lib/build-fingerprint';
import { caseWaitingForSignature, weighBorrowerPages } from './lib/page-weight-bench';
import { startFloorApp } from './lib/floor-app';
import { prebuild } from './lib/prebuild';
import { benchImport, benchMonth, printImport, printMonth } from './lib/bench-jobs';

/**
 * `npm run bench`: speed goals measured here, never in timed tests.
 * A database with 100,000 generated cases (kept in .bench-data between runs),
 * the production server (scripts/serve.mjs, as `npm start` runs it), then autocannon at 10 connections for
 * 20 s against a static page (/help, prerendered at build time), a static
 * file, the borrower pages and the supervisor dashboard (unfiltered, and with
 * the service's slowest filter combination), in the same run; before that, the
 * dashboard service alone for every filter combination (scripts/lib/bench-dashboard.ts).
 * Options:
 *   --cases N   (default 100000)   --duration S (default 20)   --connections C (default 10)
 *   --rounds R  (default 4: each target's 20 s taken as 4 slices of 5 s, in turn with the others)
 *   --port P    (default 3200)     --pg-port P (default 54399): other ports, for runs side by side
 *   --lighthouse-runs N (default 3: Lighthouse audits per page, the median reported)
 *   --only load|weight|bundle|queue|queue-db  (default load and weight: the server's throughput, or the borrower pages' weight on a phone;
 *                       bundle: only the evidence bundle of a heavy case, on a small database of its own, then stop; queue: only issue 14's goals — every queue
 *                       query at the database, then the queue page and the case file under load beside the static page;
 *                       queue-db: only the queue queries; queue-pages: only the two pages)
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CASES = arg('cases', 100_000);
const DURATION = arg('duration', 20);
/** Issue 16: the portfolio import (rows) and the simulated month (borrowers); 0 skips either. */
const IMPORT_ROWS = arg('import-rows', 100_000);
const MONTH_BORROWERS = arg('month-borrowers', 10_000);
const CONNECTIONS = arg('connections', 10);
const ROUNDS = arg('rounds', 4);
const PORT = arg('port', 3200);
const PG_PORT = arg('pg-port', 54399);
const LIGHTHOUSE_RUNS = arg('lighthouse-runs', 3);
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const parts = { load: only !== 'weight', weight: only !== 'load' };
const AUTH_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');
const dataDir = path.resolve('.bench-data');
const log = (message: string) => console.log(`[bench] ${message}`);

Object.assign(process.env, { DEMO_MODE: 'true', AUTH_SECRET, CONCORD_ENCRYPTION_KEY: ENCRYPTION_KEY, DATA_DIR: dataDir });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

type Measured = { requestsPerSecond: number; p50: number; p95: number; p99: number; non2xx: number; errors: number; samples: number };

async function loadOnce(url: string, seconds: number, cookie?: string) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: cookie ? { cookie } : {} }, (error, res) => (error ? reject(error) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  return { times, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors };
}

/**
 * Each target gets DURATION seconds in all, in ROUNDS slices taken in turn with
 * the others', so a slower spell of a shared machine falls on every target
 * alike instead of on whichever ran during it; the figures pool every slice.
 */
async function loadInTurns(targets: { name: string; url: string; cookie?: string }[]): Promise<Record<string, Measured>> {
  const pooled = new Map(targets.map((t) => [t.name, { times: [] as number[], requests: 0, non2xx: 0, errors: 0 }]));
  const slice = DURATION / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      const once = await loadOnce(target.url, slice, target.cookie);
      const into = pooled.get(target.name)!;
      into.times.push(...once.times);
      into.requests += once.requests;
      into.non2xx += once.non2xx;
      into.errors += once.errors;
    }
    log(`round ${round + 1}/${ROUNDS} done`);
  }
  const results: Record<string, Measured> = {};
  for (const [name, { times, requests, non2xx, errors }] of pooled) {
    times.sort((a, b) => a - b);
    results[name] = { requestsPerSecond: Math.round(requests / DURATION), p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), non2xx, errors, samples: times.length };
  }
  return results;
}

/** The production build (rebuilt only when the sources changed) served as `npm start` serves it, once it answers. */
async function buildAndServe(databaseUrl: string) {
  await prebuild();
  if (!buildIsCurrent()) {
    log('building…');
    const fingerprint = sourceFingerprint();
    await new Promise<void>((resolve, reject) =>
      spawn(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } }).on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`build failed (${code})`)),
      ),
    );
    markBuilt(fingerprint);
  }
  const server = spawn(process.execPath, ['scripts/serve.mjs'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: databaseUrl, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn', BORROWER_IDLE_MINUTES: '600', NEXTAUTH_URL: `http://127.0.0.1:${PORT}` },
  });
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return { server, base };
}

/** CPU time (user + system, ms) of a process and of its children, living and reaped (/proc, clock ticks of 10 ms). */
function processTreeCpuMs(pid: number): number {
  const ticks = (stat: string) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state ppid … utime (12th) stime cutime cstime.
    return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  };
  let total = ticks(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) total += ticks(stat);
    } catch {
      // The process ended meanwhile.
    }
  }
  return total * 10;
}

/**
 * What one request of a page costs, independent of the machine's load: the server's CPU and PostgreSQL's (every
 * backend of the cluster), over `count` requests made one after another, warm.
 */
async function cpuPerRequest(url: string, cookie: string, serverPid: number, count = 60) {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]);
  for (let i = 0; i < 10; i++) await (await fetch(url, { headers: { cookie } })).text();
  const server = processTreeCpuMs(serverPid);
  const database = processTreeCpuMs(postmaster);
  for (let i = 0; i < count; i++) await (await fetch(url, { headers: { cookie } })).text();
  return { serverMs: (processTreeCpuMs(serverPid) - server) / count, databaseMs: (processTreeCpuMs(postmaster) - database) / count };
}

type Cluster = Awaited<ReturnType<typeof startEmbeddedPostgres>>;
type Handle = ReturnType<typeof createDatabase>;

/** Prints the queue's goal (issue 14): every queue query under 50 ms at the database, with the slowest's plan. */
function printQueueQueries(queueQueries: Awaited<ReturnType<typeof benchQueueQueries>>) {
  console.log(`\nqueue queries at the database: ${queueQueries.queries} (${queueQueries.views} views × rows and KPI cards); slowest ${queueQueries.slowest.ms.toFixed(1)} ms; every one under 50 ms: ${queueQueries.under50 ? 'met' : 'NOT met'}`);
  for (const t of queueQueries.top) console.log(`  ${t.ms.toFixed(1).padStart(7)} ms  ${t.query.padEnd(5)} ${t.view || '(default view)'}`);
  console.log(`slowest plan (${queueQueries.slowest.query} of "${queueQueries.slowest.view}"):\n${queueQueries.plan}`);
}

/**
 * `--only queue-db`: the queue's queries at the database and nothing else; `--only queue`: those, then the queue page
 * and the case file under load beside the static page (issue 14's goals), without the rest of the bench.
 */
async function benchQueueOnly(cluster: Cluster, handle: Handle, subject: { case_id: string; creditor_id: string }) {
  const queueQueries = only === 'queue-pages' ? null : await benchQueueQueries(handle.db, handle.pool, subject.creditor_id, new Date());
  let staff: { server: ReturnType<typeof spawn>; base: string; cookie: string } | null = null;
  try {
    if (only === 'queue' || only === 'queue-pages') {
      const [staffRow] = (
        await handle.db.execute<{ id: string; name: string; email: string; creditor_id: string }>(
          sql`select id, name, email, creditor_id from staff_users where creditor_id = ${subject.creditor_id} and role = 'supervisor' and active order by email limit 1`,
        )
      ).rows;
      const session = await mintSession(getDb(), { id: staffRow!.id, name: staffRow!.name, email: staffRow!.email, role: 'supervisor', creditorId: staffRow!.creditor_id }, AUTH_SECRET, { userAgent: 'autocannon (bench)' });
      const caseFile = await caseFileSubject(getDb(), subject.creditor_id);
      await closeDb();
      await handle.pool.end();
      const { server, base } = await buildAndServe(cluster.url);
      staff = { server, base, cookie: `${session.name}=${session.value}` };
      const targets = [
        { name: 'staffQueue', url: `${base}/staff`, cookie: staff.cookie, mustShow: 'data-kpi="matching"' },
        { name: 'caseFile', url: `${base}/staff/cases/${caseFile.caseId}`, cookie: staff.cookie, mustShow: CASE_FILE_BORROWER },
      ];
      for (const target of targets) {
        const check = await fetch(target.url, { headers: { cookie: target.cookie }, redirect: 'manual' });
        if (check.status !== 200 || !(await check.text()).includes(target.mustShow)) throw new Error(`${target.url} answered ${check.status} without ${target.mustShow}`);
      }
      log(`case file measured on ${caseFile.caseNo} (${caseFile.summary})`);
      await fetch(`${base}/help`);
      for (const target of targets) {
        const cost = await cpuPerRequest(target.url, target.cookie, server.pid!);
        console.log(`${target.name}: CPU per request ${cost.serverMs.toFixed(1)} ms in the server + ${cost.databaseMs.toFixed(1)} ms in PostgreSQL (60 requests one at a time)`);
      }
      // The framework's floor in the same run: a bare dynamic App Router page of the same Next and React (no session,
      // no database), so the two pages' figures read against what any dynamic page costs on this machine.
      const floor = await startFloorApp(process.cwd(), log);
      let results: Record<string, Measured>;
      try {
        const bare = await cpuPerRequest(`${floor.base}/`, '', floor.pid);
        console.log(`barePage: CPU per request ${bare.serverMs.toFixed(1)} ms in the server (a bare dynamic App Router page, no session, no database; 60 requests one at a time)`);
        const table = await cpuPerRequest(`${floor.base}/table`, '', floor.pid);
        console.log(`tablePage: CPU per request ${table.serverMs.toFixed(1)} ms in the server (the same with a 50-row TanStack Table in the queue's columns, its data made in the page; 60 requests one at a time)`);
        log(`${CONNECTIONS} connections, ${DURATION} s per target in ${ROUNDS} turns`);
        results = await loadInTurns([{ name: 'staticPage', url: `${base}/help` }, { name: 'barePage', url: `${floor.base}/` }, { name: 'tablePage', url: `${floor.base}/table` }, ...targets]);
      } finally {
        await floor.stop();
      }
      console.log('\nPage              req/s    p50 ms  p95 ms  p99 ms  non-2xx');
      for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(16)} ${String(r.requestsPerSecond).padStart(6)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${String(r.non2xx).padStart(8)}`);
      printStaffGoals(results);
    } else {
      await closeDb();
      await handle.pool.end();
    }
    if (queueQueries) printQueueQueries(queueQueries);
  } finally {
    if (staff) {
      staff.server.kill('SIGTERM');
      await new Promise((r) => staff!.server.once('exit', r));
    }
    await cluster.stop();
  }
}

/**
 * `--only bundle`: the evidence bundle alone, on a small database of its own (.bench-data/bundle: the schema and
 * one creditor; each scenario adds its case), so it needs neither the 100,000 cases nor the server.
 */
async function benchBundleAlone() {
  const cluster = await startEmbeddedPostgres({ dir: path.join(dataDir, 'bundle'), port: PG_PORT });
  try {
    await applyMigrations(cluster.url);
    const handle = createDatabase(cluster.url, 2);
    const creditor = await makeCreditor(handle.db);
    await handle.pool.end();
    const result = await benchEvidenceBundle(cluster.url, creditor.id, log);
    fs.mkdirSync('bench-results', { recursive: true });
    fs.writeFileSync(path.join('bench-results', 'bundle.json'), JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2));
  } finally {
    await cluster.stop();
  }
}

/** Issue 14: the queue page p95 under 150 ms and the case file's under 200 ms, beside the static page of the same run. */
function printStaffGoals(results: Record<string, Measured>) {
  for (const [name, limit] of [['staffQueue', 150], ['caseFile', 200]] as const) {
    const r = results[name];
    if (r)
      console.log(
        `goal ${name}: p95 < ${limit} ms ${r.p95 < limit ? 'met' : 'NOT met'} (${r.p95.toFixed(1)} ms: ${(r.p95 / results.staticPage!.p95).toFixed(1)} × the static page's ${results.staticPage!.p95.toFixed(1)} ms${results.barePage ? `, ${(r.p95 / results.barePage.p95).toFixed(1)} × the bare dynamic page's ${results.barePage.p95.toFixed(1)} ms` : ''}${results.tablePage ? `, ${(r.p95 / results.tablePage.p95).toFixed(1)} × the bare 50-row table page's ${results.tablePage.p95.toFixed(1)} ms` : ''})`,
      );
  }
}

async function main() {
  if (only === 'bundle') return benchBundleAlone();
  const cluster = await startEmbeddedPostgres({ dir: dataDir, port: PG_PORT });
  await applyMigrations(cluster.url);
  const handle = createDatabase(cluster.url, 4);
  await seedDemo(handle.db);
  const [{ n } = { n: 0 }] = (await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from cases where case_no like 'CASE-GEN-%'`)).rows;
  if (n < CASES) {
    const started = Date.now();
    log(`generating ${CASES} cases…`);
    await generateCases(handle.db, { cases: CASES, seed: 42 });
    log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  // What autovacuum does to a settled database: the visibility map set, so index-only scans read no rows. Every run,
  // not only after generating: a migration that rewrites rows (0035 recomputes the broken plans' next action) clears
  // the map on their pages, and the queue's PostgreSQL time doubled until a vacuum. On a settled table it takes little.
  // A live database's map is also cleared by everyday updates, so these figures are the settled, best case.
  await handle.db.execute(sql`vacuum (analyze) cases, case_facts, borrowers, loans`);
  const [subject] = (
    await handle.db.execute<{ case_id: string; case_no: string; contract_no: string; borrower_id: string; loan_id: string; name: string; creditor_id: string }>(
      sql`select c.id as case_id, c.creditor_id, c.case_no, l.contract_no, c.borrower_id, c.loan_id, b.full_name as name from cases c join borrowers b on b.id = c.borrower_id join loans l on l.id = c.loan_id where c.case_no like 'CASE-GEN-%' and c.state in ('invited', 'engaged', 'negotiating') and c.case_no >= ${generatedCaseNo(Math.floor(CASES / 2))} order by c.case_no limit 1`,
    )
  ).rows;
  if (!subject) throw new Error('no generated case to measure with');

  connectDb(cluster.url, 4);
  if (only === 'queue' || only === 'queue-db' || only === 'queue-pages') return benchQueueOnly(cluster, handle, subject);
  // Offer pricing in the domain alone: the full set of tailored suggestions for this case, warm.
  const borrowerCtx = { actor: { type: 'borrower' as const, id: subject.borrower_id }, meta: {} };
  const kase = await loadVisibleCase(getDb(), borrowerCtx.actor, subject.case_id);
  const { timeZone: _tz, borrowerLocale: _l, borrowerPhone: _p, ...offerContext } = await loadOfferContext(getDb(), kase);
  const pricingTimes: number[] = [];
  let suggestionCount = 0;
  for (let i = 0; i < 220; i++) {
    const started = performance.now();
    suggestionCount = suggestOffers({ ...offerContext, disposableIncome: 250_000 }).length;
    if (i >= 20) pricingTimes.push(performance.now() - started);
  }
  pricingTimes.sort((a, b) => a - b);
  const offerPricing = { runs: pricingTimes.length, suggestions: suggestionCount, p50: percentile(pricingTimes, 50), p95: percentile(pricingTimes, 95) };
  log(`suggestOffers (domain): p50 ${offerPricing.p50.toFixed(2)} ms, p95 ${offerPricing.p95.toFixed(2)} ms, ${suggestionCount} offers`);
  // The same through the service (reads, pricing, writes, audit) — what "show me options" costs end
  // to end — on a neighbouring case, so the case whose pages are measured keeps a realistic history.
  const [neighbour] = (await handle.db.execute<{ case_id: string; borrower_id: string }>(sql`select id as case_id, borrower_id from cases where case_no like 'CASE-GEN-%' and state in ('invited', 'engaged', 'negotiating') and case_no > ${generatedCaseNo(Math.floor(CASES / 2) + 100)} order by case_no limit 1`)).rows;
  const neighbourCtx = { actor: { type: 'borrower' as const, id: neighbour!.borrower_id }, meta: {} };
  const serviceTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    await requestSuggestions(neighbourCtx, neighbour!.case_id);
    if (i >= 5) serviceTimes.push(performance.now() - started);
  }
  const [{ open } = { open: 0 }] = (await handle.db.execute<{ open: number }>(sql`select count(*)::int as open from offers where case_id = ${subject.case_id} and status = 'proposed'`)).rows;
  if (!open) await requestSuggestions(borrowerCtx, subject.case_id);
  serviceTimes.sort((a, b) => a - b);
  const offerService = { runs: serviceTimes.length, p50: percentile(serviceTimes, 50), p95: percentile(serviceTimes, 95) };
  log(`requestSuggestions (service): p50 ${offerService.p50.toFixed(1)} ms, p95 ${offerService.p95.toFixed(1)} ms`);
  // What the borrower home and loan pages ask of the services (reads and the arrears engine),
  // apart from rendering: CPU per call, warm.
  const serviceCpu = async (call: () => Promise<unknown>) => {
    for (let i = 0; i < 50; i++) await call();
    const started = process.cpuUsage();
    for (let i = 0; i < 300; i++) await call();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000 / 300;
  };
  // The measured borrower's session, as a sign-in opens it: record and cookie (ADR 0008).
  const session = await mintSession(getDb(), { id: subject.borrower_id, fullName: subject.name }, AUTH_SECRET, { userAgent: 'autocannon (bench)' });
  const pageServices = {
    homeCpuMs: await serviceCpu(() => listMyCasesAndLoans(borrowerCtx.actor)),
    loanCpuMs: await serviceCpu(() => getLoanDetail(borrowerCtx.actor, subject.loan_id)),
  };
  log(`page services, CPU per call: home ${pageServices.homeCpuMs.toFixed(2)} ms, loan detail ${pageServices.loanCpuMs.toFixed(2)} ms`);
  // What every signed-in request adds: the session record's check (one prepared primary-key read).
  const sessionTimes: number[] = [];
  for (let i = 0; i < 1100; i++) {
    const started = performance.now();
    if (!(await sessionIsLive(session.sessionId, subject.borrower_id))) throw new Error('the minted session is not live');
    if (i >= 100) sessionTimes.push(performance.now() - started);
  }
  sessionTimes.sort((a, b) => a - b);
  const sessionCheck = { p50Ms: percentile(sessionTimes, 50), p95Ms: percentile(sessionTimes, 95), cpuMs: await serviceCpu(() => sessionIsLive(session.sessionId, subject.borrower_id)) };
  log(`session check per request: p50 ${sessionCheck.p50Ms.toFixed(3)} ms, p95 ${sessionCheck.p95Ms.toFixed(3)} ms wall; ${sessionCheck.cpuMs.toFixed(3)} ms CPU`);
  // The evidence bundle of a heavy case (issue 18): under 5 s, memory bounded (`--only bundle` measures it alone).
  const evidenceBundle = await benchEvidenceBundle(cluster.url, subject.creditor_id, log);
  // The queue at the database: every filter, pair, sort and search, for the rows and the KPI cards (issue 14).
  const queueQueries = await benchQueueQueries(handle.db, handle.pool, subject.creditor_id, new Date());
  log(`queue queries: ${queueQueries.queries} (${queueQueries.views} views); slowest ${queueQueries.slowest.ms.toFixed(1)} ms (${queueQueries.slowest.query} of "${queueQueries.slowest.view}")`);
  // The staff pages are measured as the creditor's supervisor (every case, every action), signed in as a sign-in does.
  const [staffRow] = (
    await handle.db.execute<{ id: string; name: string; email: string; role: 'supervisor'; creditor_id: string }>(
      sql`select id, name, email, role, creditor_id from staff_users where creditor_id = ${subject.creditor_id} and role = 'supervisor' and active order by email limit 1`,
    )
  ).rows;
  const caseFile = await caseFileSubject(getDb(), subject.creditor_id);
  log(`case file measured on ${caseFile.caseNo} (${caseFile.summary})`);
  const supervisorSession = staffRow ? await mintSession(getDb(), { id: staffRow.id, name: staffRow.name, email: staffRow.email, role: staffRow.role, creditorId: staffRow.creditor_id }, AUTH_SECRET, { userAgent: 'autocannon (bench)' }) : null;
  // The pages weighed on a phone: the measured borrower's, and an agreement waiting for its borrower's signature.
  const signing = parts.weight ? await caseWaitingForSignature(getDb(), generatedCaseNo(Math.floor(CASES / 2) + 200), AUTH_SECRET) : null;
  // The supervisor dashboard (issue 15): every filter combination through the service, at this many cases.
  const dashboard = await benchDashboard(handle.db);
  log(`dashboard service, ${dashboard.combinations} filter combinations × ${dashboard.runsEach} runs at ${dashboard.cases} cases: worst p95 ${dashboard.worst.p95.toFixed(1)} ms (${JSON.stringify(dashboard.worst.filter)})`);
  const [centreAdmin] = (await handle.db.execute<{ id: string; name: string; email: string; role: 'admin'; creditor_id: string | null }>(sql`select id, name, email, role, creditor_id from staff_users where role = 'admin' and creditor_id is null order by created_at limit 1`)).rows;
  const staffSession = await mintSession(getDb(), { id: centreAdmin!.id, name: centreAdmin!.name, email: centreAdmin!.email, role: 'admin', creditorId: null }, AUTH_SECRET, { userAgent: 'autocannon (bench)' });
  await closeDb();
  await handle.pool.end();

  // The agreement: render, and render + seal, a 24-installment agreement (warm), and the signed file's size.
  const snapshot = sampleSnapshot({ structure: 'installments', months: 24, relief: true });
  const signed = { snapshot, signatures: sampleSignatures(snapshot), certificate: sampleCertificate(snapshot) };
  const renderTimes: number[] = [];
  const sealTimes: number[] = [];
  let signedSize = 0;
  for (let i = 0; i < 25; i++) {
    let started = performance.now();
    await renderAgreementPdf({ snapshot });
    if (i >= 5) renderTimes.push(performance.now() - started);
    started = performance.now();
    const sealed = await sealPdf(await renderAgreementPdf(signed), { reason: 'bench', location: 'Concord', name: snapshot.creditor.name });
    if (i >= 5) sealTimes.push(performance.now() - started);
    signedSize = sealed.length;
  }
  renderTimes.sort((a, b) => a - b);
  sealTimes.sort((a, b) => a - b);
  const agreementPdf = { render: { p50: percentile(renderTimes, 50), p95: percentile(renderTimes, 95) }, renderSignSeal: { p50: percentile(sealTimes, 50), p95: percentile(sealTimes, 95) }, signedBytes: signedSize };
  log(`agreement render p50 ${agreementPdf.render.p50.toFixed(0)} ms p95 ${agreementPdf.render.p95.toFixed(0)} ms; render+sign+seal p50 ${agreementPdf.renderSignSeal.p50.toFixed(0)} ms p95 ${agreementPdf.renderSignSeal.p95.toFixed(0)} ms; ${(signedSize / 1024).toFixed(0)} KB`);

  const { server, base } = await buildAndServe(cluster.url);
  try {
    const cookie = `${session.name}=${session.value}`;
    const staffCookie = `${staffSession.name}=${staffSession.value}`;
    const dashboardQuery = dashboardFilterParams(dashboard.worst.filter).toString();
    const dashboardCheck = await fetch(`${base}/staff/dashboard`, { headers: { cookie: staffCookie }, redirect: 'manual' });
    if (dashboardCheck.status !== 200 || !(await dashboardCheck.text()).includes('data-value="opened"')) throw new Error(`/staff/dashboard answered ${dashboardCheck.status} without its figures`);
    // The pages measured must be the real ones: the borrower's case on the home page, their loan's contract on the loan page.
    for (const [url, mustShow] of [[`${base}/`, subject.case_no], [`${base}/loans/${subject.loan_id}`, subject.contract_no]] as const) {
      const check = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      if (check.status !== 200 || !(await check.text()).includes(mustShow)) throw new Error(`${url} answered ${check.status} without ${mustShow}`);
    }
    // Warm every route once so compilation and first-connection costs are not measured.
    await Promise.all([fetch(`${base}/robots.txt`), fetch(`${base}/help`), fetch(`${base}/loans/${subject.loan_id}`, { headers: { cookie } }), fetch(`${base}/cases/${subject.case_id}/offers`, { headers: { cookie } }), fetch(`${base}/staff/dashboard?${dashboardQuery}`, { headers: { cookie: staffCookie } })]);

    const supervisorCookie = supervisorSession ? `${supervisorSession.name}=${supervisorSession.value}` : undefined;
    const staffTargets = supervisorCookie
      ? [
          { name: 'staffQueue', url: `${base}/staff`, cookie: supervisorCookie, mustShow: 'data-kpi="matching"' },
          { name: 'caseFile', url: `${base}/staff/cases/${caseFile.caseId}`, cookie: supervisorCookie, mustShow: CASE_FILE_BORROWER },
        ]
      : [];
    for (const target of staffTargets) {
      const check = await fetch(target.url, { headers: { cookie: target.cookie }, redirect: 'manual' });
      if (check.status !== 200 || !(await check.text()).includes(target.mustShow)) throw new Error(`${target.url} answered ${check.status} without ${target.mustShow}`);
    }
    if (parts.load) log(`${CONNECTIONS} connections, ${DURATION} s per target in ${ROUNDS} turns`);
    const results = !parts.load ? {} : await loadInTurns([
      { name: 'staticPage', url: `${base}/help` },
      { name: 'staticFile', url: `${base}/robots.txt` },
      { name: 'signInPage', url: `${base}/login` },
      { name: 'borrowerHome', url: `${base}/`, cookie },
      { name: 'loanDetail', url: `${base}/loans/${subject.loan_id}`, cookie },
      { name: 'offersPage', url: `${base}/cases/${subject.case_id}/offers`, cookie },
      ...staffTargets,
      { name: 'dashboardPage', url: `${base}/staff/dashboard`, cookie: staffCookie },
      { name: 'dashboardFiltered', url: `${base}/staff/dashboard?${dashboardQuery}`, cookie: staffCookie },
    ]);
    const rss = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)?.[1];

    const staticPage = results.staticPage?.requestsPerSecond ?? NaN;
    const staticFile = results.staticFile?.requestsPerSecond ?? NaN;
    if (parts.load) console.log('\nPage              req/s    p50 ms  p95 ms  p99 ms  vs static page  vs static file  non-2xx');
    for (const [name, r] of Object.entries(results)) {
      const share = (of: number) => `${((r.requestsPerSecond / of) * 100).toFixed(0)}%`;
      console.log(`${name.padEnd(16)} ${String(r.requestsPerSecond).padStart(6)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${share(staticPage).padStart(15)} ${share(staticFile).padStart(15)} ${String(r.non2xx).padStart(8)}`);
    }
    // The goal of issue #3: p95 under 100 ms and at least a fifth of the static page's throughput.
    const goals = Object.fromEntries(
      (parts.load ? (['borrowerHome', 'loanDetail'] as const) : []).map((name) => {
        const r = results[name]!;
        return [name, { p95Under100ms: r.p95 < 100, atLeastFifthOfStaticPage: r.requestsPerSecond * 5 >= staticPage }];
      }),
    );
    for (const [name, goal] of Object.entries(goals)) {
      console.log(`goal ${name}: p95 < 100 ms ${goal.p95Under100ms ? 'met' : 'NOT met'}; ≥ 1/5 of the static page ${goal.atLeastFifthOfStaticPage ? 'met' : 'NOT met'}`);
    }
    // Issue 14: the queue page p95 under 150 ms and the case file's under 200 ms; every queue query under 50 ms at the database.
    printStaffGoals(results);
    printQueueQueries(queueQueries);
    console.log(`\noffer pricing, domain: p50 ${offerPricing.p50.toFixed(2)} ms, p95 ${offerPricing.p95.toFixed(2)} ms (${offerPricing.suggestions} offers); through the service: p50 ${offerService.p50.toFixed(1)} ms, p95 ${offerService.p95.toFixed(1)} ms`);
    console.log(`page services (reads + arrears, no rendering), CPU per call: home ${pageServices.homeCpuMs.toFixed(2)} ms, loan detail ${pageServices.loanCpuMs.toFixed(2)} ms`);
    console.log(`session check (every signed-in request): p50 ${sessionCheck.p50Ms.toFixed(3)} ms, p95 ${sessionCheck.p95Ms.toFixed(3)} ms wall, ${sessionCheck.cpuMs.toFixed(3)} ms CPU`);
    console.log(`agreement (24 installments): render p50 ${agreementPdf.render.p50.toFixed(0)} ms, p95 ${agreementPdf.render.p95.toFixed(0)} ms; render + sign + seal p50 ${agreementPdf.renderSignSeal.p50.toFixed(0)} ms, p95 ${agreementPdf.renderSignSeal.p95.toFixed(0)} ms; signed file ${(agreementPdf.signedBytes / 1024).toFixed(0)} KB`);
    console.log(`dashboard service (every figure, trend, cohorts), ${dashboard.combinations} filter combinations at ${dashboard.cases} cases: worst p50 ${dashboard.worst.p50.toFixed(1)} ms, p95 ${dashboard.worst.p95.toFixed(1)} ms — goal < 300 ms ${dashboard.goal300ms ? 'met' : 'NOT met'}`);
    console.log(`evidence bundle (${evidenceBundle.goal.files} files of ${evidenceBundle.goal.fileMb} MB, ${evidenceBundle.goal.contacts} contacts): p50 ${evidenceBundle.goal.p50Ms.toFixed(0)} ms, max ${evidenceBundle.goal.maxMs.toFixed(0)} ms (< 5 s ${evidenceBundle.under5s ? 'met' : 'NOT met'}); peak RSS growth ${evidenceBundle.scenarios.map((r) => `${r.files}×${r.fileMb} MB ${r.rssGrowthMb.toFixed(0)} MB`).join(', ')} (bounded ${evidenceBundle.memoryBounded ? 'yes' : 'NO'})`);
    console.log(`\nserver peak RSS: ${rss ? Math.round(Number(rss) / 1024) : '?'} MB; cases in database: ${Math.max(n, CASES)}`);
    // Issue #13: what each borrower page weighs on a phone and scores in Lighthouse, beside the framework's floor.
    const pageWeight = signing ? await weighBorrowerPages({ base, subject, session, signing, lighthouseRuns: LIGHTHOUSE_RUNS, log }) : null;
    fs.mkdirSync('bench-results', { recursive: true });
    fs.writeFileSync(path.join('bench-results', 'pages.json'), JSON.stringify({ at: new Date().toISOString(), cases: CASES, connections: CONNECTIONS, duration: DURATION, rounds: ROUNDS, results, goals, pageServices, sessionCheck, offerPricing, offerService, agreementPdf, dashboard, queueQueries, evidenceBundle, peakRssKb: Number(rss), pageWeight }, null, 2));
    // The jobs (issue 16), each in a database of its own on this cluster: the import beside a plain COPY of its file, the simulated month.
    const importBench = IMPORT_ROWS > 0 ? await benchImport(cluster.adminUrl, IMPORT_ROWS, log) : null;
    const month = MONTH_BORROWERS > 0 ? await benchMonth(cluster.adminUrl, MONTH_BORROWERS, log) : null;
    if (importBench) printImport(importBench);
    if (month) printMonth(month);
    fs.writeFileSync(path.join('bench-results', 'jobs.json'), JSON.stringify({ at: new Date().toISOString(), import: importBench, month }, null, 2));
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await cluster.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
