import 'server-only';
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { getDb, type Database, type Transaction } from '@/db/client';
import { borrowers, contactRecords, creditors, notifications } from '@/db/schema';
import { mayContact, nextContactMoment, type ContactRequest } from '@/lib/domain/contact-rules';
import { creditorPolicy } from '../creditor-policy';
import { logger } from '../logger';
import { channelFor, type OutboxKind } from './channels';

/**
 * The notification dispatcher (job `dispatch-outbox`, every minute, and right after a sign-in code is asked for).
 *
 * Due messages (pending, scheduled at or before `now`) are claimed with FOR UPDATE SKIP LOCKED, so any number of
 * workers dispatch side by side and never take the same message. A message to a borrower that the contact rules
 * govern is decided at the moment it is sent, with the borrower locked (an advisory lock: two workers cannot both
 * take the day's last allowed message) and their contact history read as it then is: allowed, it is sent and the
 * contact recorded; blocked, it is deferred to the next allowed moment (scheduled_at) and the blocked attempt
 * recorded — never dropped and never sent early. Only a borrower's opt-out (no moment ever allowed) ends it, as
 * 'blocked'. The message, its status and its contact record change in one transaction: a worker that dies
 * mid-batch leaves its messages pending, and they are sent once by whoever runs next.
 */
export type DispatchReport = { sent: number; deferred: number; blocked: number; failed: number };

type Row = typeof notifications.$inferSelect;

const historyDays = 8;
const maxAttempts = 5;

