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
 *          what the budget allows a borrower page above the floor.
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
