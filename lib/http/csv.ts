/**
 * CSV as Excel opens it: UTF-8 with a byte-order mark (so Chinese reads right), CRLF lines, every field quoted.
 * A field that starts like a formula (= + - @, tab, CR) is prefixed with an apostrophe so no spreadsheet runs it.
 */
export const CSV_BOM = '\uFEFF';

export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
