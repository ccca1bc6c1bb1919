import 'server-only';
import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { getPool } from '@/db/client';
import type { ImportChange } from '@/db/schema';
import { todayIn } from '@/lib/domain/dates';
import { lineOf, mapHeader, type PortfolioColumn } from '@/lib/domain/portfolio-columns';
import type { RowProblem } from '@/lib/domain/portfolio-row';
import type { EncodingChoice } from '@/lib/domain/text-file';
import { encryptField } from '../crypto';
import { logger } from '../logger';
import { copyLine } from './copy-text';
import { csvRecords, fileChunks, importLimits, readingProblem, sniffFile, type FileProblem } from './import-file';
import { batchLockKey } from './import-lock';
import { defaultCheckerThreads, rowCheckers } from './row-checkers';
import { paymentOfRef, type CheckedRow, type RowRecord, type RowResult } from './row-checks';

/**
 * The validation job (lib/server/jobs.ts, `import-validate`): reads the uploaded file as a stream, checks every
 * row with the domain's rules and against the other rows and the loans already there, and stages what would be
 * written (import_rows, by COPY) and what is wrong (import_row_errors, each problem with its column). Nothing
 * outside the batch's own staging is written: that is the preview. Progress (rows read, valid, invalid) is
 * written as it goes, so the page can show it and a reload finds it. Runs once per batch at a time (an advisory
 * lock); run again, it starts over.
 */
const BATCH_ROWS = 1000;
/** Batches checked ahead of the one the database works on, per checker thread: enough to keep them busy, few enough to bound memory. */
const AHEAD_PER_THREAD = 2;
/** Below this size (about 10,000 rows) the rows are checked in the job's own thread: starting the threads costs more than they save. */
const THREADS_FROM_BYTES = 2 * 1024 * 1024;

type Existing = {
  contract_no: string;
  import_hash: string | null;
  resident_id_hash: string;
  full_name: string;
  phone: string;
  address: string | null;
  signed_in: boolean;
  product: string;
  principal: string;
  annual_rate_ppm: number;
  term_months: number;
  repayment_method: string;
  start_date: string;
  first_due_date: string;
  schedule: string[] | null;
  refs: string[];
  negotiated: boolean;
};

export type ValidationReport = { status: 'previewed' | 'refused' | 'skipped'; read: number; valid: number; invalid: number };

export type ValidateOptions = {
  now?: Date;
  onBackend?: (pid: number) => void;
  /** Worker threads for the per-row checks (row-checkers.ts): 0 checks in this thread. Default: one per core, at most 2, for a file of 2 MB or more. */
  threads?: number;
  /** Rows per batch (tests make it small to put rows that refer to each other in different batches). */
  batchRows?: number;
};

const yuan = (fen: number) => (fen / 100).toFixed(2);
/** A re-import that adds payments lists this many of them in the preview. */
const shownAddedPayments = 5;

function diff(row: CheckedRow, existing: Existing | undefined, borrower: { full_name: string; phone: string; address: string | null } | undefined) {
  const changes: ImportChange[] = [];
  const person = existing ?? borrower;
  if (person) {
    if (person.full_name !== row.name) changes.push({ field: 'name', from: person.full_name, to: row.name });
    if (person.phone !== row.mobile) changes.push({ field: 'mobile', from: person.phone, to: row.mobile });
    if ((person.address ?? '') !== (row.address ?? '')) changes.push({ field: 'address', from: person.address ?? '', to: row.address ?? '' });
  }
  let termsChanged = false;
  if (existing) {
    const term = (field: PortfolioColumn, from: string, to: string) => {
      if (from !== to) {
        changes.push({ field, from, to });
        termsChanged = true;
      }
    };
    if (existing.product !== row.product) changes.push({ field: 'product', from: existing.product, to: row.product });
    term('principal', yuan(Number(existing.principal)), yuan(row.principal));
    term('annualRate', `${existing.annual_rate_ppm / 10_000}%`, `${row.annualRatePpm / 10_000}%`);
    term('repaymentMethod', existing.repayment_method, row.repaymentMethod);
    term('startDate', existing.start_date, row.startDate);
    term('termMonths', String(existing.term_months), String(row.termMonths));
    term('firstDueDate', existing.first_due_date, row.firstDueDate);
    if (!termsChanged && (existing.schedule ?? []).join(';') !== row.schedule) {
      changes.push({ field: 'schedule', from: String(existing.schedule?.length ?? 0), to: String(row.scheduleLength) });
      termsChanged = true;
    }
  }
  return { changes, termsChanged };
}

async function setProgress(db: pg.ClientBase, batchId: string, fields: Record<string, unknown>) {
  const names = Object.keys(fields);
  await db.query(`update import_batches set ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')}, updated_at = now() where id = $1`, [batchId, ...names.map((n) => (n === 'problem' && fields[n] !== null ? JSON.stringify(fields[n]) : fields[n]))]);
}

