import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, borrowers, cases, importBatches, importRowErrors, importRows, invitations, loans, notifications, payments } from '@/db/schema';
import { addDays } from '@/lib/domain/dates';
import { scheduleOf } from '@/lib/domain/stored-schedule';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';
import type { Ctx } from '../actor';
import { refreshOverdueSinceOfLoans } from '../loans/loan-history';
import { applyImport } from './apply-import';
import { confirmImport, getImportBatch, getImportPreview, uploadImport } from './import-batches';
import { invitationLetterPdf } from '../invitations/invitation-letter';
import { importErrorReport } from './import-report';
import { validateImport } from './validate-import';
import { writePortfolioFile } from '@/scripts/lib/portfolio-file';

/**
 * The portfolio import on real PostgreSQL, from the golden files (the same rows in UTF-8 with a BOM and in GBK,
 * CRLF line ends, a quoted comma and a quoted line break, and one row of every kind of mistake), through
 * upload, validation (the preview), confirmation and the one-transaction apply.
 */
const fixtures = path.join(import.meta.dirname, 'fixtures');
const now = new Date('2026-06-15T04:00:00Z');
const noQueue = async () => {};

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

async function adminCtx(creditorId: string): Promise<Ctx> {
  const admin = await makeStaff(test.db, creditorId, 'admin');
  return { actor: { type: 'staff', id: admin.id, role: 'admin', creditorId }, meta: { ip: '203.0.113.9' } };
}

async function* bytesOf(buffer: Buffer, pieces = 3) {
  const size = Math.ceil(buffer.length / pieces);
  for (let i = 0; i < buffer.length; i += size) yield new Uint8Array(buffer.subarray(i, i + size));
}

async function upload(ctx: Ctx, creditorId: string, bytes: Buffer, filename = 'portfolio.csv', encoding: 'auto' | 'utf-8' | 'gbk' = 'auto') {
  const { batchId } = await uploadImport(ctx, { creditorId, filename, encoding, declaredSize: bytes.length }, bytesOf(bytes), { enqueue: noQueue });
  const report = await validateImport(batchId, { now });
  return { batchId, report };
}

async function importFile(ctx: Ctx, creditorId: string, bytes: Buffer) {
  const { batchId, report } = await upload(ctx, creditorId, bytes);
  expect(report.status).toBe('previewed');
  await confirmImport(ctx, batchId, { enqueue: noQueue });
  const applied = await applyImport(batchId, { now });
  return { batchId, report, applied };
}

/** A generated file's lines (scripts/lib/portfolio-file.ts), CRLF-split: the header, then row n on lines[n + 1]. */
function generatedLines(rows: number, offset: number, tag: string): string[] {
  const generated = path.join(os.tmpdir(), `concord-import-${tag}-${process.pid}.csv`);
  writePortfolioFile(generated, rows, offset, tag);
  const lines = fs.readFileSync(generated, 'utf8').split('\r\n');
  fs.rmSync(generated);
  return lines;
}

const expectedErrors = [
  { line: 5, column: 'residentId', key: 'residentIdCheckDigit' },
  { line: 6, column: 'residentId', key: 'residentIdBirthDate' },
  { line: 7, column: 'mobile', key: 'mobile' },
  { line: 8, column: 'principal', key: 'amount' },
  { line: 9, column: 'startDate', key: 'date' },
  { line: 10, column: 'contractNo', key: 'duplicateContract' },
  { line: 11, column: 'row', key: 'notInArrears' },
  { line: 12, column: 'repaymentMethod', key: 'method' },
  { line: 13, column: 'annualRate', key: 'rateTooHigh' },
  { line: 14, column: 'schedule', key: 'scheduleCount' },
  { line: 15, column: 'payments', key: 'paymentsExceed' },
  { line: 16, column: 'address', key: 'addressForLetter' },
];

