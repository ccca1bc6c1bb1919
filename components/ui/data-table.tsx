'use client';

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Row, type Table } from '@tanstack/react-table';
import { useMemo, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { cn } from './cn';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    /** Amounts: right-aligned, header and cells. */
    align?: 'right';
    /** The column names its row (a <th scope="row">). */
    rowHeader?: boolean;
    cellClassName?: string;
    /** A short label over short values (a row number, a contract number): never broken across lines, header and cells. */
    nowrap?: boolean;
  }
}

type TableViewProps<T> = {
  table: Table<T>;
  caption: ReactNode;
  /** The caption shown above the table (otherwise for screen readers only). */
  captionVisible?: boolean;
  /** Shown in one full-width row when there are no rows. */
  empty?: ReactNode;
  /** Inside a rounded white frame (a page's main table) rather than flush in a card. */
  framed?: boolean;
  bodyRef?: Ref<HTMLTableSectionElement>;
  rowProps?: (row: Row<T>) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;
};

/**
 * The staff pages' one table: the markup of any TanStack table (the queue builds its own, with selection and the
 * keyboard; other tables come through DataTable below). Wide tables scroll sideways inside their frame.
 */
export function TableView<T>({ table, caption, captionVisible, empty, framed, bodyRef, rowProps }: TableViewProps<T>) {
  const rows = table.getRowModel().rows;
  // Unless a column was hidden or pinned, a row's visible cells are all its cells in column order: taken as they are,
  // without asking TanStack's visibility and pinning features for each row (50 rows × 10 columns on every request).
  const { columnVisibility, columnPinning } = table.getState();
  const plain = !Object.values(columnVisibility ?? {}).some((visible) => visible === false) && !columnPinning?.left?.length && !columnPinning?.right?.length;
  return (
    <div className={cn('overflow-x-auto', framed && 'rounded-xl border border-slate-200 bg-white')}>
      <table className="w-full text-left text-sm">
        <caption className={captionVisible ? 'mb-2 text-left font-semibold' : 'sr-only'}>{caption}</caption>
        <thead className="bg-slate-100 text-slate-700">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={cn('px-3 py-2 font-medium', header.column.columnDef.meta?.align === 'right' && 'text-right', header.column.columnDef.meta?.nowrap && 'whitespace-nowrap')}>
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody ref={bodyRef}>
          {rows.length === 0 && empty ? (
            <tr className="border-t border-slate-200">
              <td colSpan={table.getVisibleLeafColumns().length} className="px-3 py-2 text-slate-700">
                {empty}
              </td>
            </tr>
          ) : null}
          {rows.map((row) => {
            const props = rowProps?.(row) ?? {};
            return (
              <tr key={row.id} {...props} className={cn('border-t border-slate-200', props.className)}>
                {(plain ? row.getAllCells() : row.getVisibleCells()).map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  const className = cn('px-3 py-2 align-top', meta?.align === 'right' && 'text-right', meta?.rowHeader && 'text-left font-normal', meta?.nowrap && 'whitespace-nowrap', meta?.cellClassName);
                  const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                  return meta?.rowHeader ? (
                    <th key={cell.id} scope="row" className={className}>
                      {content}
                    </th>
                  ) : (
                    <td key={cell.id} className={className}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export type DataColumn = { id: string; header: ReactNode; align?: 'right'; rowHeader?: boolean; nowrap?: boolean; className?: string };
export type DataRow = { id: string; cells: Record<string, ReactNode>; className?: string; data?: Record<`data-${string}`, string> };

/**
 * A table whose cells a server component has already rendered (amounts formatted, forms in place): the column
 * model is TanStack's, the markup TableView's.
 */
export function DataTable({ columns, rows, ...view }: { columns: DataColumn[]; rows: DataRow[] } & Omit<TableViewProps<DataRow>, 'table' | 'rowProps' | 'bodyRef'>) {
  const columnDefs = useMemo<ColumnDef<DataRow>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: () => c.header,
        cell: ({ row }) => row.original.cells[c.id] ?? null,
        meta: { align: c.align, rowHeader: c.rowHeader, nowrap: c.nowrap, cellClassName: c.className },
      })),
    [columns],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the table is rebuilt with its rows on every render
  const table = useReactTable({ data: rows, columns: columnDefs, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id });
  return <TableView table={table} rowProps={(row) => ({ className: row.original.className, ...row.original.data })} {...view} />;
}
