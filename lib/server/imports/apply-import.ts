import 'server-only';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from '@/db/schema';
import { getPool } from '@/db/client';
import { todayIn } from '@/lib/domain/dates';
import type { Locale } from '@/lib/i18n/config';
import { publicUrl } from '@/lib/env';
import { systemCtx, type Ctx } from '../actor';
import { recordAudit } from '../audit';
import { creditorPolicy } from '../creditor-policy';
import { refreshOverdueSinceOfLoans } from '../loans/loan-history';
import { logger } from '../logger';
import { invitationTexts } from '../templates/template-store';
import { batchLockKey } from './import-lock';
import { newInviteCode } from './invite-codes';
import { preparedPrefix, resolvePreparedImports } from './prepared-imports';

/**
 * The import job (lib/server/jobs.ts, `import-apply`), once an admin has confirmed the preview: the staged rows
 * become borrowers (accounts, found again by resident ID), loans (by creditor and contract number) with their
 * schedules (the loan's own array columns: lib/domain/stored-schedule.ts), payments so far (each once, by its
 * reference), a case for every loan that has none, and an invitation queued for each new case, with the batch's
 * audit event (with the file's SHA-256): a failure anywhere leaves nothing of the batch. Set-based SQL from the
 * staging table, so 100,000 rows are a handful of statements. Unchanged rows are skipped, so importing the same
 * file again changes nothing.
 *
 * The statements are one backend's CPU work (PostgreSQL runs a statement in one process), so the rows are applied
 * in two backends at once, each on its own half (by borrower: partFilters), each half's transaction PREPAREd, and
 * only once both are is the decision recorded (the batch imported, its audit event) and both COMMIT PREPARED: two
 * -phase commit, all or nothing as one transaction was. A process that dies between leaves its parts prepared;
 * recovery (prepared-imports.ts) commits them if the decision was recorded and rolls them back if not. A server
 * without prepared transactions (max_prepared_transactions = 0) gets one backend and one transaction.
 */
export type ApplyReport = { status: 'imported' | 'failed' | 'skipped'; imported: number; casesOpened: number; borrowersCreated: number; invitations: number };

const stageNames = ['borrowers', 'loans', 'payments', 'cases', 'invitations'] as const;

let stageStarted = 0;

async function setStage(batchId: string, stage: string) {
  const now = performance.now();
  if (stageStarted) logger.debug({ batchId, ms: Math.round(now - stageStarted) }, 'import stage done');
  stageStarted = now;
  logger.debug({ batchId, stage }, 'import stage');
  // Its own connection: the transaction's work is invisible until it commits, the stage is not.
  await getPool()
    .query('update import_batches set stage = $2, updated_at = now() where id = $1', [batchId, stage])
    .catch(() => undefined);
}

/**
 * How a batch's staged rows are shared between the backends that apply them: by the borrower's lookup hash (hex),
 * in ranges of its first digit, so that a person's borrower row, loans, payments, cases and invitations are all in
 * one part and two parts never write the same row. Each is a condition on the staged row `r` (ANALYZE's histogram
 * of the column gives the planner each part's true size). One part: no condition.
 */
export function partFilters(parts: number): string[] {
  if (parts <= 1) return [''];
  const bounds = Array.from({ length: parts - 1 }, (_, i) => Math.round((16 * (i + 1)) / parts).toString(16));
  return Array.from({ length: parts }, (_, i) =>
    [i > 0 ? `r.resident_id_hash >= '${bounds[i - 1]}'` : '', i < parts - 1 ? `r.resident_id_hash < '${bounds[i]}'` : '']
      .filter(Boolean)
      .map((condition) => ` and ${condition}`)
      .join(''),
  );
}

type Batch = { creditor_id: string; status: string; sha256: string; filename: string; confirmed_by: string | null; policy: unknown; name: string; name_en: string };
type PartReport = Pick<ApplyReport, 'casesOpened' | 'borrowersCreated' | 'invitations'>;