async function dispatchBatch(tx: Transaction, kinds: OutboxKind[], now: Date, limit: number, report: DispatchReport): Promise<number> {
  const due = await tx
    .select()
    .from(notifications)
    .where(and(eq(notifications.status, 'pending'), lte(notifications.scheduledAt, now), inArray(notifications.channel, kinds)))
    .orderBy(asc(notifications.scheduledAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (!due.length) return 0;
  const before = report.sent + report.deferred + report.blocked + report.failed;

  // Borrowers whose messages the rules govern: locked (or left for another worker that holds them), with their
  // preferences, their creditors' policies and their recent contact history, read once for the batch.
  const governedIds = [...new Set(due.filter((m) => m.governed && m.recipientId).map((m) => m.recipientId!))].sort();
  const locked = new Set<string>();
  for (const id of governedIds) {
    const [row] = (await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(4242, hashtext(${id})) as ok`)).rows;
    if (row?.ok) locked.add(id);
  }
  const people = locked.size ? await tx.select({ id: borrowers.id, timezone: borrowers.timezone, prefs: borrowers.contactPreferences }).from(borrowers).where(inArray(borrowers.id, [...locked])) : [];
  const personOf = new Map(people.map((p) => [p.id, p]));
  const creditorIds = [...new Set(due.map((m) => m.creditorId).filter((id): id is string => !!id))];
  const policies = creditorIds.length ? await tx.select({ id: creditors.id, policy: creditors.policy }).from(creditors).where(inArray(creditors.id, creditorIds)) : [];
  const policyOf = new Map(policies.map((c) => [c.id, creditorPolicy(c.policy)]));
  const history = locked.size
    ? await tx
        .select({ borrowerId: contactRecords.borrowerId, at: contactRecords.at, channel: contactRecords.channel, outcome: contactRecords.outcome, direction: contactRecords.direction })
        .from(contactRecords)
        .where(and(inArray(contactRecords.borrowerId, [...locked]), gt(contactRecords.at, new Date(now.getTime() - historyDays * 86_400_000))))
    : [];
  const historyOf = new Map<string, typeof history>();
  for (const h of history) historyOf.set(h.borrowerId, [...(historyOf.get(h.borrowerId) ?? []), h]);

  const sent: string[] = [];
  const contacts: (typeof contactRecords.$inferInsert)[] = [];
  for (const message of due) {
    const kind = message.channel as OutboxKind;
    if (message.governed && message.recipientId) {
      if (!locked.has(message.recipientId)) continue; // another worker is deciding for this borrower now
      const person = personOf.get(message.recipientId);
      const policy = policyOf.get(message.creditorId ?? '');
      if (!person || !policy) {
        await tx.update(notifications).set({ status: 'failed', error: 'unknown recipient or creditor' }).where(eq(notifications.id, message.id));
        report.failed++;
        continue;
      }
      const past = historyOf.get(person.id) ?? [];
      // The domain's contact rules decide (lib/domain/contact-rules.ts): allowed now, or the next moment they allow.
      const request: ContactRequest = {
        channel: kind,
        mandatory: message.mandatory,
        now,
        timeZone: person.timezone,
        quietHours: person.prefs.quietHours,
        optOut: person.prefs.optOut,
        history: past as ContactRequest['history'],
        policy: { contact: policy.contact },
      };
      const decision = mayContact(request);
      if (!decision.allowed) {
        const next = nextContactMoment(request);
        const record = { caseId: message.caseId!, borrowerId: person.id, channel: kind, direction: 'outbound' as const, outcome: 'blocked' as const, blockedRule: decision.rule, note: message.template, at: now };
        if (message.caseId) contacts.push(record);
        past.push({ borrowerId: person.id, at: now, channel: kind, outcome: 'blocked', direction: 'outbound' });
        historyOf.set(person.id, past);
        if (next) {
          await tx
            .update(notifications)
            .set({ scheduledAt: next, deferredBy: decision.rule, deferrals: sql`${notifications.deferrals} + 1` })
            .where(eq(notifications.id, message.id));
          report.deferred++;
        } else {
          await tx.update(notifications).set({ status: 'blocked', deferredBy: decision.rule, error: decision.rule }).where(eq(notifications.id, message.id));
          report.blocked++;
        }
        continue;
      }
      if (!(await deliver(tx, message, kind, report))) continue;
      sent.push(message.id);
      if (message.caseId) contacts.push({ caseId: message.caseId, borrowerId: person.id, channel: kind, direction: 'outbound', outcome: 'attempted', note: message.template, at: now });
      past.push({ borrowerId: person.id, at: now, channel: kind, outcome: 'attempted', direction: 'outbound' });
      historyOf.set(person.id, past);
      continue;
    }
    if (await deliver(tx, message, kind, report)) sent.push(message.id);
  }
  if (sent.length) {
    await tx
      .update(notifications)
      .set({ status: 'sent', sentAt: now, attempts: sql`${notifications.attempts} + 1` })
      .where(inArray(notifications.id, sent));
    report.sent += sent.length;
  }
  if (contacts.length) await tx.insert(contactRecords).values(contacts);
  return report.sent + report.deferred + report.blocked + report.failed - before;
}

/** Hands one message to its channel; a failure is retried later (five tries), and is not contact. */
async function deliver(tx: Transaction, message: Row, kind: OutboxKind, report: DispatchReport): Promise<boolean> {
  try {
    await channelFor(kind).send({ id: message.id, channel: kind, toAddress: message.toAddress, subject: message.subject, body: message.body });
    return true;
  } catch (error) {
    const attempts = message.attempts + 1;
    await tx
      .update(notifications)
      .set({ attempts, error: String(error).slice(0, 500), status: attempts >= maxAttempts ? 'failed' : 'pending', scheduledAt: new Date(Date.now() + attempts * 60_000) })
      .where(eq(notifications.id, message.id));
    report.failed++;
    logger.warn({ notificationId: message.id, channel: channelFor(kind).name, attempts }, 'notification delivery failed');
    return false;
  }
}

/**
 * Dispatches what is due at `now`: messages for transactional channels in batches of `batchSize` per
 * transaction, the others one per transaction; until nothing is due or the time budget is spent.
 */
export async function dispatchOutbox(db: Database = getDb(), options: { now?: Date; batchSize?: number; timeBudgetMs?: number } = {}): Promise<DispatchReport> {
  const now = options.now ?? new Date();
  const report: DispatchReport = { sent: 0, deferred: 0, blocked: 0, failed: 0 };
  const kinds: OutboxKind[] = ['sms', 'email', 'letter', 'in_app'];
  const batched = kinds.filter((k) => channelFor(k).transactional);
  const single = kinds.filter((k) => !channelFor(k).transactional);
  const until = Date.now() + (options.timeBudgetMs ?? 50_000);
  for (const [group, size] of [[batched, options.batchSize ?? 200], [single, 1]] as const) {
    if (!group.length) continue;
    while (Date.now() < until) {
      // Nothing done: nothing due, or all of it left to other workers (their borrowers locked); the next round takes it.
      const done = await db.transaction((tx) => dispatchBatch(tx, [...group], now, size, report));
      if (done === 0) break;
    }
  }
  return report;
}
