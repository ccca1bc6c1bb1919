/**
 * CSV as spreadsheets open it (RFC 4180, CRLF, a UTF-8 byte-order mark so Excel and WPS read Chinese), with every
 * cell that a spreadsheet would take for a formula (= + - @, tab, CR) prefixed with an apostrophe: a borrower's
 * note must never run as a formula on a court clerk's machine.
 */
export type CsvCell = string | number | boolean | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): Buffer {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Fen as a plain decimal amount in yuan (12345 → "123.45"), by string, never through a float. */
export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