/** A prepared part's name: the batch it belongs to is read back from it by recovery (prepared-imports.ts). */
export const preparedPartName = (batchId: string, part: number) => `${preparedPrefix}${batchId}:${part}`;

/**
 * The batch's statements on the staged rows of one part (`mine`, a condition on the staged row r: partFilters), in
 * the caller's transaction.
 */
async function applyPart(client: pg.PoolClient, input: { batchId: string; batch: Batch; now: Date; mine: string; stages: boolean }): Promise<PartReport> {
  const { batchId, batch, now, mine } = input;
  const stage = (name: string) => (input.stages ? setStage(batchId, name) : Promise.resolve());
  const part: PartReport = { casesOpened: 0, borrowersCreated: 0, invitations: 0 };
  const c = batch.creditor_id;
  // The dashboard's case facts are refreshed once for the batch's cases at the end, not row by row (migration 0017_case_facts_bulk).
  await client.query(`set local concord.defer_case_facts = 'on'`);
  const where = `where r.batch_id = $1 and r.action <> 'unchanged'${mine}`;
  const rowsOf = `from import_rows r ${where}`;
  // Room to sort and hash a batch of 100,000 rows in memory rather than on disk.
  await client.query(`set local work_mem = '64MB'`);

  await stage(stageNames[0]);
  const borrowers = await client.query<{ inserted: boolean }>(
    `insert into borrowers (full_name, resident_id_enc, resident_id_hash, resident_id_masked, phone, address, locale)
     select distinct on (r.resident_id_hash) r.full_name, r.resident_id_enc, r.resident_id_hash, r.resident_id_masked, r.phone, r.address, r.locale ${rowsOf}
     order by r.resident_id_hash, r.line desc
     on conflict (resident_id_hash) do update set full_name = excluded.full_name, phone = excluded.phone, address = excluded.address
       where (borrowers.full_name, borrowers.phone, coalesce(borrowers.address, '')) is distinct from (excluded.full_name, excluded.phone, coalesce(excluded.address, ''))
     returning (xmax = 0) as inserted`,
    [batchId],
  );
  part.borrowersCreated = borrowers.rows.filter((r) => r.inserted).length;

  await stage(stageNames[1]);
  await client.query(
    `insert into loans (creditor_id, borrower_id, contract_no, product, principal, annual_rate_ppm, term_months, repayment_method, start_date, first_due_date, maturity_date, status, import_batch_id, import_hash,
                        schedule_due_dates, schedule_principal, schedule_interest, schedule_fees)
     select $2, b.id, r.contract_no, r.product, r.principal, r.annual_rate_ppm, r.term_months, r.repayment_method::repayment_method, r.start_date, r.first_due_date, r.maturity_date, 'delinquent', $1, r.row_hash,
            r.due_dates, r.principal_due, r.interest_due, array_fill(0::bigint, array[cardinality(r.due_dates)])
     from import_rows r join borrowers b on b.resident_id_hash = r.resident_id_hash ${where}
     on conflict (creditor_id, contract_no) do update set product = excluded.product, principal = excluded.principal, annual_rate_ppm = excluded.annual_rate_ppm,
       term_months = excluded.term_months, repayment_method = excluded.repayment_method, start_date = excluded.start_date, first_due_date = excluded.first_due_date,
       maturity_date = excluded.maturity_date, import_batch_id = excluded.import_batch_id, import_hash = excluded.import_hash,
       -- The file's schedule (a file has no fees: a schedule it leaves as it was keeps its own).
       schedule_due_dates = excluded.schedule_due_dates, schedule_principal = excluded.schedule_principal, schedule_interest = excluded.schedule_interest,
       schedule_fees = case when (loans.schedule_due_dates, loans.schedule_principal, loans.schedule_interest) = (excluded.schedule_due_dates, excluded.schedule_principal, excluded.schedule_interest)
                            then loans.schedule_fees else excluded.schedule_fees end`,
    [batchId, c],
  );
  const loanOf = `join loans l on l.creditor_id = $2 and l.contract_no = r.contract_no`;

  await stage(stageNames[2]);
  await client.query(
    // Payments so far, from the creditor's file: source 'import', recorded by the admin who confirmed the batch.
    `insert into payments (loan_id, received_on, amount, channel, reference, source, recorded_by_id)
     select l.id, p.received_on, p.amount, 'portfolio_import', p.reference, 'import', $3::uuid from import_rows r ${loanOf}
     cross join lateral unnest(r.payment_dates, r.payment_amounts, r.payment_refs) as p(received_on, amount, reference)
     ${where}
     on conflict (reference) do nothing`,
    [batchId, c, batch.confirmed_by],
  );

  await stage(stageNames[3]);
  const windowDays = creditorPolicy(batch.policy).mediationWindowDays;
  const deadline = new Date(now.getTime() + windowDays * 86_400_000);
  const prefix = casePrefix(batchId);
  // A case for every loan of the batch that has none. An invitation code already taken (about once in 10^9) is
  // skipped by ON CONFLICT and drawn again below.
  //
  // Each a fresh 'invited' case with no facts: the queue's next action is the first contact, due at its opening, and
  // it is overdue since its first unpaid day — what the cases' insert trigger would compute (migration 0030, which
  // lets the batch skip it; the import's test compares the two), written here for 100,000 cases at once.
  await client.query(`set local concord.case_next_action_given = 'on'`);
  // The loans that need a case, counted in the same statement as the insert: only when some were skipped (a code
  // taken) is the batch looked over again for them.
  const openCases = async (onlyLines?: number[]) => {
    const { rows: counted } = await client.query<{ candidates: number; opened: number }>(
      `with candidates as materialized (
         select $3 || lpad(r.line::text, 6, '0') as case_no, l.borrower_id, l.id as loan_id, r.dpd, r.arrears, r.invite_code
         from import_rows r ${loanOf}
         ${where} and not exists (select 1 from cases k where k.loan_id = l.id) ${onlyLines ? 'and r.line = any($6::int[])' : ''}
       ), opened as (
         insert into cases (case_no, creditor_id, borrower_id, loan_id, state, dpd_at_open, arrears_at_open, opened_at, mediation_deadline, invite_code,
                            overdue_since, next_action, next_action_at, priority)
         select case_no, $2, borrower_id, loan_id, 'invited', dpd, arrears, $4, $5, invite_code,
                ($4::timestamptz at time zone 'Asia/Shanghai')::date - dpd, 'first_contact', $4, 1
         from candidates
         on conflict (invite_code) do nothing returning 1
       )
       select (select count(*)::int from candidates) as candidates, (select count(*)::int from opened) as opened`,
      [batchId, c, prefix, now, deadline, ...(onlyLines ? [onlyLines] : [])],
    );
    return counted[0]!;
  };
  let opened = await openCases();
  part.casesOpened = opened.opened;
  for (let attempt = 0; attempt < 5 && opened.opened < opened.candidates; attempt++) {
    const { rows: missing } = await client.query<{ line: number }>(`select r.line from import_rows r ${loanOf} ${where} and not exists (select 1 from cases k where k.loan_id = l.id)`, [batchId, c]);
    for (const { line } of missing) await client.query('update import_rows set invite_code = $3 where batch_id = $1 and line = $2', [batchId, line, newInviteCode()]);
    opened = await openCases(missing.map((m) => m.line));
    part.casesOpened += opened.opened;
  }

  await client.query(`set local concord.case_next_action_given = 'off'`);

  await stage(stageNames[4]);
  part.invitations = await queueInvitations(client, { batchId, creditorId: c, creditorName: { 'zh-CN': batch.name, en: batch.name_en }, prefix, now, mine });

  const factsStarted = performance.now();
  // The dashboard facts of the cases the batch opened, from what is known of a case opened a moment ago: no
  // hardship statement, offer, agreement, outcome or staff contact can be of it yet; what it recovered is the
  // payments received since its opening. The same as case_facts_source (migration 0014) gives for it, which the
  // import's test compares, without the view's nine look-ups a case. The other cases of the batch's loans (whose
  // payments a re-import may have added to) are refreshed from the view.
  const openedNow = `k.case_no = $3 || lpad(r.line::text, 6, '0')`;
  await client.query(
    `insert into case_facts (case_id, creditor_id, assignee_id, bucket, opened_at, engaged_at, recovered)
     select k.id, k.creditor_id, k.assignee_id,
            case when k.dpd_at_open <= 0 then 0 when k.dpd_at_open <= 30 then 1 when k.dpd_at_open <= 60 then 2 when k.dpd_at_open <= 90 then 3 else 4 end,
            k.opened_at, k.engaged_at,
            greatest(coalesce((select sum(p.amount) from payments p where p.loan_id = k.loan_id and p.received_on >= (k.opened_at at time zone 'Asia/Shanghai')::date
                                 and not exists (select 1 from payment_reversals x where x.payment_id = p.id)), 0), 0)::bigint
     from import_rows r ${loanOf} join cases k on k.loan_id = l.id and ${openedNow}
     ${where}`,
    [batchId, c, prefix],
  );
  await client.query(`select refresh_case_facts_of(array(select k.id from import_rows r ${loanOf} join cases k on k.loan_id = l.id and not (${openedNow}) ${where}))`, [batchId, c, prefix]);
  // Those cases' days past due, where the batch changed their loans' payments or terms, from the loans as it left them
  // (the queue's figure and the case file's are one: loan-history.ts), each as of its borrower's own day.
  const { rows: reimported } = await client.query<{ loan_id: string }>(
    `select distinct l.id as loan_id from import_rows r ${loanOf} join cases k on k.loan_id = l.id and not (${openedNow})
     ${where} and (r.terms_changed or r.changes @> '[{"field": "payments"}]')`,
    [batchId, c, prefix],
  );
  if (reimported.length) {
    await refreshOverdueSinceOfLoans(
      drizzle(client, { schema }),
      reimported.map((r) => r.loan_id),
      (history) => todayIn(history.timezone, now),
    );
  }
  logger.debug({ batchId, ms: Math.round(performance.now() - factsStarted) }, 'import case facts refreshed');
  await client.query(`set local concord.defer_case_facts = 'off'`);
  return part;
}

