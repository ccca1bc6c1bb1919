import crypto from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { cases, creditors, staffUsers } from '@/db/schema';
import type { CaseState } from '@/lib/domain/case-state';
import { addDays, todayIn, type IsoDate } from '@/lib/domain/dates';
import { defaultPolicy, parsePolicy } from '@/lib/domain/policy';
import { scheduleColumns } from '@/lib/domain/stored-schedule';
import { systemCtx } from '@/lib/server/actor';
import { recordAudit } from '@/lib/server/audit';
import { DEMO_CREDITOR_CODE, DEMO_SECOND_CREDITOR_CODE, SEED_LOCK_KEY } from './demo';
import { planCaseFacts } from './outcome-facts';
import { drawTerms, planDelinquentLoan, productWeights, type Bucket } from './loans';
import { makeResidentId, randomAddress, randomName, randomRegion, residentIdColumns, sequenceFor } from './people';
import { Rng } from './random';

/**
 * Benchmark data: N borrowers, each with one delinquent loan (schedule and
 * payments) and one case, from a seeded PRNG so the same seed always gives the
 * same people, amounts and states (only ids and ciphertexts differ). Each batch
 * of cases goes in as one statement of `insert … select from unnest(arrays)`
 * parts — a few dozen parameters however many rows — and the next batch is
 * computed while PostgreSQL writes the previous one. Everything is one
 * transaction: a run adds all its cases or none, so "CASE-GEN-0000001 exists"
 * reliably means "already generated".
 */
export type GenerateOptions = {
  cases: number;
  seed?: number;
  /** The date the timelines are built back from (Asia/Shanghai); fixed in tests for full determinism. */
  today?: IsoDate;
  batchSize?: number;
  log?: (message: string) => void;
};

export const GENERATED_CASE_PREFIX = 'CASE-GEN-';
export const BENCH_CREDITOR_CODE = 'GEN-BENCH';
export const BENCH_SECOND_CREDITOR_CODE = 'GEN-BENCH-2';
const MAX_CASES = 2_000_000; // resident-ID slots and the phone range are unique up to well beyond this

const stateWeights: readonly (readonly [CaseState, number])[] = [
  ['invited', 25], ['engaged', 12], ['hardship_submitted', 8], ['negotiating', 12], ['agreed', 3], ['signed_by_borrower', 2],
  ['plan_active', 15], ['breached', 4], ['completed', 6], ['escalated', 6], ['closed', 7],
];
const bucketWeights: readonly (readonly [Bucket, number])[] = [['M1', 35], ['M2', 25], ['M3', 15], ['M4+', 25]];

export const generatedCaseNo = (index: number) => `${GENERATED_CASE_PREFIX}${String(index + 1).padStart(7, '0')}`;

export async function generateCases(db: Database, options: GenerateOptions): Promise<void> {
  const total = options.cases;
  if (!Number.isInteger(total) || total < 1 || total > MAX_CASES) throw new RangeError(`cases must be 1–${MAX_CASES}`);
  const seed = options.seed ?? 42;
  const today = options.today ?? todayIn('Asia/Shanghai');
  const batchSize = options.batchSize ?? 2_000;
  const log = options.log ?? (() => undefined);

  const generated = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const [already] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.caseNo, generatedCaseNo(0)));
    if (already) {
      log(`Generated cases already present (${generatedCaseNo(0)} exists); nothing to do.`);
      return false;
    }
    const served = await benchCreditors(tx);
    const bulk = await disableRowTriggers(tx);
    const rng = new Rng(seed);
    const nextId = orderedUuids();
    let pending: Promise<void> = Promise.resolve();
    for (let start = 0; start < total; start += batchSize) {
      // Build the next batch (CPU in Node) while the previous one is being written (CPU in PostgreSQL).
      const batch = buildBatch(rng, { start, end: Math.min(total, start + batchSize), today, creditors: served, nextId });
      await pending;
      const inflight = tx.execute(batch).then(() => undefined);
      inflight.catch(() => undefined); // awaited on the next turn; this only stops an "unhandled rejection" in between
      pending = inflight;
      if ((start / batchSize) % 10 === 9) log(`  ${Math.min(total, start + batchSize).toLocaleString('en')} cases…`);
    }
    await pending;
    if (bulk) {
      await verifyReferences(tx);
      // The queue's facts are kept by a row trigger on cases (docs/decisions/0016-queue.md), off during the load:
      // one pass over the new cases with triggers back on computes them (the side tables have nothing for them yet).
      // Only overdue_since is set, so the dashboard's triggers (on other columns) are not set off for every case.
      await tx.execute(sql`update cases set overdue_since = (opened_at at time zone 'Asia/Shanghai')::date - dpd_at_open where overdue_since is null`);
    }
    await recordAudit(tx, systemCtx, {
      action: 'seed.generate',
      entityType: 'creditor',
      entityId: served[0]!.creditorId,
      data: { cases: total, seed, today, creditors: served.map((c) => c.creditorId), first: generatedCaseNo(0), last: generatedCaseNo(total - 1) },
    });
    return true;
  });
  if (!generated) return;
  // Fresh statistics, so the first benchmark queries do not plan against empty tables.
  await db.execute(sql`analyze borrowers, loans, payments, cases, case_facts, case_outcomes`);
}

