import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { creditors } from '@/db/schema';
import { localTime } from '@/lib/domain/contact-rules';
import { defaultPolicy } from '@/lib/domain/policy';
import { dispatchOutbox } from '@/lib/server/outbox/dispatch';
import { sendInstallmentReminders } from '@/lib/server/reminders/installment-reminders';

/**
 * A simulated month of installment reminders on real PostgreSQL with a controllable clock: `borrowers` plans in
 * force, one installment due on each day of the month in turn and one the month after, borrowers in three time
 * zones and some with quiet hours of their own. The clock moves in steps of a quarter hour; each hour the
 * reminder job runs (as the worker does at :07) and each step the dispatcher, both with the simulated `now`.
 * Then every reminder is checked: queued once, and either sent inside the borrower's allowed hours or still
 * waiting for the next allowed moment after the month — none sent outside them, none lost.
 */
export type MonthReport = {
  borrowers: number;
  steps: number;
  remindersExpected: number;
  remindersQueued: number;
  sent: number;
  deferredPastEnd: number;
  deferrals: number;
  sentOutsideHours: number;
  lost: number;
  duplicates: number;
  seconds: number;
  /** Of which in the reminder job and in the dispatcher. */
  reminderSeconds: number;
  dispatchSeconds: number;
};

const zones = ['Asia/Shanghai', 'Asia/Urumqi', 'America/New_York'] as const;

/**
 * The plans, written set-wise (10,000 borrowers in seconds): borrower, loan, case, accepted offer, executed
 * agreement, two installments. One transaction that defers the dashboard's case facts and refreshes them once at
 * the end, as bulk loads do (migration 0017), instead of once per case, offer and agreement.
 */