const casePrefix = (batchId: string) => `CASE-${batchId.slice(0, 8).toUpperCase()}-`;

export type ApplyOptions = {
  now?: Date;
  /** Each server process the apply uses, for whoever must end them if this process dies first (import-process.ts). */
  onBackend?: (pid: number) => void;
  /**
   * Backends that apply the batch at once, each on its own part of the rows (partFilters), joined by two-phase
   * commit. Default: 2 where the server allows prepared transactions (max_prepared_transactions), else 1.
   */
  parts?: number;
  /** Called once every part is prepared, and once the decision is recorded (the tests of a process killed there). */
  onPhase?: (phase: 'prepared' | 'decided') => Promise<void> | void;
  /** How long a part waits for a lock before the halves are taken to have met on a key (tests make it short). */
  lockTimeoutMs?: number;
};

const backendPid = async (client: pg.PoolClient) => (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;

/** Whether the server can hold `parts` prepared transactions for an apply (max_prepared_transactions is 0 by default). */
async function preparedTransactionsAllowed(client: pg.PoolClient, parts: number): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>(`select current_setting('max_prepared_transactions')::int as n`);
  return rows[0]!.n >= parts;
}

export async function applyImport(batchId: string, options: ApplyOptions = {}): Promise<ApplyReport> {
  const now = options.now ?? new Date();
  const pool = getPool();
  const coordinator = await pool.connect();
  const backends: pg.PoolClient[] = [];
  const report: ApplyReport = { status: 'skipped', imported: 0, casesOpened: 0, borrowersCreated: 0, invitations: 0 };
  const prepared: string[] = [];
  let locked = false;
  let decided = false;
  const lockKey = batchLockKey(batchId);
  try {
    options.onBackend?.(await backendPid(coordinator));
    // The batch's advisory lock, held by this session through the whole apply (its parts' transactions, the
    // decision, the commits): not a row lock, as the stage is written to the batch's row from another connection
    // meanwhile (setStage), and not a transaction's, as the apply is more than one transaction.
    locked = (await coordinator.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [lockKey])).rows[0]!.ok;
    if (!locked) return report;
    // Parts a process that died mid-apply left prepared: this batch's, and any other's that is not being applied now.
    await resolvePreparedImports(coordinator, batchId);
    const { rows } = await coordinator.query<Batch>(
      `select b.creditor_id, b.status, b.sha256, b.filename, b.confirmed_by, c.policy, c.name, c.name_en from import_batches b join creditors c on c.id = b.creditor_id where b.id = $1`,
      [batchId],
    );
    const batch = rows[0];
    if (!batch || batch.status !== 'importing') return report;
    // The staging as it is now: the planner otherwise takes a batch for a few hundred rows and nests its joins. Before
    // the transactions, so that the lock ANALYZE takes is not held through them (two batches' applies would queue on it).
    await coordinator.query('analyze import_rows');
    // Each part a connection of the pool, beside this one and the stage's writes: a pool too small for that gets one part.
    const wanted = Math.min(Math.max(1, options.parts ?? 2), (pool.options.max ?? 10) - 2);
    const parts = wanted > 1 && (await preparedTransactionsAllowed(coordinator, wanted)) ? wanted : 1;
    logger.debug({ batchId, parts }, 'import apply');
    const add = (part: PartReport) => {
      report.casesOpened += part.casesOpened;
      report.borrowersCreated += part.borrowersCreated;
      report.invitations += part.invitations;
    };

    const applyInParts = async () => {
      // Two (or more) backends at once, each on its own part, each prepared (PREPARE TRANSACTION: written to disk,
      // its locks held, neither committed nor lost) before anything is committed.
      const filters = partFilters(parts);
      for (let i = 0; i < parts; i++) backends.push(await pool.connect());
      const pids = await Promise.all(backends.map(backendPid));
      pids.forEach((pid) => options.onBackend?.(pid));
      const settled = await Promise.allSettled(
        backends.map(async (client, i) => {
          try {
            await client.query('begin');
            // Two parts can still meet on a unique key (two rows' random invitation codes alike), where one would wait
            // for the other's prepared transaction, which waits for it: it gives up instead (and the batch is applied
            // again in one backend, below).
            await client.query(`set local lock_timeout = ${Math.round(options.lockTimeoutMs ?? 10_000)}`);
            const part = await applyPart(client, { batchId, batch, now, mine: filters[i]!, stages: i === 0 });
            await client.query(`prepare transaction ${client.escapeLiteral(preparedPartName(batchId, i))}`);
            prepared.push(preparedPartName(batchId, i));
            return part;
          } catch (error) {
            await client.query('rollback').catch(() => undefined);
            // The other parts need not run on: their statements in hand are cancelled (a prepared one waits for the rollback below).
            await Promise.all(pids.filter((_, j) => j !== i).map((pid) => pool.query('select pg_cancel_backend($1)', [pid]).catch(() => undefined)));
            throw error;
          }
        }),
      );
      // A lock wait given up or a deadlock among the failures (the other parts were cancelled because of the first) means
      // the halves met; else the first failure is the batch's.
      const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as { code?: string }] : []));
      if (failures.length) throw failures.find((f) => f.code === '55P03' || f.code === '40P01') ?? failures[0];
      for (const s of settled) if (s.status === 'fulfilled') add(s.value);
      await options.onPhase?.('prepared');
      // The decision, committed on its own: from here on the batch is imported, whatever happens to this process
      // (recovery commits what it prepared: prepared-imports.ts). The batch's audit event is in it.
      await coordinator.query('begin');
      await recordDecision(coordinator, batchId, batch, report, now);
      await coordinator.query('commit');
      decided = true;
      await options.onPhase?.('decided');
      for (const name of [...prepared]) {
        await coordinator.query(`commit prepared ${coordinator.escapeLiteral(name)}`);
        prepared.splice(prepared.indexOf(name), 1);
      }
    };

    if (parts > 1) {
      try {
        await applyInParts();
        report.status = 'imported';
        return report;
      } catch (error) {
        // Two halves that met on a unique key (two rows' random invitation codes alike, about once in 10^5 batches of
        // 100,000: inside one backend ON CONFLICT draws again, across two each waits for the other) gave up on their
        // lock_timeout, or PostgreSQL found them deadlocked: the halves are rolled back and the batch applied again in
        // one backend. Anything else fails the batch.
        const code = (error as { code?: string }).code;
        if (decided || (code !== '55P03' && code !== '40P01')) throw error;
        for (const name of prepared.splice(0)) await coordinator.query(`rollback prepared ${coordinator.escapeLiteral(name)}`);
        Object.assign(report, { casesOpened: 0, borrowersCreated: 0, invitations: 0 });
        logger.warn({ batchId, code }, 'import halves met on a key: applied in one backend');
      }
    }
    // One backend: the statements and the decision in one transaction.
    await coordinator.query('begin');
    add(await applyPart(coordinator, { batchId, batch, now, mine: '', stages: true }));
    await recordDecision(coordinator, batchId, batch, report, now);
    await coordinator.query('commit');
    report.status = 'imported';
    return report;
  } catch (error) {
    await coordinator.query('rollback').catch(() => undefined);
    if (decided) {
      // Imported: the parts still prepared are committed by recovery (here once more, or at the next apply or worker start).
      logger.error({ batchId, err: { name: (error as Error).name, message: (error as Error).message } }, 'import decided but not all its parts committed yet');
      await resolvePreparedImports(coordinator, batchId).catch(() => undefined);
      report.status = 'imported';
      return report;
    }
    for (const name of prepared) await coordinator.query(`rollback prepared ${coordinator.escapeLiteral(name)}`).catch(() => undefined);
    logger.error({ batchId, err: { name: (error as Error).name, message: (error as Error).message } }, 'import failed; nothing of it was written');
    await pool.query(`update import_batches set status = 'failed', stage = null, problem = $2, updated_at = now() where id = $1 and status = 'importing'`, [batchId, JSON.stringify({ key: 'applyFailed' })]);
    return { status: 'failed', imported: 0, casesOpened: 0, borrowersCreated: 0, invitations: 0 };
  } finally {
    for (const client of backends) client.release();
    if (locked) await coordinator.query('select pg_advisory_unlock($1)', [lockKey]).catch(() => undefined);
    coordinator.release();
  }
}

