import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { borrowers, cases, payments, planInstallments, staffUsers } from '@/db/schema';
import type { Ctx } from '@/lib/server/actor';
import { postCaseMessage } from '@/lib/server/cases/case-messages';
import { addNote } from '@/lib/server/contacts/add-note';
import { recordContact } from '@/lib/server/contacts/record-contact';
import { recordPromise } from '@/lib/server/contacts/record-promise';
import { scheduleCallback } from '@/lib/server/contacts/schedule-callback';
import { saveHardshipStep } from '@/lib/server/hardship/save-hardship-step';
import { submitHardship } from '@/lib/server/hardship/submit-hardship';
import { recordPayment } from '@/lib/server/plans/record-payment';
import { makeExecutedPlan } from '@/lib/testing/plans';
import { todayIn } from '@/lib/domain/dates';
import { displayTimeZone } from '@/lib/i18n/config';

/** The borrower whose case the case file is measured on: found by name when the bench database already has it. */
export const CASE_FILE_BORROWER = '案卷基准测试人';

const meta = { ip: '127.0.0.1', userAgent: 'bench' };
const day = 86_400_000;
/** 10:00 on the borrower's clock (Beijing), `daysAgo` days back: inside the contact hours. */
const morning = (daysAgo: number, hour = 10) => {
  const d = new Date(Date.now() - daysAgo * day);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour - 8, 5 * (daysAgo % 7)));
};
/** The day on the portfolio's calendar (Beijing), as the services read a date: from 16:00 UTC it is already tomorrow. */
const iso = (date: Date) => todayIn(displayTimeZone, date);

/**
 * The case the case file is measured on (issue 14): not an empty generated case but one a mediator works, with
 * everything the page shows, written through the services as the people would have: a submitted hardship statement,
 * questions and answers on the thread, the suggested offers and the one accepted, the agreement in force and its plan
 * (a payment recorded), three weeks of contacts (answered, unanswered, a promise to pay, one refused by the rules),
 * notes, promises to pay and callbacks. Built once per bench database, in the given creditor, assigned to one of its
 * mediators.
 */
export async function caseFileSubject(db: Database, creditorId: string): Promise<{ caseId: string; caseNo: string; summary: string }> {
  const built = await findOrBuild(db, creditorId);
  // What the page has to show, printed with the figures so that a run on an emptier case would be seen.
  const [counts] = (
    await db.execute<Record<string, number>>(sql`select
      (select count(*)::int from offers where case_id = ${built.caseId}) as offers,
      (select count(*)::int from negotiation_messages where case_id = ${built.caseId}) as messages,
      (select count(*)::int from contact_records where case_id = ${built.caseId}) as contacts,
      (select count(*)::int from case_notes where case_id = ${built.caseId}) as notes,
      (select count(*)::int from promises_to_pay where case_id = ${built.caseId}) as promises,
      (select count(*)::int from callbacks where case_id = ${built.caseId}) as callbacks,
      (select count(*)::int from audit_events where entity_type = 'case' and entity_id = ${built.caseId}) as "audit events",
      (select count(*)::int from plan_installments i join agreements a on a.id = i.agreement_id where a.case_id = ${built.caseId}) as "plan installments"`)
  ).rows;
  return { ...built, summary: Object.entries(counts!).map(([what, n]) => `${n} ${what}`).join(', ') };
}

