import { describe, expect, it } from 'vitest';
import { readPaymentFile } from './payment-file';

const file = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
const header = 'contract_no,amount,received_on,channel,reference,note';

describe('a payment file that cannot be read as CSV', () => {
  it('is refused from the row the preview would number, not from where the parser gave up', () => {
    // Row 2's note spans two lines (still one row); row 4 opens a quote it never closes, and the parser reads on to
    // the end of the file (line 8) looking for it.
    const read = readPaymentFile(
      file([header, 'HT-001,100.00,2026-06-01,bank_transfer,R-1,"first line', 'second line"', 'HT-001,100.00,2026-06-02,bank_transfer,R-2,', 'HT-001,100.00,2026-06-03,bank_transfer,R-3,"never closed', 'HT-001,100.00,2026-06-04,bank_transfer,R-4,', 'HT-001,100.00,2026-06-05,bank_transfer,R-5,']),
      'auto',
      '2026-06-15',
    );
    expect(read).toEqual({ ok: false, problem: 'malformed', params: { line: 4 } });
  });

  it('reads the same rows once the quote is closed, each numbered as a spreadsheet does', () => {
    const read = readPaymentFile(
      file([header, 'HT-001,100.00,2026-06-01,bank_transfer,R-1,"first line', 'second line"', 'HT-001,100.00,2026-06-02,bank_transfer,R-2,', 'HT-001,100.00,2026-06-03,bank_transfer,R-3,"closed"']),
      'auto',
      '2026-06-15',
    );
    expect(read.ok && read.rows.map((r) => [r.line, r.raw.reference, r.problems.length])).toEqual([
      [2, 'R-1', 0],
      [3, 'R-2', 0],
      [4, 'R-3', 0],
    ]);
  });
});

describe('the day a payment was received', () => {
  it('as a bank statement writes it: 20260601, 2026/6/1, 2026年6月1日, or a date cell with its midnight; no other time', () => {
    const days = ['20260601', '2026/6/1', '2026年6月1日', '2026-06-01 00:00:00', '2026/6/1 0:00', '2026-06-01 14:23:05', '2026-06-01T00:00:00Z', '2026-06-31'];
    const read = readPaymentFile(file([header, ...days.map((d, i) => `HT-001,100.00,${d},bank_transfer,R-${i},`)]), 'auto', '2026-06-15');
    if (!read.ok) throw new Error('expected rows');
    // The first five are 1 June; a time of day other than midnight may be another zone's (a day off), so it is refused.
    expect(read.rows.map((r) => (r.problems.length ? r.problems.map((p) => `${p.column}:${p.key}`).join() : r.value?.receivedOn))).toEqual([
      '2026-06-01',
      '2026-06-01',
      '2026-06-01',
      '2026-06-01',
      '2026-06-01',
      'receivedOn:date',
      'receivedOn:date',
      'receivedOn:date',
    ]);
  });
});