/** The batch's outcome and its audit event (with the file's SHA-256), in the caller's transaction. */
async function recordDecision(client: pg.PoolClient, batchId: string, batch: Batch, report: ApplyReport, now: Date) {
  const { rows: counted } = await client.query<{ n: number }>(`select count(*)::int as n from import_rows r where r.batch_id = $1 and r.action <> 'unchanged'`, [batchId]);
  report.imported = counted[0]!.n;
  await client.query(
    `update import_batches set status = 'imported', stage = null, problem = null, rows_imported = $2, cases_opened = $3, borrowers_created = $4, invitations_queued = $5, finished_at = $6, updated_at = now() where id = $1`,
    [batchId, report.imported, report.casesOpened, report.borrowersCreated, report.invitations, now],
  );
  const ctx: Ctx = batch.confirmed_by ? { actor: { type: 'staff', id: batch.confirmed_by, role: 'admin', creditorId: null }, meta: {} } : systemCtx;
  await recordAudit(drizzle(client, { schema }), ctx, {
    action: 'import.applied',
    entityType: 'import_batch',
    entityId: batchId,
    data: { sha256: batch.sha256, filename: batch.filename, creditorId: batch.creditor_id, rows: report.imported, casesOpened: report.casesOpened, borrowersCreated: report.borrowersCreated, invitations: report.invitations },
  });
}

