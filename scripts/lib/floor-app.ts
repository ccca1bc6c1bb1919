import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * The framework's floor, built in the bench from the project's own Next and
 * React (its node_modules; nothing is downloaded, nothing is committed): a bare
 * App Router app in a temporary directory with
 *   /      an empty dynamic page that reads cookies, under a bare root layout;
 *   /form  the same page with one react-hook-form + zod form (phone and code),
 *          what the budget allows a borrower page above the floor;
 *   /table the same page with a TanStack Table client component of 50 rows in
 *          the queue's columns (links, checkboxes, formatted money and times),
 *          its data made in the page: what the stack alone costs to render a
 *          page of the queue, with no session, no database and no messages.
 * The directory sits under .bench-data/ (ignored by git) because Turbopack
 * compiles only files below its root, the directory with the lockfile, which
 * is this project; it is removed when the bench ends.
 */
const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'concord-bench-floor', private: true, type: 'module' }),
  'next.config.mjs': 'export default { poweredByHeader: false };\n',
  'app/layout.jsx': `export const metadata = { title: 'Floor', description: 'A bare App Router page' };
export default function RootLayout({ children }) {
  return (<html lang="en"><body>{children}</body></html>);
}
`,
  'app/page.jsx': `import { cookies } from 'next/headers';
export default async function Page() {
  const jar = await cookies();
  return (<main><h1>Floor</h1><p>{jar.getAll().length} cookies</p></main>);
}
`,
  'app/form/page.jsx': `import { cookies } from 'next/headers';
import { Form } from './form';
export default async function Page() {
  const jar = await cookies();
  return (<main><h1>One form</h1><p>{jar.getAll().length} cookies</p><Form /></main>);
}
`,
  'app/form/form.jsx': `'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
const schema = z.object({ phone: z.string().trim().regex(/^1\\d{10}$/, 'Enter your mobile number'), code: z.string().trim().length(6, 'The code has six digits') });
export function Form() {
  const { register, handleSubmit, formState: { errors, isSubmitting } } = useForm({ resolver: zodResolver(schema), mode: 'onTouched' });
  return (
    <form onSubmit={handleSubmit(async () => {})} noValidate>
      <label htmlFor="phone">Mobile number</label>
      <input id="phone" inputMode="numeric" aria-invalid={errors.phone ? true : undefined} {...register('phone')} />
      {errors.phone ? <p role="alert">{errors.phone.message}</p> : null}
      <label htmlFor="code">Code</label>
      <input id="code" inputMode="numeric" aria-invalid={errors.code ? true : undefined} {...register('code')} />
      {errors.code ? <p role="alert">{errors.code.message}</p> : null}
      <button type="submit" disabled={isSubmitting}>Sign in</button>
    </form>
  );
}
`,
  'app/table/page.jsx': `import { cookies } from 'next/headers';
import { Table } from './table';
export default async function Page() {
  const jar = await cookies();
  const at = (day, hour) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();
  const rows = Array.from({ length: 50 }, (_, i) => ({
    id: '0f9e8a4c-1234-4abc-9def-' + String(100000000000 + i),
    caseNo: 'CASE-2026-' + String(100000 + i),
    borrowerName: '张伟' + i,
    phoneMasked: '138****' + String(1000 + i),
    contractNo: 'HT-2025-' + String(90000 + i),
    state: ['invited', 'engaged', 'negotiating'][i % 3],
    daysPastDue: 30 + i,
    bucket: i < 30 ? 'M1' : 'M2',
    arrearsAtOpen: 1234567 + i * 1000,
    mediationDeadline: at(1 + (i % 28), 16),
    nextAction: ['first_contact', 'follow_up', 'callback'][i % 3],
    nextActionAt: at(1 + (i % 28), 2),
    assigneeName: '调解员' + (i % 5),
    lastContactAt: i % 3 ? at(2, 4) : null,
  }));
  return (<main><h1>Queue</h1><p>{jar.getAll().length} cookies</p><Table rows={rows} /></main>);
}
`,
  'app/table/table.jsx': `'use client';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import Link from 'next/link';
import { useMemo, useState } from 'react';
const h = createColumnHelper();
const money = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });
const time = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium' });
const sortable = (key, label) => <Link href={'/table?sort=' + key}>{label}</Link>;
export function Table({ rows }) {
  const [selected, setSelected] = useState(new Set());
  const toggle = (id) => setSelected((s) => { const next = new Set(s); if (next.has(id)) next.delete(id); else next.add(id); return next; });
  const columns = useMemo(() => [
    h.display({ id: 'select', header: () => <input type="checkbox" aria-label="Select this page" />, cell: ({ row }) => <input type="checkbox" aria-label={'Select ' + row.original.caseNo} checked={selected.has(row.id)} onChange={() => toggle(row.id)} /> }),
    h.display({ id: 'caseNo', header: () => sortable('caseNo', 'Case'), cell: ({ row }) => <Link href={'/cases/' + row.original.id} tabIndex={-1}>{row.original.caseNo}</Link> }),
    h.display({ id: 'borrower', header: () => 'Borrower', cell: ({ row }) => <>{row.original.borrowerName} <span>{row.original.phoneMasked}</span><span>{row.original.contractNo}</span></> }),
    h.display({ id: 'state', header: () => 'State', cell: ({ row }) => row.original.state }),
    h.display({ id: 'dpd', header: () => sortable('dpd', 'Days past due'), cell: ({ row }) => <span>{row.original.daysPastDue} <span>{row.original.bucket}</span></span> }),
    h.display({ id: 'arrears', header: () => sortable('amount', 'Arrears'), cell: ({ row }) => <span>{money.format(row.original.arrearsAtOpen / 100)}</span> }),
    h.display({ id: 'deadline', header: () => sortable('deadline', 'Deadline'), cell: ({ row }) => <span>{day.format(new Date(row.original.mediationDeadline))}</span> }),
    h.display({ id: 'next', header: () => sortable('priority', 'Next action'), cell: ({ row }) => <span>{row.original.nextAction}<span>{time.format(new Date(row.original.nextActionAt))}</span></span> }),
    h.display({ id: 'assignee', header: () => 'Assignee', cell: ({ row }) => row.original.assigneeName }),
    h.display({ id: 'lastContact', header: () => sortable('lastContact', 'Last contact'), cell: ({ row }) => (row.original.lastContactAt ? time.format(new Date(row.original.lastContactAt)) : 'never') }),
  ], [selected]);
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.id });
  return (
    <table>
      <caption>Cases</caption>
      <thead>{table.getHeaderGroups().map((g) => <tr key={g.id}>{g.headers.map((c) => <th key={c.id} scope="col">{flexRender(c.column.columnDef.header, c.getContext())}</th>)}</tr>)}</thead>
      <tbody>{table.getRowModel().rows.map((r) => <tr key={r.id} tabIndex={0} data-case={r.original.caseNo} onKeyDown={(e) => { if (e.key === 'Enter') location.assign('/cases/' + r.id); }}>{r.getVisibleCells().map((c) => <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>)}</tr>)}</tbody>
    </table>
  );
}
`,
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, command, { cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Builds the floor app and serves it (`next start`) on a free port; `stop()` ends the server and removes the directory. */
export async function startFloorApp(projectRoot: string, log: (message: string) => void): Promise<{ base: string; pid: number; stop: () => Promise<void> }> {
  const parent = path.join(projectRoot, '.bench-data');
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, 'floor-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const nextBin = path.join(projectRoot, 'node_modules/next/dist/bin/next');
    log('building the floor (a bare App Router page of the same Next and React)…');
    const build = run([nextBin, 'build'], dir, { NODE_ENV: 'production' });
    let output = '';
    build.stdout!.on('data', (chunk) => (output += chunk));
    build.stderr!.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => build.on('exit', resolve));
    if (code !== 0) throw new Error(`the floor app did not build (${code}):\n${output.slice(-3000)}`);
    const port = await freePort();
    const server = run([nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], dir, { NODE_ENV: 'production' });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/`).then((r) => r.ok).catch(() => false)) break;
      if (i > 100 || server.exitCode !== null) throw new Error('the floor app did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    return {
      base,
      pid: server.pid!,
      stop: async () => {
        if (server.exitCode === null) {
          server.kill('SIGTERM');
          await new Promise((r) => server.once('exit', r));
        }
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}