async function seedPlans(db: Database, count: number, firstDay: string): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local concord.defer_case_facts = 'on'`);
    const creditorId = await seedPlanRows(tx, count, firstDay);
    await tx.execute(sql`select refresh_case_facts_of(array(select id from cases where creditor_id = ${creditorId}))`);
    await tx.execute(sql`set local concord.defer_case_facts = 'off'`);
    return creditorId;
  });
}

async function seedPlanRows(db: Pick<Database, 'insert' | 'execute'>, count: number, firstDay: string): Promise<string> {
  const [creditor] = await db
    .insert(creditors)
    .values({ code: `SIM-${Date.now().toString(36)}`, name: '模拟银行', nameEn: 'Simulation Bank', creditCode: '91330000MA0000000X', registeredAddress: '模拟地址', servicePhone: '95500', court: '模拟法院', policy: defaultPolicy })
    .returning({ id: creditors.id, code: creditors.code });
  const tag = creditor!.code;
  await db.execute(sql`
    with b as (
      insert into borrowers (full_name, resident_id_enc, resident_id_hash, resident_id_masked, phone, timezone, contact_preferences)
      select '模拟借款人' || i, 'sim', ${tag} || ':' || i, '3301**********000X', '19' || lpad((i + (extract(epoch from clock_timestamp())::bigint % 1000) * 100000)::text, 9, '0'),
             (array[${zones[0]}, ${zones[1]}, ${zones[2]}])[1 + (case when i % 10 = 7 then 2 when i % 10 = 3 then 1 else 0 end)],
             case when i % 7 = 0 then '{"quietHours": {"start": "12:00", "end": "14:00"}}'::jsonb when i % 11 = 0 then '{"quietHours": {"start": "18:30", "end": "08:30"}}'::jsonb else '{}'::jsonb end
        from generate_series(1, ${count}) as i
      returning id, resident_id_hash),
    l as (
      insert into loans (creditor_id, borrower_id, contract_no, product, principal, annual_rate_ppm, term_months, repayment_method, start_date, first_due_date, maturity_date, status)
      select ${creditor!.id}, b.id, 'SIM-' || b.resident_id_hash, '消费贷', 1200000, 72000, 12, 'equal_installment', ${firstDay}::date - 200, ${firstDay}::date - 170, ${firstDay}::date + 160, 'restructured'
        from b returning id, borrower_id, contract_no),
    k as (
      insert into cases (case_no, creditor_id, borrower_id, loan_id, state, dpd_at_open, arrears_at_open, mediation_deadline)
      select l.contract_no, ${creditor!.id}, l.borrower_id, l.id, 'plan_active', 60, 100000, now() + interval '30 days' from l
      returning id, case_no),
    o as (
      insert into offers (case_id, author_type, status, terms, priced, regular_payment, number_of_payments, total_payable, end_date, expires_at)
      select k.id, 'system', 'accepted', '{}'::jsonb, '{}'::jsonb, 50000, 2, 100000, ${firstDay}::date + 60, now() from k
      returning id, case_id)
    insert into agreements (agreement_no, case_id, offer_id, status, snapshot, locale, verification_code)
    select 'SIM-A-' || o.case_id, o.case_id, o.id, 'executed', '{}'::jsonb, 'zh-CN', 'SIM-V-' || o.case_id from o`);
  // Installment 1 on day (i mod 30) of the month, installment 2 a month later.
  await db.execute(sql`
    insert into plan_installments (agreement_id, seq, due_date, original_due_date, principal, interest, amount)
    select a.id, s.seq, d.due, d.due, 50000, 0, 50000
      from agreements a join cases k on k.id = a.case_id
      cross join lateral (select split_part(k.case_no, ':', 2)::int as i) n
      cross join lateral (values (1), (2)) as s(seq)
      cross join lateral (select ${firstDay}::date + (n.i % 30) + (s.seq - 1) * 30 as due) d
     where k.creditor_id = ${creditor!.id}`);
  return creditor!.id;
}

export async function simulateMonth(db: Database, options: { borrowers: number; start?: Date; days?: number; stepMinutes?: number; log?: (m: string) => void }): Promise<MonthReport> {
  const start = options.start ?? new Date('2026-03-01T00:00:00Z');
  const days = options.days ?? 30;
  const step = (options.stepMinutes ?? 15) * 60_000;
  const end = new Date(start.getTime() + days * 86_400_000);
  const creditorId = await seedPlans(db, options.borrowers, start.toISOString().slice(0, 10));
  await db.execute(sql`analyze`); // as autovacuum would after a bulk load
  const began = Date.now();
  const timing = { reminders: 0, dispatch: 0 };
  let steps = 0;
  for (let t = start.getTime(); t < end.getTime(); t += step) {
    const now = new Date(t);
    const t0 = performance.now();
    if (now.getUTCMinutes() === 0) await sendInstallmentReminders(now, { limit: 50_000 });
    const t1 = performance.now();
    await dispatchOutbox(db, { now, timeBudgetMs: 600_000 });
    timing.reminders += t1 - t0;
    timing.dispatch += performance.now() - t1;
    steps++;
    if (options.log && now.getUTCHours() === 0 && now.getUTCMinutes() === 0) options.log(`day ${Math.round((t - start.getTime()) / 86_400_000) + 1} of ${days}`);
  }
  const seconds = (Date.now() - began) / 1000;

  // What should have been queued, by the borrower's calendar: the reminder before an installment on the first
  // run within 3 days of it (so also for one due in the month's first days), and the one on its due day.
  const day = (at: Date) => sql`(${at}::timestamptz at time zone b.timezone)::date`;
  const last = new Date(end.getTime() - 3_600_000);
  const { rows: expected } = await db.execute<{ n: number }>(sql`
    select (count(*) filter (where p.due_date - 1 >= ${day(start)} and p.due_date - 3 <= ${day(last)})
          + count(*) filter (where p.due_date between ${day(start)} and ${day(last)}))::int as n
      from plan_installments p join agreements a on a.id = p.agreement_id join cases k on k.id = a.case_id join borrowers b on b.id = k.borrower_id
     where k.creditor_id = ${creditorId}`);
  const { rows: messages } = await db.execute<{ status: string; sent_at: Date | null; scheduled_at: Date; deferrals: number; timezone: string; prefs: { quietHours?: { start: string; end: string } }; case_id: string; template: string; body: string }>(sql`
    select n.status, n.sent_at, n.scheduled_at, n.deferrals, b.timezone, b.contact_preferences as prefs, n.case_id, n.template, n.body
      from notifications n join borrowers b on b.id = n.recipient_id
     where n.creditor_id = ${creditorId} and n.channel = 'sms'`);
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const inside = (minute: number, s: string, e: string) => (minutes(s) <= minutes(e) ? minute >= minutes(s) && minute < minutes(e) : minute >= minutes(s) || minute < minutes(e));
  let sent = 0;
  let deferredPastEnd = 0;
  let outside = 0;
  let lost = 0;
  let deferrals = 0;
  const seen = new Set<string>();
  let duplicates = 0;
  for (const m of messages) {
    deferrals += m.deferrals;
    const key = `${m.case_id}:${m.template}:${m.body}`;
    if (seen.has(key)) duplicates++;
    seen.add(key);
    if (m.status === 'sent' && m.sent_at) {
      sent++;
      const { minute } = localTime(new Date(m.sent_at), m.timezone);
      const window = defaultPolicy.contact;
      if (!inside(minute, window.windowStart, window.windowEnd) || (m.prefs.quietHours && inside(minute, m.prefs.quietHours.start, m.prefs.quietHours.end))) outside++;
    } else if (m.status === 'pending' && new Date(m.scheduled_at) >= end) deferredPastEnd++;
    else lost++;
  }
  return { borrowers: options.borrowers, steps, remindersExpected: expected[0]!.n, remindersQueued: messages.length, sent, deferredPastEnd, deferrals, sentOutsideHours: outside, lost, duplicates, seconds, reminderSeconds: timing.reminders / 1000, dispatchSeconds: timing.dispatch / 1000 };
}