/**
 * An invitation for every case the batch opened, by SMS or by letter as the row asked, in the borrower's
 * language, from the creditor's own template (or the default): the short case code and the portal's address,
 * never an amount. Queued in the outbox as messages the contact rules govern, so the dispatcher sends each at
 * an allowed moment (ADR 0015).
 */
async function queueInvitations(client: pg.PoolClient, input: { batchId: string; creditorId: string; creditorName: Record<Locale, string>; prefix: string; now: Date; mine: string }): Promise<number> {
  const texts = await invitationTexts(drizzle(client, { schema }), input.creditorId);
  // One statement for every channel and language (each row picks its own template from the table t), so the
  // batch's rows, loans, cases and borrowers are joined once rather than once per channel and language.
  const templates = (['sms', 'letter'] as const).flatMap((channel) =>
    (Object.keys(texts) as Locale[]).map((locale) => {
      const { subject, body } = texts[locale][channel === 'sms' ? 'invitationSms' : 'invitationLetter'];
      return { channel, locale, template: channel === 'sms' ? 'invitationSms' : 'invitationLetter', subject, body, creditor: input.creditorName[locale] };
    }),
  );
  const params: unknown[] = [input.batchId, input.creditorId, input.now, input.prefix, publicUrl('/check')];
  const values = templates
    .map((t) => {
      const at = params.push(t.channel, t.locale, t.template, t.subject, t.body, t.creditor) - 5;
      return `($${at}::text, $${at + 1}::text, $${at + 2}::text, $${at + 3}::text, $${at + 4}::text, $${at + 5}::text)`;
    })
    .join(', ');
  // Placeholders filled in SQL from the row's own code and name: {creditor}, {url}, {code}, {name}.
  const fill = (template: string) => `replace(replace(replace(replace(${template}, '{creditor}', t.creditor), '{url}', $5::text), '{code}', substr(k.invite_code, 1, 5) || '-' || substr(k.invite_code, 6)), '{name}', b.full_name)`;
  const { rowCount } = await client.query(
    `with t (channel, locale, template, subject, body, creditor) as (values ${values}),
     queued as (
       insert into notifications (channel, recipient_type, recipient_id, to_address, template, locale, subject, body, case_id, creditor_id, governed, scheduled_at)
       select t.channel::channel, 'borrower', b.id, case when t.channel = 'sms' then b.phone else b.full_name || ' ' || coalesce(b.address, '') end,
              t.template, t.locale, ${fill('t.subject')}, ${fill('t.body')}, k.id, $2, true, $3
       from import_rows r join loans l on l.creditor_id = $2 and l.contract_no = r.contract_no
       join cases k on k.loan_id = l.id and k.case_no = $4 || lpad(r.line::text, 6, '0')
       join borrowers b on b.id = l.borrower_id
       -- One key of the row's channel and its borrower's language: the template is joined once the borrower is
       -- (joined by channel first, each row went through the cases, loans and borrowers twice, once per language).
       join t on t.channel || '/' || t.locale = r.invite_channel || '/' || (case when b.locale = 'en' then 'en' else 'zh-CN' end)
       where r.batch_id = $1 and r.action <> 'unchanged'${input.mine}
         and not exists (select 1 from invitations i where i.case_id = k.id and i.channel = r.invite_channel)
       returning id, case_id, channel)
     insert into invitations (case_id, channel, notification_id, batch_id) select case_id, channel::text, id, $1 from queued`,
    params,
  );
  return rowCount ?? 0;
}