describe('the portfolio import', () => {
  for (const [name, encoding] of [
    ['portfolio-mixed.utf8.csv', 'utf-8'],
    ['portfolio-mixed.gbk.csv', 'gbk'],
  ] as const) {
    it(`previews ${name}: every bad row with its line, column and reason; the good ones staged; nothing written outside the batch`, async () => {
      const creditor = await makeCreditor(test.db);
      const ctx = await adminCtx(creditor.id);
      const loansBefore = (await test.db.select({ n: sql<number>`count(*)::int` }).from(loans))[0]!.n;
      const { batchId, report } = await upload(ctx, creditor.id, fs.readFileSync(path.join(fixtures, name)));
      expect(report).toEqual({ status: 'previewed', read: 15, valid: 3, invalid: 12 });
      const batch = await getImportBatch(ctx.actor, batchId);
      expect(batch.encoding).toBe(encoding);
      expect(batch.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(batch.counts).toMatchObject({ read: 15, valid: 3, invalid: 12, new: 3, updated: 0, unchanged: 0 });
      const preview = await getImportPreview(ctx.actor, batchId);
      expect(preview.errors.map((e) => ({ line: e.line, column: e.problems[0]!.column, key: e.problems[0]!.key }))).toEqual(expectedErrors);
      expect(preview.errors.find((e) => e.line === 10)!.problems[0]!.params).toEqual({ line: 2 });
      expect(preview.newRows.map((r) => [r.line, r.contractNo, r.name, r.inviteBy])).toEqual([
        [2, 'HT-001', '张三', 'sms'],
        [3, 'HT-002', 'Li Si', 'letter'],
        [4, 'HT-003', '王五', 'sms'],
      ]);
      expect((await test.db.select({ n: sql<number>`count(*)::int` }).from(loans))[0]!.n).toBe(loansBefore);
    });
  }

  it('imports the valid rows in one go, and a second import of the same file changes nothing', async () => {
    const creditor = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);
    const file = fs.readFileSync(path.join(fixtures, 'portfolio-mixed.utf8.csv'));
    const first = await importFile(ctx, creditor.id, file);
    expect(first.applied).toEqual({ status: 'imported', imported: 3, casesOpened: 3, borrowersCreated: 3, invitations: 3 });

    const imported = await test.db.select().from(loans).where(eq(loans.creditorId, creditor.id));
    expect(imported.map((l) => l.contractNo).sort()).toEqual(['HT-001', 'HT-002', 'HT-003']);
    const ht001 = imported.find((l) => l.contractNo === 'HT-001')!;
    expect(ht001.principal).toBe(1_200_000);
    // 12 equal installments rebuilt from the terms; the two payments recorded once each.
    expect(ht001.scheduleDueDates).toHaveLength(12);
    const paid = await test.db.select().from(payments).where(eq(payments.loanId, ht001.id));
    expect(paid.map((p) => p.amount)).toEqual([103_850, 103_850]);
    // From the creditor's file, recorded by the admin who confirmed it (the plan pages tell imports from staff entries).
    expect(paid.map((p) => [p.source, p.recordedById])).toEqual([['import', ctx.actor.id], ['import', ctx.actor.id]]);
    const ht003 = imported.find((l) => l.contractNo === 'HT-003')!;
    expect(scheduleOf(ht003).map((i) => [i.dueDate, i.principalDue, i.interestDue])).toEqual([
      ['2025-02-15', 0, 6667],
      ['2025-03-15', 0, 6667],
      ['2025-04-15', 0, 6667],
      ['2025-05-15', 0, 6667],
      ['2025-06-15', 0, 6667],
      ['2025-07-15', 1_000_000, 6667],
    ]);
    const opened = await test.db.select().from(cases).where(eq(cases.creditorId, creditor.id));
    expect(opened.every((k) => k.state === 'invited' && /^[2-9A-HJKMNP-Z]{10}$/.test(k.inviteCode ?? ''))).toBe(true);
    // The dashboard's facts of the new cases, refreshed once for the batch (migration 0017_case_facts_bulk), not row by row.
    const facts = await test.db.execute<{ case_id: string; bucket: string }>(sql`select case_id, bucket from case_facts where case_id in ${opened.map((k) => k.id)}`);
    expect(facts.rows.length).toBe(3);
    const [liSi] = await test.db.select().from(borrowers).where(eq(borrowers.phone, '13800138002'));
    expect(liSi).toMatchObject({ fullName: 'Li Si', locale: 'en', address: 'Flat 3 Building 5, Chaoyang' });
    // The invitations: the case code and the check page, never an amount; the letter to the address.
    const sent = await test.db.select().from(notifications).where(inArray(notifications.caseId, opened.map((k) => k.id)));
    expect(sent.map((n) => n.channel).sort()).toEqual(['letter', 'sms', 'sms']);
    for (const n of sent) {
      const kase = opened.find((k) => k.id === n.caseId)!;
      expect(n.body).toContain(`${kase.inviteCode!.slice(0, 5)}-${kase.inviteCode!.slice(5)}`);
      expect(n.body).toContain('/check');
      expect(n.body).not.toMatch(/\{(code|url|creditor|name)\}/);
      expect(n.body).not.toMatch(/12,?000|1038|50,?000|10,?000/);
      expect(n).toMatchObject({ governed: true, status: 'pending', creditorId: creditor.id });
    }
    const letter = sent.find((n) => n.channel === 'letter')!;
    expect(letter.locale).toBe('en');
    expect(letter.body).toContain('Dear Li Si');
    // The letter, as a PDF with its QR code, for the admins who print the outbox's letters; no one else.
    const [letterInvitation] = await test.db.select().from(invitations).where(eq(invitations.notificationId, letter.id));
    const pdf = await invitationLetterPdf(ctx.actor, letterInvitation!.id);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const mediator = await makeStaff(test.db, creditor.id, 'mediator');
    await expect(invitationLetterPdf({ type: 'staff', id: mediator.id, role: 'mediator', creditorId: creditor.id }, letterInvitation!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [audit] = await test.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'import.applied'), eq(auditEvents.entityId, first.batchId)));
    expect(audit!.data).toMatchObject({ sha256: (await getImportBatch(ctx.actor, first.batchId)).sha256, rows: 3 });

    // The same file again: every valid row unchanged, nothing to import.
    const again = await upload(ctx, creditor.id, file);
    expect((await getImportBatch(ctx.actor, again.batchId)).counts).toMatchObject({ valid: 3, new: 0, updated: 0, unchanged: 3 });
    await confirmImport(ctx, again.batchId, { enqueue: noQueue });
    expect(await applyImport(again.batchId, { now })).toEqual({ status: 'imported', imported: 0, casesOpened: 0, borrowersCreated: 0, invitations: 0 });
    expect((await test.db.select().from(payments).where(eq(payments.loanId, ht001.id))).length).toBe(2);
    expect((await test.db.select().from(invitations).where(inArray(invitations.caseId, opened.map((k) => k.id)))).length).toBe(3);
  });

  it('a re-import updates by contract number and lists the changes; a payment is added once', async () => {
    const creditor = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);
    const original = fs.readFileSync(path.join(fixtures, 'portfolio-mixed.utf8.csv'), 'utf8');
    await importFile(ctx, creditor.id, Buffer.from(original));
    const changed = original
      .replace('13800138001', '13900139001')
      .replace('2025-07-10 1038.50;2025-08-10 1038.50', '2025-07-10 1038.50;2025-08-10 1038.50;2025-09-10 1038.50');
    const { batchId } = await upload(ctx, creditor.id, Buffer.from(changed));
    const batch = await getImportBatch(ctx.actor, batchId);
    expect(batch.counts).toMatchObject({ new: 0, updated: 1, unchanged: 2 });
    const preview = await getImportPreview(ctx.actor, batchId);
    expect(preview.changes).toEqual([
      {
        line: 2,
        contractNo: 'HT-001',
        changes: [
          { field: 'mobile', from: '13800138001', to: '13900139001' },
          { field: 'payments', from: '2', to: '3', added: [{ date: '2025-09-10', amountFen: 103_850 }] },
        ],
      },
    ]);
    const overdueSince = async () =>
      Object.fromEntries(
        (await test.db.select({ contractNo: loans.contractNo, since: cases.overdueSince }).from(cases).innerJoin(loans, eq(loans.id, cases.loanId)).where(eq(cases.creditorId, creditor.id))).map((r) => [r.contractNo, r.since]),
      );
    // HT-001: ¥12,000 at 7.2 % over 12 months, equal payments of ¥1,039.43 from 2025-07-10 (12000 × 0.006 / (1 − 1.006^-12)).
    // The borrower paid ¥1,038.50 twice, ¥2,077.00 of ¥2,078.86: the second payment is short, so behind since 2025-08-10.
    const before = await overdueSince();
    expect(before['HT-001']).toBe('2025-08-10');
    // What the import wrote for its new cases (from the file's days past due) is what the arrears give.
    const loanIds = (await test.db.select({ id: loans.id }).from(loans).where(eq(loans.creditorId, creditor.id))).map((l) => l.id);
    expect(await refreshOverdueSinceOfLoans(test.db, loanIds, () => '2026-06-15')).toBe(0);
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    expect(await applyImport(batchId, { now })).toMatchObject({ status: 'imported', imported: 1, casesOpened: 0, borrowersCreated: 0, invitations: 0 });
    const [loan] = await test.db.select().from(loans).where(and(eq(loans.creditorId, creditor.id), eq(loans.contractNo, 'HT-001')));
    expect((await test.db.select().from(payments).where(eq(payments.loanId, loan!.id))).length).toBe(3);
    // A third ¥1,038.50: ¥3,115.50 of the first three's ¥3,118.29, so the case is behind from the third's day, in the
    // queue as in the case file; the others are as they were.
    expect(await overdueSince()).toEqual({ ...before, 'HT-001': '2025-09-10' });
    expect((await test.db.select().from(borrowers).where(eq(borrowers.id, loan!.borrowerId)))[0]!.phone).toBe('13900139001');
  });

  it('a re-import with another schedule replaces the loan’s, and a loan whose schedule it leaves keeps its own fees', async () => {
    const creditor = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);
    const original = fs.readFileSync(path.join(fixtures, 'portfolio-mixed.utf8.csv'), 'utf8');
    await importFile(ctx, creditor.id, Buffer.from(original));
    const loanOf = async (contractNo: string) => (await test.db.select().from(loans).where(and(eq(loans.creditorId, creditor.id), eq(loans.contractNo, contractNo))))[0]!;
    // A fee the creditor's file does not carry, on a loan whose schedule the new file leaves as it was.
    const ht002 = await loanOf('HT-002');
    await test.db.update(loans).set({ scheduleFees: ht002.scheduleFees.map((_, i) => (i === 0 ? 2_500 : 0)) }).where(eq(loans.id, ht002.id));
    const changed = original.replace('2025-06-15 0 66.67;2025-07-15 10000 66.67', '2025-06-15 0 66.67;2025-07-15 10000 70.00').replace('HT-002,Consumer loan', 'HT-002,Consumer loan B');
    const { batchId } = await upload(ctx, creditor.id, Buffer.from(changed));
    const preview = await getImportPreview(ctx.actor, batchId);
    expect(preview.changes).toEqual([
      { line: 3, contractNo: 'HT-002', changes: [{ field: 'product', from: 'Consumer loan', to: 'Consumer loan B' }] },
      { line: 4, contractNo: 'HT-003', changes: [{ field: 'schedule', from: '6', to: '6' }] },
    ]);
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    expect(await applyImport(batchId, { now })).toMatchObject({ status: 'imported', imported: 2, casesOpened: 0 });
    const ht003 = await loanOf('HT-003');
    expect(scheduleOf(ht003).at(-1)).toEqual({ seq: 6, dueDate: '2025-07-15', principalDue: 1_000_000, interestDue: 7_000, feesDue: 0 });
    expect(scheduleOf(ht003).slice(0, 5).map((i) => i.interestDue)).toEqual([6667, 6667, 6667, 6667, 6667]);
    const after = await loanOf('HT-002');
    expect(after.product).toBe('Consumer loan B');
    expect(after.scheduleFees[0]).toBe(2_500);
    expect(after.scheduleDueDates).toEqual(ht002.scheduleDueDates);
  });

  it('opens each case with the next action the cases’ trigger computes: the first contact, at its opening, overdue since its first unpaid day', async () => {
    const creditor = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);
    await importFile(ctx, creditor.id, fs.readFileSync(path.join(fixtures, 'portfolio-mixed.utf8.csv')));
    const queueColumns = { id: cases.id, dpd: cases.dpdAtOpen, openedAt: cases.openedAt, overdueSince: cases.overdueSince, nextAction: cases.nextAction, nextActionAt: cases.nextActionAt, priority: cases.priority };
    const opened = await test.db.select(queueColumns).from(cases).where(eq(cases.creditorId, creditor.id)).orderBy(cases.caseNo);
    expect(opened).toHaveLength(3);
    for (const k of opened) {
      expect(k).toMatchObject({ nextAction: 'first_contact', nextActionAt: now, priority: 1, openedAt: now });
      // 2026-06-15 in Shanghai (now is 12:00 there), less the days past due.
      expect(k.overdueSince).toBe(addDays('2026-06-15', -k.dpd));
    }
    // The trigger, made to run on the same rows (it recomputes on any update), agrees.
    await test.db.update(cases).set({ state: sql`state` }).where(eq(cases.creditorId, creditor.id));
    expect(await test.db.select(queueColumns).from(cases).where(eq(cases.creditorId, creditor.id)).orderBy(cases.caseNo)).toEqual(opened);
    // Outside the import the insert trigger still runs: a case written without the four columns gets them.
    const [plain] = await test.db.select(queueColumns).from(cases).where(eq(cases.caseNo, (await makeLoanWithCase(test.db, creditor.id, (await makeBorrower(test.db)).id)).case.caseNo));
    expect(plain).toMatchObject({ nextAction: 'first_contact', priority: 1 });
    expect(plain!.overdueSince).not.toBeNull();
  });

  it('writes the dashboard facts of the cases it opens as the facts view gives them, payments since the opening as recovered', async () => {
    const creditor = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);
    const lines = generatedLines(12, 900_000, 'FA');
    // Row 1 paid 500.00 yuan today (2026-06-15 in Shanghai): received since its case opened, so recovered.
    lines[2] = lines[2]!.replace(',2025-07-10 1000,', ',2025-07-10 1000;2026-06-15 500,');
    const { applied } = await importFile(ctx, creditor.id, Buffer.from(lines.join('\r\n')));
    expect(applied).toMatchObject({ status: 'imported', casesOpened: 12 });
    const columns = sql`case_id, creditor_id, assignee_id, bucket, opened_at, engaged_at, hardship_at, offered_at, signed_at, breached_at, completed_at, outcome, outcome_at, concluded_at, resolved_at, staff_contact, restructured, waived, recovered`;
    const written = await test.db.execute(sql`select ${columns} from case_facts where creditor_id = ${creditor.id} order by case_id`);
    const viewed = await test.db.execute(sql`select ${columns} from case_facts_source where creditor_id = ${creditor.id} order by case_id`);
    expect(written.rows).toHaveLength(12);
    expect(written.rows).toEqual(viewed.rows);
    expect(written.rows.map((r) => Number(r.recovered)).sort((a, b) => b - a).slice(0, 2)).toEqual([50_000, 0]);
  });

  it('draws a new invitation code for a row whose code another case took meanwhile, and opens its case with it', async () => {
    const creditor = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);
    const { batchId } = await upload(ctx, creditor.id, fs.readFileSync(path.join(fixtures, 'portfolio-mixed.utf8.csv')));
    const [staged] = await test.db.select().from(importRows).where(and(eq(importRows.batchId, batchId), eq(importRows.contractNo, 'HT-002')));
    // Another creditor's case holds the code the preview drew for HT-002 (a collision, about once in 10^9).
    const other = await makeCreditor(test.db);
    await makeLoanWithCase(test.db, other.id, (await makeBorrower(test.db)).id, undefined, { inviteCode: staged!.inviteCode });
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    expect(await applyImport(batchId, { now })).toMatchObject({ status: 'imported', imported: 3, casesOpened: 3, invitations: 3 });
    const [loan] = await test.db.select().from(loans).where(and(eq(loans.creditorId, creditor.id), eq(loans.contractNo, 'HT-002')));
    const [kase] = await test.db.select().from(cases).where(eq(cases.loanId, loan!.id));
    expect(kase!.inviteCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(kase!.inviteCode).not.toBe(staged!.inviteCode);
    expect(kase).toMatchObject({ nextAction: 'first_contact', priority: 1 });
    const [letter] = await test.db.select().from(notifications).where(eq(notifications.caseId, kase!.id));
    expect(letter!.body).toContain(`${kase!.inviteCode!.slice(0, 5)}-${kase!.inviteCode!.slice(5)}`);
  });

  it('a failure mid-import leaves nothing of the batch, and the import can be confirmed again', async () => {
    const creditor = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);
    const { batchId } = await upload(ctx, creditor.id, fs.readFileSync(path.join(fixtures, 'portfolio-mixed.gbk.csv')));
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    const count = async (table: typeof borrowers | typeof notifications | typeof auditEvents) => (await test.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
    const before = { borrowers: await count(borrowers), notifications: await count(notifications) };
    // Cases are opened after borrowers, loans, schedules and payments are written: fail there.
    await test.db.execute(sql.raw(`create function refuse_case() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$;
      create trigger refuse_case before insert on cases for each row when (new.creditor_id = '${creditor.id}') execute function refuse_case()`));
    try {
      expect((await applyImport(batchId, { now })).status).toBe('failed');
    } finally {
      await test.db.execute(sql`drop trigger refuse_case on cases; drop function refuse_case()`);
    }
    expect((await getImportBatch(ctx.actor, batchId)).status).toBe('failed');
    expect(await test.db.select().from(loans).where(eq(loans.creditorId, creditor.id))).toEqual([]);
    expect({ borrowers: await count(borrowers), notifications: await count(notifications) }).toEqual(before);
    expect(await test.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'import.applied'), eq(auditEvents.entityId, batchId)))).toEqual([]);
    await confirmImport(ctx, batchId, { enqueue: noQueue });
    expect((await applyImport(batchId, { now })).status).toBe('imported');
    expect((await test.db.select().from(loans).where(eq(loans.creditorId, creditor.id))).length).toBe(3);
  });

  it('returns an error report that, fixed, imports as it is', async () => {
    const creditor = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);
    const { batchId } = await upload(ctx, creditor.id, fs.readFileSync(path.join(fixtures, 'portfolio-mixed.gbk.csv')));
    const report = await importErrorReport(ctx.actor, batchId, 'zh-CN');
    expect(report.filename).toBe('portfolio-errors.csv');
    const records = parse(report.body.toString('utf8'), { bom: true }) as string[][];
    expect(records[0]!.at(-1)).toBe('错误原因');
    expect(records.length).toBe(13);
    expect(records[1]![0]).toBe('赵六');
    expect(records[1]!.at(-1)).toBe('身份证号：身份证号校验位不正确（是否输错？）。');
    // Fix the mobile number of 周八 (row 7 of the file, row 4 of the report) and upload the report as it is: that row
    // and 钱一's (a duplicate of a contract no longer in the file) are valid now.
    const fixed = records.map((r) => r.map((cell) => (cell === '1234567' ? '13800138006' : cell)));
    const text = fixed.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
    const again = await upload(ctx, creditor.id, Buffer.from(`\uFEFF${text}\r\n`));
    expect(again.report).toEqual({ status: 'previewed', read: 12, valid: 2, invalid: 10 });
    const errors = await test.db.select().from(importRowErrors).where(eq(importRowErrors.batchId, again.batchId));
    expect(errors.some((e) => e.line === 4)).toBe(false);
  });

  it('refuses whole files by name: empty, not CSV, a workbook, a header that does not match, too large', async () => {
    const creditor = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);
    const problemOf = async (bytes: Buffer) => {
      const { batchId, report } = await upload(ctx, creditor.id, bytes);
      expect(report.status).toBe('refused');
      return (await test.db.select().from(importBatches).where(eq(importBatches.id, batchId)))[0]!.problem;
    };
    expect(await problemOf(Buffer.alloc(0))).toEqual({ key: 'empty' });
    expect(await problemOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toMatchObject({ key: 'binary', params: { kind: 'image' } });
    expect(await problemOf(Buffer.from('PK\u0003\u0004\u0014\u0000[Content_Types].xml', 'latin1'))).toEqual({ key: 'workbook' });
    expect(await problemOf(iconv.encode('姓名,证件号码,手机,合同号,颜色\r\n张三,1,2,3,红\r\n', 'gb18030'))).toEqual({
      key: 'header',
      params: { missing: 'product, principal, annualRate, repaymentMethod, startDate, termMonths', unknown: '颜色' },
    });
    expect(await problemOf(Buffer.from('借款人姓名,身份证号,手机号,合同号,产品,本金,年利率,还款方式,放款日,期限（月）\r\n'))).toEqual({ key: 'noRows' });
    // A quotation mark never closed, from the file's row 4 on: named as the file's problem, from that row.
    const header = '借款人姓名,身份证号,手机号,合同号,产品,本金,年利率,还款方式,放款日,期限（月）';
    const row = '张三,110101199003071233,13800138001,HT-Q1,消费贷,1000,7.2,等额本息,2025-06-10,12';
    expect(await problemOf(Buffer.from(`${header}\r\n${row}\r\n${row.replace('HT-Q1', 'HT-Q2')}\r\n张三,"1101,13800138001,HT-Q3\r\n${row}\r\n`))).toEqual({ key: 'malformed', params: { line: 4 } });
    await expect(uploadImport(ctx, { creditorId: creditor.id, filename: 'big.csv', encoding: 'auto', declaredSize: 200 * 1024 * 1024 }, bytesOf(Buffer.from('x')), { enqueue: noQueue })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', params: { max: 100 } });
  });

  it('is for admins of the creditor only', async () => {
    const creditor = await makeCreditor(test.db);
    const other = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);
    const { batchId } = await upload(ctx, creditor.id, fs.readFileSync(path.join(fixtures, 'portfolio-mixed.utf8.csv')));
    const mediator = await makeStaff(test.db, creditor.id, 'mediator');
    const otherAdmin = await makeStaff(test.db, other.id, 'admin');
    await expect(getImportBatch({ type: 'staff', id: mediator.id, role: 'mediator', creditorId: creditor.id }, batchId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getImportBatch({ type: 'staff', id: otherAdmin.id, role: 'admin', creditorId: other.id }, batchId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(uploadImport({ actor: { type: 'staff', id: otherAdmin.id, role: 'admin', creditorId: other.id }, meta: {} }, { creditorId: creditor.id, filename: 'x.csv', declaredSize: 1 }, bytesOf(Buffer.from('x')), { enqueue: noQueue })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('portfolio import over several batches of rows', () => {
  it('checks rows against earlier batches of the same file, reports the bad ones, and a second import of it changes nothing', async () => {
    // 2,500 rows: the validation checks and stages them 1,000 at a time, the next batch's rows while the last one
    // is with the database. Row 1500 has a bad mobile; row 2200 repeats the contract number of row 5 (line 7).
    const lines = generatedLines(2500, 0, 'MB');
    lines[1501] = lines[1501]!.replace(/,16000001500,/, ',12345,');
    lines[2201] = lines[2201]!.replace(/,MB-2200,/, ',MB-5,');
    const file = Buffer.from(lines.join('\r\n'));
    const creditor = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);

    const { batchId, report, applied } = await importFile(ctx, creditor.id, file);
    expect(report).toMatchObject({ status: 'previewed', read: 2500, valid: 2498, invalid: 2 });
    const preview = await getImportPreview(ctx.actor, batchId);
    expect(preview.errors.map((e) => [e.line, e.problems[0]!.column, e.problems[0]!.key, e.problems[0]!.params])).toEqual([
      [1502, 'mobile', 'mobile', undefined],
      [2202, 'contractNo', 'duplicateContract', { line: 7 }],
    ]);
    expect(applied).toEqual({ status: 'imported', imported: 2498, casesOpened: 2498, borrowersCreated: 2498, invitations: 2498 });
    expect((await test.db.select({ n: sql<number>`count(*)::int` }).from(loans).where(eq(loans.creditorId, creditor.id)))[0]!.n).toBe(2498);

    const again = await importFile(ctx, creditor.id, file);
    expect((await getImportBatch(ctx.actor, again.batchId)).counts).toMatchObject({ read: 2500, valid: 2498, invalid: 2, new: 0, updated: 0, unchanged: 2498 });
    expect(again.applied).toMatchObject({ status: 'imported', imported: 0, casesOpened: 0, invitations: 0 });
  });
});

describe('portfolio import validated in worker threads', () => {
  it('finds the same problems, in file order, and stages the same rows as in one thread, the checks against earlier rows included across batches', async () => {
    // 40 rows in batches of 5 (lines 2–6, 7–11, 12–16, …): each row that repeats an earlier one is the first of its
    // batch and repeats the last row of the batch before, which a checker thread other than its own may have checked.
    const lines = generatedLines(40, 0, 'TH');
    const record = (n: number) => n + 1; // the header is lines[0]; record n is on line n + 2 of the file
    lines[record(10)] = lines[record(10)]!.replace(',TH-10,', ',TH-9,');
    const idOf14 = lines[record(14)]!.split(',')[1]!;
    lines[record(15)] = lines[record(15)]!.replace(/^([^,]*),[^,]*,/, `$1,${idOf14},`);
    lines[record(20)] = lines[record(20)]!.replace(',16000000020,', ',16000000019,');
    lines[record(23)] = lines[record(23)]!.replace(',16000000023,', ',12345,');
    const file = Buffer.from(lines.join('\r\n'));
    const creditor = await makeCreditor(test.db);
    const ctx = await adminCtx(creditor.id);

    const validated = async (threads: number) => {
      const { batchId } = await uploadImport(ctx, { creditorId: creditor.id, filename: 'threads.csv', encoding: 'auto', declaredSize: file.length }, bytesOf(file), { enqueue: noQueue });
      const report = await validateImport(batchId, { now, threads, batchRows: 5 });
      const errors = await test.db.select({ line: importRowErrors.line, problems: importRowErrors.problems }).from(importRowErrors).where(eq(importRowErrors.batchId, batchId)).orderBy(importRowErrors.line);
      const staged = await test.db.select().from(importRows).where(eq(importRows.batchId, batchId)).orderBy(importRows.line);
      // The encrypted resident ID (its IV) and the invitation code are drawn at random for each row.
      return { report, errors, staged: staged.map(({ batchId: _b, residentIdEnc: _e, inviteCode: _c, ...rest }) => rest), codes: staged.map((r) => r.inviteCode) };
    };
    const one = await validated(0);
    expect(one.report).toEqual({ status: 'previewed', read: 40, valid: 36, invalid: 4 });
    expect(one.errors.map((e) => [e.line, e.problems.map((p) => [p.column, p.key, p.params])])).toEqual([
      [12, [['contractNo', 'duplicateContract', { line: 11 }]]],
      [17, [['name', 'sameIdOtherName', { line: 16 }], ['mobile', 'sameIdOtherMobile', { line: 16 }]]],
      [22, [['mobile', 'mobileOfAnother', { line: 21 }]]],
      [25, [['mobile', 'mobile', undefined]]],
    ]);
    for (const threads of [1, 2]) {
      const other = await validated(threads);
      expect(other.report).toEqual(one.report);
      expect(other.errors).toEqual(one.errors);
      expect(other.staged).toEqual(one.staged);
      expect(new Set(other.codes).size).toBe(36);
    }
  });
});
