import 'server-only';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import PgBoss from 'pg-boss';
import { getDb } from '@/db/client';
import { purgeStaleLockouts } from './auth/password-lockout';
import { purgeEndedSessions } from './auth/sessions';
import { checkPromises } from './contacts/record-promise';
import { warnMediationDeadlines } from './cases/deadline-warnings';
import type * as ImportProcessModule from './imports/import-process';
import { logger } from './logger';
import { expireOffers } from './offers/expire-offers';
import { lapseUnsignedAgreements } from './agreements/lapse-agreements';
import { dispatchOutbox } from './outbox/dispatch';
import { trackPlans } from './plans/track-plans';
import { purgeExpiredRateLimits } from './rate-limit';
import { sendInstallmentReminders } from './reminders/installment-reminders';
import { flagEscalationReviews } from './review/flag-escalation-reviews';

/**
 * The background work, on a PostgreSQL-backed queue (pg-boss, schema `pgboss`). Every job is one entry of
 * `jobDefinitions`: its name, its cron schedule (null: sent on demand, e.g. an import once uploaded) and its
 * function, which takes the moment to act as of (`now`) so tests drive time by calling it with a later one.
 *
 * To add a job: write it as a plain, idempotent service function taking `now` (running it twice, on two workers
 * at once, or again after a worker died mid-run must not send or record anything twice: a unique mark or a state
 * check in the same transaction as the effect), then add one line here. README ("Background jobs") has the rest.
 *
 * Any number of processes may run the worker (`npm start` runs one beside the web server, `npm run worker` one on
 * its own): pg-boss hands each job to one of them, and a scheduled job is created once per tick whatever the
 * number of workers.
 */
export type JobData = { batchId?: string };

/**
 * The module that starts the import's processes, loaded by its path when a worker runs an import job: this file is
 * also in the web server's bundle (the job names), and the bundler would try to bundle the process's entry file.
 */
const importProcess = (): Promise<typeof ImportProcessModule> =>
  import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(path.join(process.cwd(), 'lib/server/imports/import-process.ts')).href);

export type JobDefinition = {
  name: string;
  schedule: string | null;
  run: (data: JobData, now: Date) => Promise<unknown>;
  /** How long a run may take before pg-boss hands the job to another worker (default 15 minutes). */
  expireInSeconds?: number;
};

export const jobDefinitions: JobDefinition[] = [
  { name: 'expire-offers', schedule: '* * * * *', run: (_, now) => expireOffers(now) },
  // Agreements still unsigned on their first payment day lapse, and the borrower chooses again (agreements/lapse-agreements.ts).
  { name: 'lapse-agreements', schedule: '* * * * *', run: (_, now) => lapseUnsignedAgreements(now) },
  { name: 'dispatch-outbox', schedule: '* * * * *', run: (_, now) => dispatchOutbox(getDb(), { now }), expireInSeconds: 120 },
  { name: 'installment-reminders', schedule: '7 * * * *', run: (_, now) => sendInstallmentReminders(now) },
  { name: 'mediation-deadline-warnings', schedule: '*/15 * * * *', run: (_, now) => warnMediationDeadlines(now) },
  // Promises to pay: kept once paid, broken once their day and grace have passed (the case then tops its queue).
  { name: 'check-promises', schedule: '*/15 * * * *', run: (_, now) => checkPromises(now) },
  // Missed installments and breaches: hourly, so a plan is judged soon after its day turns in any time zone.
  { name: 'track-plans', schedule: '5 * * * *', run: (_, now) => trackPlans(now) },
  // Mediation windows that ended with no agreement join the escalation review list (lib/server/review).
  { name: 'escalation-review', schedule: '*/10 * * * *', run: (_, now) => flagEscalationReviews(now) },
  // The import's two jobs, each in a process of its own (imports/import-process.ts).
  { name: 'import-validate', schedule: null, run: (data, now) => importProcess().then((m) => m.runImportProcess('validate', data.batchId!, now)).then((r) => r.report), expireInSeconds: 30 * 60 },
  { name: 'import-apply', schedule: null, run: (data, now) => importProcess().then((m) => m.runImportProcess('apply', data.batchId!, now)).then((r) => r.report), expireInSeconds: 30 * 60 },
  {
    // Rate-limit counters outlive their window, and sessions their end, only until this hourly sweep.
    name: 'purge-rate-limits',
    schedule: '17 * * * *',
    run: async (_, now) => {
      await purgeExpiredRateLimits(getDb(), now);
      await purgeEndedSessions(getDb());
      await purgeStaleLockouts(getDb());
    },
  },
];

/** Job names, for code that sends a job on demand. */
export const jobs = {
  expireOffers: 'expire-offers',
  lapseAgreements: 'lapse-agreements',
  dispatchOutbox: 'dispatch-outbox',
  installmentReminders: 'installment-reminders',
  deadlineWarnings: 'mediation-deadline-warnings',
  checkPromises: 'check-promises',
  escalationReview: 'escalation-review',
  trackPlans: 'track-plans',
  importValidate: 'import-validate',
  importApply: 'import-apply',
  purgeRateLimits: 'purge-rate-limits',
} as const;

function bossFor(connectionString: string, name: string, sendOnly = false) {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: sendOnly ? 1 : 3, application_name: name, ...(sendOnly ? { supervise: false, schedule: false } : {}) });
  boss.on('error', (error) => logger.error({ err: { name: error.name, message: error.message } }, 'job queue error'));
  return boss;
}

async function ensureQueue(boss: PgBoss, job: JobDefinition) {
  if (await boss.getQueue(job.name)) return;
  await boss.createQueue(job.name, { name: job.name, expireInSeconds: job.expireInSeconds ?? 15 * 60, retryLimit: 3, retryDelay: 30 });
}

/** Workers starting at the same moment create the same queues and schedules: one of them may lose a deadlock or a unique race, and tries again. */
async function withRetry<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= attempts || (code !== '40P01' && code !== '23505' && code !== '40001')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 50)));
    }
  }
}

/** Starts a worker: every job's queue, its schedule (unless `schedule: false`, for tests) and its handler. */
export async function startJobs(connectionString: string, options: { schedule?: boolean; name?: string; pollingIntervalSeconds?: number } = {}): Promise<PgBoss> {
  // An import apply that a dead worker left half-committed (two-phase commit) is settled first: its parts hold locks.
  await import('./imports/prepared-imports').then((m) => m.resolvePreparedImportsAt(connectionString));
  const boss = bossFor(connectionString, options.name ?? 'concord-worker');
  await boss.start();
  for (const job of jobDefinitions) {
    await withRetry(() => ensureQueue(boss, job));
    if (options.schedule !== false && job.schedule) await withRetry(() => boss.schedule(job.name, job.schedule!));
  }
  for (const job of jobDefinitions) {
    await boss.work<JobData>(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([received]) => {
      const started = Date.now();
      const result = await job.run(received?.data ?? {}, new Date());
      logger.debug({ job: job.name, ms: Date.now() - started, result }, 'job done');
    });
  }
  return boss;
}

const globalForJobs = globalThis as unknown as { concordJobSender?: Promise<PgBoss> };

/**
 * Sends a job from a process that does not run the worker (the web server): an import to validate or apply.
 * One sender per process, started on first use.
 */
export async function sendJob(name: string, data: JobData, connectionString: string): Promise<void> {
  globalForJobs.concordJobSender ??= (async () => {
    const boss = bossFor(connectionString, 'concord-web-jobs', true);
    await boss.start();
    return boss;
  })();
  const boss = await globalForJobs.concordJobSender;
  await boss.send(name, data);
}
