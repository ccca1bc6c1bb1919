import 'server-only';
import type { IsoDate } from '@/lib/domain/dates';
import { portfolioColumns, type PortfolioColumn } from '@/lib/domain/portfolio-columns';
import { checkPortfolioRow, type PortfolioRow, type RowProblem } from '@/lib/domain/portfolio-row';
import { encryptField, lookupHash, sha256Hex } from '../crypto';
import { arrayLiteral, copyLine } from './copy-text';
import { hasUndecodable } from './import-file';
import { newInviteCode } from './invite-codes';

/**
 * The validation's work on each row by itself (validate-import.ts): the domain's checks, the resident ID's lookup
 * hash, the row's hash, its payments' references and, for a row that passes, its staging line from the row hash on
 * (the resident ID encrypted, a fresh invitation code). Nothing here depends on the file's other rows or on the
 * database, so batches of rows are checked in worker threads (validate-worker.ts), several at once, and the results
 * taken back in file order; the checks against the other rows and the database stay with the one thread that
 * reads the file.
 */
export type RowRecord = { line: number; cells: string[] };

/** What the checks against the file's other rows and the database need of a valid row, and the rest of its line. */
export type CheckedRow = Pick<PortfolioRow, 'name' | 'mobile' | 'address' | 'contractNo' | 'product' | 'principal' | 'annualRatePpm' | 'repaymentMethod' | 'startDate' | 'termMonths' | 'firstDueDate'> & {
  line: number;
  idHash: string;
  hash: string;
  refs: string[];
  /** The schedule as the loans' query gives it: `due:principal:interest` per installment, joined by ';'. */
  schedule: string;
  scheduleLength: number;
  /** The staging line's fields from row_hash to invite_code, tab-separated, with its line feed (copy-text.ts). */
  tail: string;
};

export type RowResult = { line: number; ok: true; row: CheckedRow } | { line: number; ok: false; problems: RowProblem[] };

export type RowCheckInput = { records: RowRecord[]; index: [PortfolioColumn, number][]; today: IsoDate; creditorId: string };

const scheduleKey = (s: PortfolioRow['schedule']) => s.map((i) => `${i.dueDate}:${i.principal}:${i.interest}`);

/** The payments' references: one per payment, the same for the same payment in every file (a re-import adds none twice). */
function paymentRefs(creditorId: string, row: PortfolioRow): string[] {
  const seen = new Map<string, number>();
  return row.payments.map((p) => {
    const key = `${p.date}:${p.amount}`;
    const k = (seen.get(key) ?? 0) + 1;
    seen.set(key, k);
    return `imp:${creditorId}:${row.contractNo}:${key}:${k}`;
  });
}

/** The payment a reference names (its day and amount), read back from the end, as a contract number may hold ":". */
export function paymentOfRef(ref: string): { date: string; amountFen: number } {
  const [date, amount] = ref.split(':').slice(-3);
  return { date: date ?? '', amountFen: Number(amount) };
}

/** What the file says about a loan, hashed: the same row imported again is recognised as unchanged. */
function rowHash(row: PortfolioRow, schedule: string[]): string {
  const { name, residentId, mobile, address, contractNo, product, principal, annualRatePpm, repaymentMethod, startDate, termMonths, firstDueDate, payments } = row;
  return sha256Hex(JSON.stringify([name, residentId, mobile, address, contractNo, product, principal, annualRatePpm, repaymentMethod, startDate, termMonths, firstDueDate, schedule, payments.map((p) => `${p.date}:${p.amount}`)]));
}

export function checkRows({ records, index: entries, today, creditorId }: RowCheckInput): RowResult[] {
  const index = new Map(entries);
  return records.map(({ line, cells }): RowResult => {
    const cell = (c: PortfolioColumn) => (index.has(c) ? (cells[index.get(c)!] ?? '') : '');
    const garbled = portfolioColumns.find((c) => hasUndecodable(cell(c)));
    if (garbled) return { line, ok: false, problems: [{ column: garbled, key: 'encoding' }] };
    const checked = checkPortfolioRow(cell, today);
    if (!checked.ok) return { line, ok: false, problems: checked.problems };
    const row = checked.row;
    const idHash = lookupHash(row.residentId);
    const schedule = scheduleKey(row.schedule);
    const hash = rowHash(row, schedule);
    const refs = paymentRefs(creditorId, row);
    const tail = copyLine([
      hash, row.contractNo, row.name, encryptField(row.residentId), idHash, row.residentIdMasked, row.mobile, row.address, row.locale, row.product,
      row.principal, row.annualRatePpm, row.termMonths, row.repaymentMethod, row.startDate, row.firstDueDate, row.maturityDate,
      arrayLiteral(row.schedule.map((i) => i.dueDate)), arrayLiteral(row.schedule.map((i) => i.principal)), arrayLiteral(row.schedule.map((i) => i.interest)),
      arrayLiteral(row.payments.map((p) => p.date)), arrayLiteral(row.payments.map((p) => p.amount)), arrayLiteral(refs),
      row.dpd, row.arrears, row.inviteBy, newInviteCode(),
    ]);
    const { name, mobile, address, contractNo, product, principal, annualRatePpm, repaymentMethod, startDate, termMonths, firstDueDate } = row;
    return {
      line,
      ok: true,
      row: { line, name, mobile, address, contractNo, product, principal, annualRatePpm, repaymentMethod, startDate, termMonths, firstDueDate, idHash, hash, refs, schedule: schedule.join(';'), scheduleLength: schedule.length, tail },
    };
  });
}
