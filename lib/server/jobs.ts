import 'server-only';
import PgBoss from 'pg-boss';
import { getDb } from '@/db/client';
import { logger } from './logger';
import { dispatchOutbox } from './notifications';
import { expireOffers } from './offers/expire-offers';
import { purgeExpiredRateLimits } from './rate-limit';
import { purgeStaleLockouts } from './auth/password-lockout';
import { purgeEndedSessions } from './auth/sessions';
import { checkPromises } from './contacts/record-promise';
import { trackPlans } from './plans/track-plans';
import { flagEscalationReviews } from './review/flag-escalation-reviews';

/**
 * Background work on a PostgreSQL-backed queue (pg-boss): offer expiry and
 * outbox dispatch every minute, promises to pay every quarter hour, plan tracking hourly (missed installments, breaches), and an hourly sweep of spent
 * rate-limit counters, ended sessions and stale password-lockout counts. Any number of app instances may
 * run a worker; pg-boss hands each job to one of them.
 */
export const jobs = {
  expireOffers: 'expire-offers',
  dispatchOutbox: 'dispatch-outbox',
  purgeRateLimits: 'purge-rate-limits',
  escalationReview: 'escalation-review',
  checkPromises: 'check-promises',
  trackPlans: 'track-plans',
} as const;

export async function startJobs(connectionString: string, options: { schedule?: boolean } = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 3, application_name: 'concord-jobs' });
  boss.on('error', (error) => logger.error({ err: { name: error.name, message: error.message } }, 'job queue error'));
  await boss.start();
  for (const name of Object.values(jobs)) await boss.createQueue(name);
  if (options.schedule !== false) {
    await boss.schedule(jobs.expireOffers, '* * * * *');
    await boss.schedule(jobs.dispatchOutbox, '* * * * *');
    await boss.schedule(jobs.purgeRateLimits, '17 * * * *');
    await boss.schedule(jobs.checkPromises, '*/15 * * * *');
    // Missed installments and breaches: hourly, so a plan is judged soon after its day turns in any time zone.
    await boss.schedule(jobs.trackPlans, '5 * * * *');
    await boss.schedule(jobs.escalationReview, '*/10 * * * *');
  }
  await boss.work(jobs.expireOffers, async () => {
    const expired = await expireOffers();
    if (expired) logger.info({ expired }, 'offers expired');
  });
  await boss.work(jobs.dispatchOutbox, async () => {
    await dispatchOutbox(getDb());
  });
  // Rate-limit counters outlive their window, and sessions their end, only until this hourly sweep.
  await boss.work(jobs.purgeRateLimits, async () => {
    await purgeExpiredRateLimits(getDb());
    await purgeEndedSessions(getDb());
    await purgeStaleLockouts(getDb());
  });
  // Promises to pay: kept once paid, broken once their day and grace have passed (the case then tops its queue).
  await boss.work(jobs.checkPromises, async () => {
    const result = await checkPromises();
    if (result.kept || result.broken) logger.info(result, 'promises to pay checked');
  });
  await boss.work(jobs.trackPlans, async () => {
    const report = await trackPlans();
    if (report.missed || report.breached || report.completed) logger.info(report, 'plans tracked');
  });
  // Mediation windows that ended with no agreement join the escalation review list (lib/server/review).
  await boss.work(jobs.escalationReview, async () => {
    const flagged = await flagEscalationReviews();
    if (flagged) logger.info({ flagged }, 'cases on escalation review');
  });
  return boss;
}