export async function validateImport(batchId: string, options: ValidateOptions = {}): Promise<ValidationReport> {
  const now = options.now ?? new Date();
  const batchRows = options.batchRows ?? BATCH_ROWS;
  const pool = getPool();
  const writer = await pool.connect();
  // The server process that holds the batch's lock, for whoever must end it if this process dies first (import-process.ts).
  if (options.onBackend) options.onBackend((await writer.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid);
  const reader = await pool.connect();
  let locked = false;
  let checkers: ReturnType<typeof rowCheckers> | null = null;
  const report: ValidationReport = { status: 'skipped', read: 0, valid: 0, invalid: 0 };
  try {
    locked = (await writer.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [batchLockKey(batchId)])).rows[0]!.ok;
    if (!locked) return report;
    const { rows: batches } = await reader.query<{ creditor_id: string; encoding_choice: EncodingChoice; status: string; timezone: string; size: number }>(
      `select b.creditor_id, b.encoding_choice, b.status, b.size, c.timezone from import_batches b join creditors c on c.id = b.creditor_id where b.id = $1`,
      [batchId],
    );
    const batch = batches[0];
    if (!batch || (batch.status !== 'uploaded' && batch.status !== 'validating')) return report;
    await reader.query('delete from import_rows where batch_id = $1', [batchId]);
    await reader.query('delete from import_row_errors where batch_id = $1', [batchId]);
    await setProgress(reader, batchId, { status: 'validating', stage: 'reading', problem: null, rows_read: 0, rows_valid: 0, rows_invalid: 0, rows_new: 0, rows_updated: 0, rows_unchanged: 0 });

    const refuse = async (problem: FileProblem, encoding?: string) => {
      await setProgress(reader, batchId, { status: 'refused', stage: null, problem, ...(encoding ? { encoding } : {}), validated_at: new Date() });
      report.status = 'refused';
      return report;
    };
    const first = (await reader.query<{ bytes: Buffer }>('select substring(bytes from 1 for 65536) as bytes from import_file_chunks where batch_id = $1 and seq = 0', [batchId])).rows[0];
    const sniffed = sniffFile(first?.bytes ?? Buffer.alloc(0), batch.encoding_choice);
    if (!sniffed.ok) return await refuse(sniffed.problem);
    await setProgress(reader, batchId, { encoding: sniffed.encoding });

    // Started now: the threads load their code while the file's first chunk is read.
    checkers = rowCheckers(options.threads ?? (batch.size >= THREADS_FROM_BYTES ? defaultCheckerThreads() : 0));
    const today = todayIn(batch.timezone, now);
    const creditorId = batch.creditor_id;
    const contracts = new Map<string, number>();
    const people = new Map<string, { line: number; name: string; phone: string }>();
    const phones = new Map<string, { line: number; idHash: string }>();
    const counts = { new: 0, update: 0, unchanged: 0 };

    const copy = writer.query(
      copyFrom(
        `copy import_rows (batch_id, line, action, terms_changed, changes, row_hash, contract_no, full_name, resident_id_enc, resident_id_hash, resident_id_masked, phone, address, locale, product, principal, annual_rate_ppm, term_months, repayment_method, start_date, first_due_date, maturity_date, due_dates, principal_due, interest_due, payment_dates, payment_amounts, payment_refs, dpd, arrears, invite_channel, invite_code) from stdin`,
      ),
    );
    const copyDone = once(copy, 'finish');
    copyDone.catch(() => undefined);
    // A batch's rows go to COPY as one write: pg-copy-streams sends every write to the socket as it comes.
    const write = async (lines: string) => {
      if (lines && !copy.write(lines)) await once(copy, 'drain');
    };

    // Each staged row's cells, until its database checks pass: a row they refuse goes to the error report as written.
    const stagedRaw = new Map<number, string[]>();
    type Errors = { line: number; problems: RowProblem[]; raw: string[] }[];
    const flushErrors = async (errors: Errors) => {
      if (!errors.length) return;
      const lines = errors.map((e) => e.line);
      const problems = errors.map((e) => JSON.stringify(e.problems));
      const raws = errors.map((e) => encryptField(JSON.stringify(e.raw)));
      await reader.query('insert into import_row_errors (batch_id, line, problems, raw_enc) select $1, * from unnest($2::int[], $3::jsonb[], $4::text[])', [batchId, lines, problems, raws]);
    };

    // A batch in three steps: the checks of each row alone (row-checks.ts, in the checker threads, several batches
    // at once); its checks against the file's earlier rows (in file order, here, where the maps of what the file has
    // said so far are kept); then its checks against the database and its staging (round trips). The main loop
    // pipelines them: the threads check the next batches while this one is with the database (see `dispatch` below).
    const crossCheck = (records: RowRecord[], results: RowResult[]) => {
      const staged: CheckedRow[] = [];
      const errors: Errors = [];
      results.forEach((result, i) => {
        const { line, cells } = records[i]!;
        if (!result.ok) {
          errors.push({ line, problems: result.problems, raw: cells });
          return;
        }
        const row = result.row;
        const idHash = row.idHash;
        const problems: RowProblem[] = [];
        const twin = contracts.get(row.contractNo);
        if (twin) problems.push({ column: 'contractNo', key: 'duplicateContract', params: { line: twin } });
        const person = people.get(idHash);
        if (person && person.name !== row.name) problems.push({ column: 'name', key: 'sameIdOtherName', params: { line: person.line } });
        if (person && person.phone !== row.mobile) problems.push({ column: 'mobile', key: 'sameIdOtherMobile', params: { line: person.line } });
        const holder = phones.get(row.mobile);
        if (holder && holder.idHash !== idHash) problems.push({ column: 'mobile', key: 'mobileOfAnother', params: { line: holder.line } });
        if (problems.length) {
          errors.push({ line, problems, raw: cells });
          return;
        }
        contracts.set(row.contractNo, line);
        people.set(idHash, { line, name: row.name, phone: row.mobile });
        phones.set(row.mobile, { line, idHash });
        staged.push(row);
        stagedRaw.set(line, cells);
      });
      return { records, staged, errors };
    };
    const stageBatch = async ({ records, staged, errors }: ReturnType<typeof crossCheck>) => {
      if (staged.length) {
        // One after another: the queries share the reader's connection (pg runs a client's queries one at a time anyway).
        const existingLoans = await reader.query<Existing>(
          `select l.contract_no, l.import_hash, b.resident_id_hash, b.full_name, b.phone, b.address, b.last_login_at is not null as signed_in,
                  l.product, l.principal, l.annual_rate_ppm, l.term_months, l.repayment_method, l.start_date::text, l.first_due_date::text,
                  (select array_agg(s.due::text || ':' || s.principal || ':' || s.interest order by s.seq)
                     from unnest(l.schedule_due_dates, l.schedule_principal, l.schedule_interest) with ordinality as s(due, principal, interest, seq)) as schedule,
                  coalesce((select array_agg(p.reference) from payments p where p.loan_id = l.id and p.reference like 'imp:%'), '{}') as refs,
                  exists (select 1 from offers o join cases c on c.id = o.case_id where c.loan_id = l.id) as negotiated
             from loans l join borrowers b on b.id = l.borrower_id where l.creditor_id = $1 and l.contract_no = any($2::text[])`,
          [creditorId, staged.map((s) => s.contractNo)],
        );
        const byId = await reader.query<{ resident_id_hash: string; full_name: string; phone: string; address: string | null; signed_in: boolean }>(
          'select resident_id_hash, full_name, phone, address, last_login_at is not null as signed_in from borrowers where resident_id_hash = any($1::text[])',
          [staged.map((s) => s.idHash)],
        );
        const byPhone = await reader.query<{ phone: string; resident_id_hash: string }>('select phone, resident_id_hash from borrowers where phone = any($1::text[])', [staged.map((s) => s.mobile)]);
        const loanOf = new Map(existingLoans.rows.map((r) => [r.contract_no, r]));
        const borrowerOf = new Map(byId.rows.map((r) => [r.resident_id_hash, r]));
        const phoneOwner = new Map(byPhone.rows.map((r) => [r.phone, r.resident_id_hash]));
        let lines = '';
        for (const row of staged) {
          const { line } = row;
          const existing = loanOf.get(row.contractNo);
          const borrower = borrowerOf.get(row.idHash);
          const problems: RowProblem[] = [];
          if (existing && existing.resident_id_hash !== row.idHash) problems.push({ column: 'residentId', key: 'contractOfAnother' });
          const owner = phoneOwner.get(row.mobile);
          if (owner && owner !== row.idHash) problems.push({ column: 'mobile', key: 'mobileTaken' });
          if (borrower?.signed_in && borrower.phone !== row.mobile) problems.push({ column: 'mobile', key: 'mobileOwnedByBorrower' });
          const { changes, termsChanged } = diff(row, existing, borrower);
          if (existing && termsChanged && existing.negotiated) problems.push({ column: 'row', key: 'termsLocked' });
          if (existing) {
            const kept = new Set(row.refs);
            const removed = existing.refs.find((ref) => !kept.has(ref));
            if (removed) {
              const { date, amountFen } = paymentOfRef(removed);
              problems.push({ column: 'payments', key: 'paymentRemoved', params: { date, amount: yuan(amountFen) } });
            }
            const before = new Set(existing.refs);
            const added = row.refs.filter((ref) => !before.has(ref));
            // The new payments named (the first few), not only counted.
            if (added.length) changes.push({ field: 'payments', from: String(existing.refs.length), to: String(existing.refs.length + added.length), added: added.slice(0, shownAddedPayments).map(paymentOfRef) });
          }
          if (problems.length) {
            errors.push({ line, problems, raw: stagedRaw.get(line)! });
            continue;
          }
          const action = !existing ? 'new' : existing.import_hash === row.hash || changes.length === 0 ? 'unchanged' : 'update';
          counts[action]++;
          report.valid++;
          // The line's first fields are decided here; the rest (row-checks.ts) came ready from the checker thread.
          lines += `${copyLine([batchId, line, action, termsChanged, JSON.stringify(changes)]).slice(0, -1)}\t${row.tail}`;
        }
        await write(lines);
      }
      for (const { line } of records) stagedRaw.delete(line);
      report.invalid += errors.length;
      await flushErrors(errors);
      await setProgress(reader, batchId, { rows_read: report.read, rows_valid: report.valid, rows_invalid: report.invalid });
    };
    let inFlight: Promise<void> = Promise.resolve();
    // Batches sent to the checker threads, in file order, with their results to come.
    const ahead: { records: RowRecord[]; results: Promise<RowResult[]> }[] = [];
    const stageNext = async () => {
      const { records, results } = ahead.shift()!;
      const checked = crossCheck(records, await results);
      // In order: the batch before this one finishes with the database first (and a failure of it surfaces here).
      await inFlight;
      inFlight = stageBatch(checked);
      inFlight.catch(() => undefined);
    };
    const dispatch = async (records: RowRecord[], index: Map<PortfolioColumn, number>) => {
      const results = checkers!.check({ records, index: [...index], today, creditorId });
      results.catch(() => undefined);
      ahead.push({ records, results });
      if (ahead.length > Math.max(1, checkers!.threads * AHEAD_PER_THREAD)) await stageNext();
    };
    let index: Map<PortfolioColumn, number> | null = null;
    let pending: RowRecord[] = [];
    let problem: FileProblem | null = null;
    let recordNo = -1;
    try {
      for await (const cells of csvRecords(fileChunks(reader, batchId), sniffed.encoding)) {
        recordNo++;
        if (!index) {
          const mapping = mapHeader(cells);
          if (!mapping.ok) {
            problem = { key: 'header', params: { missing: mapping.missing.join(', ') || '—', unknown: [...mapping.unknown, ...mapping.duplicate].join(', ') || '—' } };
            break;
          }
          index = mapping.index;
          await setProgress(reader, batchId, { stage: 'checking', header: cells });
          continue;
        }
        report.read++;
        if (report.read > importLimits.maxRows) {
          problem = { key: 'tooManyRows', params: { max: importLimits.maxRows } };
          break;
        }
        pending.push({ line: lineOf(recordNo - 1), cells });
        if (pending.length >= batchRows) {
          await dispatch(pending, index);
          pending = [];
        }
      }
      if (!problem && index && pending.length) await dispatch(pending, index);
      while (!problem && ahead.length) await stageNext();
      await inFlight;
    } catch (error) {
      problem = readingProblem(error, recordNo + 2);
      const err = error as { code?: string; message?: string };
      if (problem.key === 'malformed') logger.info({ batchId, code: err.code }, 'import file not readable as CSV');
      else logger.error({ batchId, err: { code: err.code, message: err.message } }, 'import file could not be checked');
    }
    // A batch still with the database when the file turned out unreadable: it finishes before the staging is dropped.
    await inFlight.catch(() => undefined);
    if (!problem && !index) problem = { key: 'empty' };
    if (!problem && report.read === 0) problem = { key: 'noRows' };
    copy.end();
    await copyDone;
    if (problem) {
      await reader.query('delete from import_rows where batch_id = $1', [batchId]);
      await reader.query('delete from import_row_errors where batch_id = $1', [batchId]);
      return await refuse(problem, sniffed.encoding);
    }
    await setProgress(reader, batchId, {
      status: 'previewed',
      stage: null,
      rows_read: report.read,
      rows_valid: report.valid,
      rows_invalid: report.invalid,
      rows_new: counts.new,
      rows_updated: counts.update,
      rows_unchanged: counts.unchanged,
      validated_at: new Date(),
    });
    report.status = 'previewed';
    return report;
  } finally {
    await checkers?.close();
    if (locked) await writer.query('select pg_advisory_unlock($1)', [batchLockKey(batchId)]).catch(() => undefined);
    writer.release();
    reader.release();
  }
}
