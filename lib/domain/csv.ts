/**
 * Writing CSV (RFC 4180) for the files admins download and may upload again: a cell with a comma, a quotation
 * mark or a line break is quoted (quotes doubled); lines end in CRLF, as Excel writes them. A cell that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with a quote mark when `guardFormulas` is on.
 */
export function csvCell(value: string, guardFormulas = false): string {
  const text = guardFormulas && /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly string[], guardFormulas = false): string {
  return `${cells.map((c) => csvCell(c, guardFormulas)).join(',')}\r\n`;
}

/** The UTF-8 byte-order mark: Excel reads a CSV file as UTF-8 only when it starts with one. */
export const utf8Bom = '\uFEFF';
