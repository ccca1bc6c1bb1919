import 'server-only';

/**
 * PostgreSQL's COPY text format: one line per row, fields separated by tabs, \N for null, and backslash, tab,
 * line feed and carriage return escaped. Arrays are written as array literals, every element quoted.
 */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

export function copyLine(fields: readonly (string | number | boolean | null)[]): string {
  return `${fields.map(copyField).join('\t')}\n`;
}