type ServedCreditor = { creditorId: string; mediatorIds: string[]; windowDays: number; share: number };

/**
 * The creditors the generated cases belong to: a mediation centre serves
 * several, so about 70 % go to the first (the demo bank when seeded, else a
 * benchmark creditor) and 30 % to the second (the demo's consumer-finance
 * company, else a second benchmark creditor); each with its own mediators.
 */
async function benchCreditors(tx: Transaction): Promise<ServedCreditor[]> {
  const pairs = [
    { codes: [DEMO_CREDITOR_CODE, BENCH_CREDITOR_CODE], fallback: BENCH_CREDITOR_CODE, share: 70, names: ['周文', '吴佳', '郑凯', '王蕾', '何平'] },
    { codes: [DEMO_SECOND_CREDITOR_CODE, BENCH_SECOND_CREDITOR_CODE], fallback: BENCH_SECOND_CREDITOR_CODE, share: 30, names: ['钱程', '冯雪', '陈栋'] },
  ];
  const served: ServedCreditor[] = [];
  for (const [index, pair] of pairs.entries()) {
    const [found] = await tx
      .select({ id: creditors.id, code: creditors.code, policy: creditors.policy })
      .from(creditors)
      .where(inArray(creditors.code, pair.codes))
      .orderBy(sql`${creditors.code} = ${pair.codes[0]!} desc`)
      .limit(1);
    const creditor =
      found ??
      (
        await tx
          .insert(creditors)
          .values({ ...benchCreditorDetails[index]!, code: pair.fallback, policy: defaultPolicy })
          .returning({ id: creditors.id, code: creditors.code, policy: creditors.policy })
      )[0]!;
    const mediatorQuery = () =>
      tx.select({ id: staffUsers.id }).from(staffUsers).where(and(eq(staffUsers.creditorId, creditor.id), eq(staffUsers.role, 'mediator'), eq(staffUsers.active, true)));
    let mediators = await mediatorQuery();
    if (mediators.length === 0) {
      // '!' is not an argon2 hash, so verifyPassword refuses it: these accounts exist to own cases, not to sign in.
      await tx.insert(staffUsers).values(
        pair.names.map((name, i) => ({ creditorId: creditor.id, email: `bench.${pair.fallback.toLowerCase()}.mediator${i + 1}@concord.invalid`, name, role: 'mediator' as const, passwordHash: '!' })),
      );
      mediators = await mediatorQuery();
    }
    served.push({ creditorId: creditor.id, mediatorIds: mediators.map((m) => m.id), windowDays: parsePolicy(creditor.policy).mediationWindowDays, share: pair.share });
  }
  return served;
}

const benchCreditorDetails = [
  {
    name: '青溪普惠消费金融有限公司',
    nameEn: 'Qingxi Inclusive Consumer Finance Co., Ltd.',
    creditCode: '913301005291340849', // fictional, with valid check characters
    registeredAddress: '浙江省杭州市上城区望江东路99号',
    servicePhone: '0571-86609900',
    court: '杭州市上城区人民法院',
  },
  {
    name: '湖州溪山小额贷款股份有限公司',
    nameEn: 'Huzhou Xishan Microcredit Co., Ltd.',
    creditCode: '91330500MA2B3C4D5E',
    registeredAddress: '浙江省湖州市吴兴区红旗路18号',
    servicePhone: '0572-22080000',
    court: '湖州市吴兴区人民法院',
  },
];

