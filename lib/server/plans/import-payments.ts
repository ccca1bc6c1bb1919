import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { agreements, cases, loans, paymentImports, payments } from '@/db/schema';
import { todayIn } from '@/lib/domain/dates';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { sha256Hex } from '../crypto';
import { AppError } from '../errors';
import { creditorScope } from '../staff-scope';
import { applyPayment } from './apply-payment';
import { loadPlanOfCase, type LoadedPlan } from './load-plan';
import { readPaymentFile, type EncodingChoice, type ParsedPaymentRow, type PaymentColumn, type RowProblem } from './payment-file';
import type { SealDeps } from './plan-documents';

/**
 * Admins import a payment file (CSV, UTF-8 or GBK): a preview first, with every row's problems by line and column,
 * and nothing written; then, on confirmation of the same file (its SHA-256), the valid rows are recorded in one
 * transaction, each allocated to its plan like a payment recorded by hand. Idempotent: a payment whose reference is
 * already recorded (by an earlier import or by hand) is skipped, so importing a file twice records it once.
 */
export type ImportRowStatus = 'ready' | 'already' | 'error';
export type ImportRowDto = {
  line: number;
  raw: Record<PaymentColumn, string>;
  status: ImportRowStatus;
  problems: RowProblem[];
  caseNo: string | null;
  amount: number | null;
  /** The day as read (2026-12-01 for "20261201"), shown in place of what the file wrote. */
  receivedOn: string | null;
};
export type ImportPreviewDto = {
  filename: string;
  sha256: string;
  encoding: 'utf-8' | 'gbk';
  rows: ImportRowDto[];
  counts: { rows: number; ready: number; already: number; errors: number; amount: number };
};
export type ImportResultDto = { importId: string | null; recorded: number; already: number; rejected: number; completedPlans: number };

type Checked = { preview: ImportPreviewDto; ready: { row: ParsedPaymentRow; caseId: string }[] };

function assertAdmin(actor: Actor): asserts actor is Extract<Actor, { type: 'staff' }> {
  if (actor.type !== 'staff' || actor.role !== 'admin') throw new AppError('NOT_FOUND');
}

const fileProblem = (problem: string, params?: Record<string, string | number>) => new AppError('VALIDATION', { field: 'file', message: `validation.paymentFile.${problem}`, params });

async function check(db: Executor, actor: Extract<Actor, { type: 'staff' }>, file: { name: string; bytes: Buffer }, encoding: EncodingChoice, now: Date): Promise<Checked> {
  const today = todayIn('Asia/Shanghai', now);
  const parsed = readPaymentFile(file.bytes, encoding, today);
  if (!parsed.ok) throw fileProblem(parsed.problem, parsed.params);
  const contractNos = [...new Set(parsed.rows.map((r) => r.raw.contractNo).filter(Boolean))];
  const references = [...new Set(parsed.rows.map((r) => r.value?.reference).filter((v): v is string => Boolean(v)))];
  const plans = contractNos.length
      ? await db
          .select({ contractNo: loans.contractNo, caseId: cases.id, caseNo: cases.caseNo, executed: agreements.status, agreementDate: sql<string | null>`${agreements.snapshot} ->> 'date'` })
          .from(loans)
          .innerJoin(cases, eq(cases.loanId, loans.id))
          .leftJoin(agreements, and(eq(agreements.caseId, cases.id), eq(agreements.status, 'executed')))
          .where(and(inArray(loans.contractNo, contractNos), creditorScope(actor, loans.creditorId)))
          .orderBy(asc(cases.openedAt))
      : [];
  const recorded = references.length ? await db.select({ reference: payments.reference, amount: payments.amount, receivedOn: payments.receivedOn, loanId: payments.loanId, contractNo: loans.contractNo }).from(payments).innerJoin(loans, eq(loans.id, payments.loanId)).where(inArray(payments.reference, references)) : [];
  // The case of each contract whose plan is in force (the latest with an executed agreement).
  const planOf = new Map<string, { caseId: string; caseNo: string; since: string }>();
  const known = new Set<string>();
  for (const p of plans) {
    known.add(p.contractNo);
    if (p.executed === 'executed' && p.agreementDate) planOf.set(p.contractNo, { caseId: p.caseId, caseNo: p.caseNo, since: p.agreementDate });
  }
  const byReference = new Map(recorded.map((r) => [r.reference, r]));
  const ready: Checked['ready'] = [];
  const rows = parsed.rows.map((row): ImportRowDto => {
    const problems = [...row.problems];
    const plan = planOf.get(row.raw.contractNo);
    if (row.raw.contractNo && !known.has(row.raw.contractNo)) problems.push({ column: 'contractNo', key: 'unknownContract' });
    else if (row.raw.contractNo && !plan) problems.push({ column: 'contractNo', key: 'noPlan' });
    let status: ImportRowStatus = problems.length ? 'error' : 'ready';
    const existing = row.value ? byReference.get(row.value.reference) : undefined;
    if (row.value && existing) {
      // The same payment again (an import replayed) is skipped; another payment under a used reference is an error.
      const same = existing.amount === row.value.amount && existing.receivedOn === row.value.receivedOn && existing.contractNo === row.value.contractNo;
      if (same) status = 'already';
      else {
        problems.push({ column: 'reference', key: 'referenceConflict', params: { date: existing.receivedOn, contractNo: existing.contractNo } });
        status = 'error';
      }
    }
    if (status === 'ready' && plan && row.value!.receivedOn < plan.since) {
      problems.push({ column: 'receivedOn', key: 'beforeAgreement', params: { date: plan.since } });
      status = 'error';
    }
    if (status === 'ready') ready.push({ row, caseId: plan!.caseId });
    return { line: row.line, raw: row.raw, status, problems, caseNo: plan?.caseNo ?? null, amount: row.value?.amount ?? null, receivedOn: row.value?.receivedOn ?? null };
  });
  const count = (s: ImportRowStatus) => rows.filter((r) => r.status === s).length;
  return {
    preview: {
      filename: file.name,
      sha256: sha256Hex(file.bytes),
      encoding: parsed.encoding,
      rows,
      counts: { rows: rows.length, ready: count('ready'), already: count('already'), errors: count('error'), amount: ready.reduce((s, r) => s + r.row.value!.amount, 0) },
    },
    ready,
  };
}

