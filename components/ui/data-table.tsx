import type { ReactNode } from 'react';
import { cn } from './cn';

/** A column of a DataTable: its header (a hidden one for a column of links, with `sr-only` text) and whether it holds figures, set right. */
export type DataColumn = { label: ReactNode; numeric?: boolean };

/** A plain staff table: the header row from `columns`, then the rows as given (each `<tr>`, its cells styled by the caller). */
export function DataTable({ columns, children }: { columns: DataColumn[]; children: ReactNode }) {
  return (
    <table className="w-full border-collapse text-left text-sm">
      <thead>
        <tr className="border-b border-slate-300">
          {columns.map((column, i) => (
            <th key={i} scope="col" className={cn('py-2', i < columns.length - 1 && 'pr-3', column.numeric && 'text-right')}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