/**
 * UUIDv7 (RFC 9562) with a counter in place of most random bits, so ids rise
 * strictly within a run. Random v4 ids scatter millions of index inserts over
 * pages that no longer fit in shared_buffers (100k cases took 136 s with them,
 * 87 s with these); rising ids append at the right edge of each B-tree. The
 * last 36 bits are random per run, so concurrent runs cannot collide.
 */
function orderedUuids(): () => string {
  const time = Date.now().toString(16).padStart(12, '0');
  const runTail = crypto.randomBytes(5).toString('hex').slice(0, 9);
  let counter = 0;
  return () => {
    const high = Math.floor(counter / 0x1000000).toString(16).padStart(3, '0');
    const low = (counter % 0x1000000).toString(16).padStart(6, '0');
    counter++;
    return `${time.slice(0, 8)}-${time.slice(8)}-7${high}-8${low.slice(0, 3)}-${low.slice(3)}${runTail}`;
  };
}

/**
 * Foreign-key checks are per-row triggers and cost about half the insert time
 * at this volume. As a superuser (the embedded database is one) the load turns
 * triggers off for this transaction only, as pg_restore --disable-triggers
 * does, and verifyReferences then checks every reference in one pass per key;
 * without that privilege the row-by-row checks simply stay on.
 */
async function disableRowTriggers(tx: Transaction): Promise<boolean> {
  const { rows } = await tx.execute<{ superuser: string }>(sql`select current_setting('is_superuser') as superuser`);
  if (rows[0]?.superuser !== 'on') return false;
  await tx.execute(sql`set local session_replication_role = replica`);
  return true;
}

const references: readonly (readonly [table: string, column: string, target: string])[] = [
  ['loans', 'creditor_id', 'creditors'],
  ['loans', 'borrower_id', 'borrowers'],
  ['payments', 'loan_id', 'loans'],
  ['cases', 'creditor_id', 'creditors'],
  ['cases', 'borrower_id', 'borrowers'],
  ['cases', 'loan_id', 'loans'],
  ['cases', 'assignee_id', 'staff_users'],
  ['case_facts', 'case_id', 'cases'],
  ['case_outcomes', 'case_id', 'cases'],
];