async function findOrBuild(db: Database, creditorId: string): Promise<{ caseId: string; caseNo: string }> {
  const [found] = await db
    .select({ caseId: cases.id, caseNo: cases.caseNo })
    .from(cases)
    .innerJoin(borrowers, eq(borrowers.id, cases.borrowerId))
    .where(and(eq(cases.creditorId, creditorId), eq(borrowers.fullName, CASE_FILE_BORROWER)))
    .limit(1);
  if (found) {
    // Built to the end (its payment, the last thing written, is there); a build cut short is renamed out of the way.
    const [paid] = await db.select({ id: payments.id }).from(payments).where(eq(payments.reference, `BENCH-${found.caseNo}-1`)).limit(1);
    if (paid) return found;
    await db.execute(sql`update borrowers set full_name = ${`${CASE_FILE_BORROWER}（未建完）`} where id = (select borrower_id from cases where id = ${found.caseId})`);
  }
  const [mediator] = await db.select({ id: staffUsers.id }).from(staffUsers).where(and(eq(staffUsers.creditorId, creditorId), eq(staffUsers.role, 'mediator'), eq(staffUsers.active, true))).orderBy(staffUsers.email).limit(1);
  if (!mediator) throw new Error('the creditor has no mediator to work the measured case');
  const staff: Ctx = { actor: { type: 'staff', id: mediator.id, role: 'mediator', creditorId }, meta };
  const thread = async (caseId: string, borrower: Ctx, turns: number) => {
    for (let i = 0; i < turns; i++) {
      await postCaseMessage(borrower, { caseId, body: `我想了解一下还款安排，第${i + 1}个问题：每月最多能还多少？` });
      await postCaseMessage(staff, { caseId, body: `您好，关于第${i + 1}个问题：我们可以按您的收支情况分期，请先提交困难说明。` });
    }
  };
  const plan = await makeExecutedPlan(db, {
    creditorId,
    mediatorId: mediator.id,
    fullName: CASE_FILE_BORROWER,
    beforeOffers: async (kase, borrower) => {
      const steps = [
        ['household', { adults: '2', childrenUnder6: '1', children6to17: '1', otherDependants: '0', housing: 'rent', employment: 'unemployed' }],
        ['income', { income: { wages: '', business: '', pension: '', benefits: '1200', familySupport: '800', otherIncome: '' } }],
        ['costs', { fixedCosts: { housing: '1500', utilities: '300', transport: '200', education: '', medical: '400', insurance: '', otherFixed: '' }, flexibleCosts: { food: '2000', communications: '100', personal: '200', otherFlexible: '' }, explanations: {} }],
        ['debts', { debts: [{ lender: '某信用卡', monthlyPayment: '300', priority: false }, { lender: '房租欠款', monthlyPayment: '100', priority: true }] }],
        ['reason', { reason: { category: 'job_loss', since: iso(new Date(Date.now() - 120 * day)), duration: 'temporary', details: '工厂裁员，正在找工作，家里还有两个孩子要养。' } }],
      ] as const;
      let rowVersion: number | null = null;
      for (const [step, values] of steps) ({ rowVersion } = await saveHardshipStep(borrower, { caseId: kase.id, step, values, rowVersion }));
      await submitHardship(borrower, { caseId: kase.id, rowVersion: rowVersion! });
      await thread(kase.id, borrower, 3);
    },
  });
  const caseId = plan.kase.id;
  await thread(caseId, plan.borrowerCtx, 2);
  // Three weeks of calls and messages, two a day at most, as the rules allow; one call late at night, which they refuse.
  const results = ['no_answer', 'reached', 'no_answer', 'refused', 'reached', 'no_answer', 'wrong_number', 'reached'] as const;
  for (let d = 20; d >= 1; d -= 2) {
    const result = results[d % results.length]!;
    await recordContact(staff, { caseId, channel: 'phone', direction: 'outbound', party: 'borrower', result, note: `第${21 - d}天电话：${result}` }, morning(d));
    await recordContact(staff, { caseId, channel: 'sms', direction: 'outbound', party: 'borrower', result: 'reached', note: '短信提醒还款' }, morning(d, 15));
  }
  await recordContact(staff, { caseId, channel: 'phone', direction: 'outbound', party: 'borrower', result: 'reached', note: '深夜尝试' }, morning(3, 23));
  await recordContact(staff, { caseId, channel: 'phone', direction: 'inbound', party: 'borrower', result: 'promise_to_pay', promiseDate: iso(new Date(Date.now() + 5 * day)), promiseAmount: '500' }, morning(2, 11));
  for (let i = 0; i < 10; i++) await addNote(staff, { caseId, body: `跟进记录 ${i + 1}：借款人表示会按计划还款，家庭情况稳定。` }, morning(19 - 2 * i, 16));
  await recordPromise(staff, { caseId, promiseDate: iso(new Date(Date.now() + 12 * day)), promiseAmount: '800' });
  await scheduleCallback(staff, { caseId, dueAt: `${iso(new Date(Date.now() + 2 * day))}T10:30`, note: '确认首期还款' });
  await scheduleCallback(staff, { caseId, dueAt: `${iso(new Date(Date.now() + 9 * day))}T15:00`, note: '' });
  const [first] = await db.select().from(planInstallments).where(eq(planInstallments.agreementId, plan.agreementId)).orderBy(planInstallments.seq).limit(1);
  await recordPayment(staff, caseId, { amount: (Math.min(first!.amount, 50_000) / 100).toFixed(2), receivedOn: iso(new Date()), channel: 'bank_transfer', reference: `BENCH-${plan.kase.caseNo}-1` });
  await db.execute(sql`analyze contact_records, case_notes, negotiation_messages, offers, audit_events`);
  return { caseId, caseNo: plan.kase.caseNo };
}