/** The preview: every row checked, nothing written. */
export async function previewPaymentImport(ctx: Ctx, file: { name: string; bytes: Buffer }, encoding: EncodingChoice, now: Date = new Date()): Promise<ImportPreviewDto> {
  assertAdmin(ctx.actor);
  return (await check(getDb(), ctx.actor, file, encoding, now)).preview;
}

/**
 * Records the valid rows of the file previewed (refused if the file is not the one previewed), all or nothing: the
 * cases are locked in a fixed order, each plan loaded once and its payments applied in date order. Rows with
 * problems are left out (the preview listed them); their count is in the import's record and audit event.
 */
export async function confirmPaymentImport(ctx: Ctx, file: { name: string; bytes: Buffer }, encoding: EncodingChoice, previewedSha256: string, now: Date = new Date(), deps?: SealDeps): Promise<ImportResultDto> {
  assertAdmin(ctx.actor);
  const actor = ctx.actor;
  if (sha256Hex(file.bytes) !== previewedSha256) throw new AppError('CONFLICT', { field: 'file', message: 'validation.paymentFile.changed' });
  return getDb().transaction(async (tx) => {
    const { preview, ready } = await check(tx, actor, file, encoding, now);
    // Nothing new (the same file again, or only rows with problems): nothing is written.
    if (ready.length === 0) return { importId: null, recorded: 0, already: preview.counts.already, rejected: preview.counts.errors, completedPlans: 0 };
    const [batch] = await tx
      .insert(paymentImports)
      .values({ creditorId: actor.creditorId, filename: file.name.slice(0, 200), sha256: preview.sha256, encoding: preview.encoding, rows: preview.counts.rows, recorded: ready.length, alreadyRecorded: preview.counts.already, rejected: preview.counts.errors, importedById: actor.id, createdAt: now })
      .returning({ id: paymentImports.id });
    const caseIds = [...new Set(ready.map((r) => r.caseId))].sort();
    let completedPlans = 0;
    for (const caseId of caseIds) {
      const [kase] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
      const plan = (await loadPlanOfCase(tx, kase!, { forUpdate: true })) as LoadedPlan;
      const rows = ready.filter((r) => r.caseId === caseId).sort((a, b) => (a.row.value!.receivedOn < b.row.value!.receivedOn ? -1 : a.row.value!.receivedOn > b.row.value!.receivedOn ? 1 : a.row.line - b.row.line));
      for (const { row } of rows) {
        const v = row.value!;
        const { sync } = await applyPayment(tx, ctx, plan, { amount: v.amount, receivedOn: v.receivedOn, channel: v.channel, reference: v.reference, note: v.note, source: 'import', importId: batch!.id }, now, deps);
        if (sync.completed) completedPlans++;
      }
    }
    await recordAudit(tx, ctx, {
      action: 'plan.payments_imported',
      entityType: 'payment_import',
      entityId: batch!.id,
      data: { filename: file.name, sha256: preview.sha256, encoding: preview.encoding, rows: preview.counts.rows, recorded: ready.length, already: preview.counts.already, rejected: preview.counts.errors, amount: preview.counts.amount },
    });
    return { importId: batch!.id, recorded: ready.length, already: preview.counts.already, rejected: preview.counts.errors, completedPlans };
  });
}