/** The foreign keys, checked in bulk (an anti-join per key); any dangling reference rolls the whole load back. */
async function verifyReferences(tx: Transaction) {
  await tx.execute(sql`set local session_replication_role = origin`);
  for (const [table, column, target] of references) {
    const { rows } = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table)} t where t.${sql.identifier(column)} is not null and not exists (select 1 from ${sql.identifier(target)} r where r.id = t.${sql.identifier(column)})`,
    );
    if (rows[0]!.n > 0) throw new Error(`generateCases: ${rows[0]!.n} rows of ${table}.${column} point to no ${target}`);
  }
}

/**
 * A column being collected as the body of a PostgreSQL array literal, written
 * value by value (at 100,000 cases that is over ten million values, so no
 * intermediate arrays). Text is quoted (so a name cannot read as NULL or split
 * on a comma) and escaped; uuids, numbers, dates, timestamps and enum labels
 * have no special characters and go in bare.
 */
type Column = { name: string; type: string; quote: boolean; body: string };
type Table = { name: string; columns: Column[]; rows: number };

function table(name: string, spec: Record<string, string>): Table {
  // An array column (a loan's schedule) travels as the text of its literal, cast back per row (batchStatement).
  return { name, rows: 0, columns: Object.entries(spec).map(([col, type]) => ({ name: col, type, quote: type === 'text' || type.endsWith('[]'), body: '' })) };
}

function push(t: Table, ...values: (string | number | null)[]) {
  const separator = t.rows++ === 0 ? '' : ',';
  for (let i = 0; i < values.length; i++) {
    const column = t.columns[i]!;
    const value = values[i];
    let item: string;
    if (value === null || value === undefined) item = 'NULL';
    else if (!column.quote) item = String(value);
    else item = `"${/["\\]/.test(value as string) ? (value as string).replace(/["\\]/g, '\\$&') : value}"`;
    column.body += separator + item;
  }
}

type BatchInput = { start: number; end: number; today: IsoDate; creditors: ServedCreditor[]; nextId: () => string };

/** How long ago generated cases in the signed states were opened: wide enough for cohorts a year old. */
const signedAgeDays: Partial<Record<CaseState, readonly [number, number]>> = { plan_active: [35, 420], breached: [100, 450], completed: [150, 540] };
/** Some cases still open past their window: the escalation review list's share. */
const reviewable: readonly CaseState[] = ['engaged', 'hardship_submitted', 'negotiating'];

function buildBatch(rng: Rng, input: BatchInput): SQL {
  const borrowerRows = table('borrowers', { id: 'uuid', full_name: 'text', resident_id_enc: 'text', resident_id_hash: 'text', resident_id_masked: 'text', phone: 'text', address: 'text', locale: 'text' });
  const loanRows = table('loans', {
    id: 'uuid', creditor_id: 'uuid', borrower_id: 'uuid', contract_no: 'text', product: 'text', principal: 'bigint', annual_rate_ppm: 'integer', term_months: 'integer',
    repayment_method: 'repayment_method', start_date: 'date', first_due_date: 'date', maturity_date: 'date', status: 'loan_status',
    schedule_due_dates: 'date[]', schedule_principal: 'bigint[]', schedule_interest: 'bigint[]', schedule_fees: 'bigint[]',
  });
  const paymentRows = table('payments', { id: 'uuid', loan_id: 'uuid', received_on: 'date', amount: 'bigint', channel: 'text', reference: 'text' });
  const caseRows = table('cases', {
    id: 'uuid', case_no: 'text', creditor_id: 'uuid', borrower_id: 'uuid', loan_id: 'uuid', state: 'case_state', assignee_id: 'uuid',
    dpd_at_open: 'integer', arrears_at_open: 'bigint', opened_at: 'timestamptz', mediation_deadline: 'timestamptz', closed_at: 'timestamptz', engaged_at: 'timestamptz', escalation_review_since: 'timestamptz',
  });
  // The dashboard's facts are written with the cases (the triggers that keep them are off for the load; see planCaseFacts).
  const factRows = table('case_facts', {
    case_id: 'uuid', creditor_id: 'uuid', assignee_id: 'uuid', bucket: 'integer', opened_at: 'timestamptz', engaged_at: 'timestamptz', hardship_at: 'timestamptz', offered_at: 'timestamptz',
    signed_at: 'timestamptz', breached_at: 'timestamptz', completed_at: 'timestamptz', outcome: 'case_outcome_kind', outcome_at: 'timestamptz', concluded_at: 'timestamptz', resolved_at: 'timestamptz',
    staff_contact: 'boolean', restructured: 'bigint', waived: 'bigint', recovered: 'bigint',
  });
  const outcomeRows = table('case_outcomes', {
    id: 'uuid', case_id: 'uuid', outcome: 'case_outcome_kind', amount_recovered: 'bigint', amount_waived: 'bigint', amount_claimed: 'bigint', amount_restructured: 'bigint',
    from_state: 'case_state', to_state: 'case_state', recorded_at: 'timestamptz', superseded_at: 'timestamptz', superseded_reason: 'text',
  });
  const now = new Date(`${input.today}T12:00:00+08:00`);

  for (let i = input.start; i < input.end; i++) {
    const gender = rng.chance(0.52) ? 'male' : 'female';
    const region = randomRegion(rng);
    // Unique by construction: the index picks (birth date, sequence slot) one-to-one — 7919 is prime to 16000 —
    // and slots from 249 up keep clear of the demo's. Births span 1961–2004.
    const birth = addDays('1961-01-01', (i * 7919) % 16_000);
    const residentId = makeResidentId(region.code, birth, sequenceFor(249 + Math.floor(i / 16_000), gender));
    // 170/171 numbers, a one-to-one scramble of the index (48271 is prime to 2·10^8); the demo never uses them.
    const phone = String(17_000_000_000 + ((i * 48_271 + 73_856_093) % 200_000_000));
    const borrowerId = input.nextId();
    const { residentIdEnc, residentIdHash, residentIdMasked } = residentIdColumns(residentId);
    push(borrowerRows, borrowerId, randomName(rng, gender), residentIdEnc, residentIdHash, residentIdMasked, phone, randomAddress(rng, region.prefix), rng.chance(0.03) ? 'en' : 'zh-CN');

    const terms = drawTerms(rng, rng.weighted(productWeights));
    const state = rng.weighted(stateWeights);
    const served = rng.weighted(input.creditors.map((c) => [c, c.share] as const));
    const ageRange = signedAgeDays[state];
    const { loan, case: plan } = planDelinquentLoan(rng, {
      terms, state, bucket: rng.weighted(bucketWeights), today: input.today, windowDays: served.windowDays, settledOnClose: rng.chance(0.4), ageDays: ageRange ? rng.int(...ageRange) : reviewable.includes(state) && rng.chance(0.12) ? served.windowDays + rng.int(1, 20) : undefined,
    });
    const facts = planCaseFacts(rng, { state, plan, payments: loan.payments, now });
    const loanId = input.nextId();
    const contractNo = `GEN-${loan.startDate.slice(0, 4)}-${String(i + 1).padStart(7, '0')}`;
    const schedule = scheduleColumns(loan.schedule);
    push(
      loanRows, loanId, served.creditorId, borrowerId, contractNo, loan.product, loan.principal, loan.annualRatePpm, loan.termMonths, loan.repaymentMethod, loan.startDate, loan.firstDueDate, loan.maturityDate, loan.status,
      `{${schedule.scheduleDueDates.join(',')}}`, `{${schedule.schedulePrincipal.join(',')}}`, `{${schedule.scheduleInterest.join(',')}}`, `{${schedule.scheduleFees.join(',')}}`,
    );
    for (const pay of loan.payments) push(paymentRows, input.nextId(), loanId, pay.receivedOn, pay.amount, pay.channel, `${contractNo}-P${pay.label}`);
    const assignee = state === 'invited' && rng.chance(0.4) ? null : rng.pick(served.mediatorIds);
    const caseId = input.nextId();
    const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
    push(caseRows, caseId, generatedCaseNo(i), served.creditorId, borrowerId, loanId, state, assignee, plan.dpdAtOpen, plan.arrearsAtOpen, iso(plan.openedAt), iso(plan.mediationDeadline), iso(plan.closedAt), iso(facts.engagedAt), iso(facts.escalationReviewSince));
    const current = facts.outcomes.find((o) => !o.supersededAt);
    const resolved = current && ['agreement_signed', 'paid_in_full', 'partial_settlement'].includes(current.outcome) ? current.at : null;
    const earliest = (...dates: (Date | null | undefined)[]) => dates.filter((d): d is Date => Boolean(d)).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    push(factRows, caseId, served.creditorId, assignee, facts.bucket, iso(plan.openedAt), iso(facts.engagedAt), iso(facts.hardshipAt), iso(facts.offeredAt), iso(facts.signedAt), iso(facts.breachedAt), iso(facts.completedAt),
      current?.outcome ?? null, iso(current?.at), iso(earliest(facts.signedAt, current?.at)), iso(earliest(facts.signedAt, resolved)), String(facts.staffContact), facts.restructured, facts.waived, facts.recovered);
    for (const o of facts.outcomes) {
      push(outcomeRows, input.nextId(), caseId, o.outcome, o.recovered ?? null, o.waived ?? null, o.claimed ?? null, o.restructured ?? null, o.from, o.to, iso(o.at), iso(o.supersededAt), o.supersededAt ? 'replaced' : null);
    }
  }
  return batchStatement([borrowerRows, loanRows, paymentRows, caseRows, factRows, outcomeRows]);
}

/**
 * The whole batch as one statement — an `insert … select from unnest($n::type[])`
 * per table, chained as data-modifying CTEs — so PostgreSQL works through it
 * without waiting on Node, which is meanwhile building the next batch. (With
 * one statement per table, Node busy building could not send the next one.)
 * Foreign keys are checked at the end of the statement, so the order of the
 * parts does not matter. The arrays go as ready-made array literals (see
 * Column), built while PostgreSQL works rather than by the driver at send time.
 */
function batchStatement(tables: Table[]): SQL {
  const parts = tables.filter((t) => t.rows > 0).map((t) => {
    const columns = sql.raw(t.columns.map((c) => `"${c.name}"`).join(', '));
    const arrays = sql.join(
      t.columns.map((c) => sql`${`{${c.body}}`}::${sql.raw(c.type.endsWith('[]') ? 'text' : c.type)}[]`),
      sql`, `,
    );
    const values = sql.raw(t.columns.map((c) => (c.type.endsWith('[]') ? `"${c.name}"::${c.type}` : `"${c.name}"`)).join(', '));
    return sql`${sql.identifier(`ins_${t.name}`)} as (insert into ${sql.identifier(t.name)} (${columns}) select ${values} from unnest(${arrays}) as u(${columns}))`;
  });
  return sql`with ${sql.join(parts, sql`, `)} select 1`;
}

