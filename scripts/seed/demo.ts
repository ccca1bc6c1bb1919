import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { borrowers, cases, contactRecords, creditors, loans, negotiationMessages, payments, staffUsers } from '@/db/schema';
import { addDays, todayIn, type IsoDate } from '@/lib/domain/dates';
import { defaultPolicy } from '@/lib/domain/policy';
import { scheduleColumns } from '@/lib/domain/stored-schedule';
import { systemCtx } from '@/lib/server/actor';
import { recordAudit } from '@/lib/server/audit';
import { hashPassword } from '@/lib/server/auth/passwords';
import {
  borrowerMessages,
  callNotes,
  DEMO_CONTRACT_PREFIX,
  DEMO_CREDITOR_CODE,
  DEMO_PASSWORD,
  demoBorrowers,
  demoCreditor,
  demoPhonePrefixes,
  demoSecondCreditor,
  demoStaff,
  mediatorReplies,
  type StaffKey,
} from './demo-data';
import { drawTerms, officeMinute, planDelinquentLoan, planPerformingLoan, productByName, shanghaiTime, type CasePlan, type LoanPlan } from './loans';
import { regionByCode } from './names';
import { makeResidentId, randomAddress, residentIdColumns, sequenceFor } from './people';
import { Rng } from './random';

export { DEMO_CREDITOR_CODE, DEMO_PASSWORD, DEMO_SECOND_CREDITOR_CODE } from './demo-data';

/**
 * The states a demo case reaches through the real code path after the seed, today (scripts/seed/executed-agreement.ts);
 * 赵强's engaged case is also driven there to a plan that starts today.
 */
export const DRIVEN_STATES = ['agreed', 'signed_by_borrower'] as const;
/** The states a demo case reaches by living through its weeks on the seed's clock (scripts/seed/case-histories.ts). */
export const HISTORY_STATES = ['hardship_submitted', 'plan_active', 'breached', 'completed', 'escalated', 'closed'] as const;
export type HistoryState = (typeof HISTORY_STATES)[number];
const isHistory = (state: string) => (HISTORY_STATES as readonly string[]).includes(state);
/** A history whose agreement is made and paid through the services: the loan is as it was before any of it. */
const historyWithPlan = (state: string) => state === 'plan_active' || state === 'breached' || state === 'completed';

/** Serialises seeding (demo and generator) across processes; distinct from the audit and migration locks. */
export const SEED_LOCK_KEY = 727_301;
const DEMO_RNG_SEED = 2026;

type PlannedLoan = { id: string; borrowerIndex: number; creditorId: string; contractNo: string; plan: LoanPlan; case?: CasePlan & { assignee?: StaffKey; settled?: boolean } };

/**
 * Seeds the demo creditor, staff, borrowers, loans and cases. Idempotent: when
 * the demo creditor exists it does nothing. The whole seed is one transaction
 * under an advisory lock, so concurrent starts cannot both insert.
 */
export async function seedDemo(db: Database, options: { now?: Date } = {}): Promise<{ created: boolean }> {
  const existing = await db.select({ id: creditors.id }).from(creditors).where(eq(creditors.code, DEMO_CREDITOR_CODE));
  if (existing.length > 0) return { created: false };

  // argon2 is deliberately slow: hash before taking the lock, not while holding it.
  const hashes = await Promise.all(demoStaff.map(() => hashPassword(DEMO_PASSWORD)));
  const now = options.now ?? new Date();

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const again = await tx.select({ id: creditors.id }).from(creditors).where(eq(creditors.code, DEMO_CREDITOR_CODE));
    if (again.length > 0) return { created: false };
    await insertDemo(tx, hashes, now);
    return { created: true };
  });
}

async function insertDemo(tx: Transaction, hashes: string[], now: Date) {
  const rng = new Rng(DEMO_RNG_SEED);
  const today = todayIn('Asia/Shanghai', now);
  const policy = defaultPolicy;

  const [creditor] = await tx.insert(creditors).values({ ...demoCreditor, policy }).returning({ id: creditors.id });
  const creditorId = creditor!.id;
  // A mediation centre serves several creditors: the bank and a consumer-finance company.
  const [second] = await tx.insert(creditors).values({ ...demoSecondCreditor, policy }).returning({ id: creditors.id });
  const employerId = { bank: creditorId, cf: second!.id, centre: null } as const;
  const staffIds = new Map<StaffKey, string>();
  for (const [i, staff] of demoStaff.entries()) {
    const id = crypto.randomUUID();
    staffIds.set(staff.key, id);
    await tx.insert(staffUsers).values({ id, creditorId: employerId[staff.employer], email: staff.email, name: staff.name, role: staff.role, passwordHash: hashes[i]! });
  }
  const mediators: StaffKey[] = ['mediator1', 'mediator2', 'mediator3'];

  // Borrowers: fixed people, deterministic IDs and phones (the same demo on every machine).
  const phones = new Set(demoBorrowers.flatMap((b) => (b.phone ? [b.phone] : [])));
  const borrowerRows = demoBorrowers.map((spec) => {
    let phone = spec.phone;
    while (!phone || (phone !== spec.phone && phones.has(phone))) phone = `${rng.pick(demoPhonePrefixes)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    phones.add(phone);
    // Slots 0–248 give sequences 001–498; the benchmark generator uses 499 and above, so IDs never collide.
    const residentId = makeResidentId(spec.region, spec.birth, sequenceFor(rng.int(0, 248), spec.gender));
    return {
      id: crypto.randomUUID(),
      fullName: spec.name,
      ...residentIdColumns(residentId),
      phone,
      email: spec.email ?? null,
      address: randomAddress(rng, regionByCode(spec.region).prefix),
      locale: spec.locale ?? 'zh-CN',
    };
  });
  await tx.insert(borrowers).values(borrowerRows);

  // Loans and their case timelines.
  const planned: PlannedLoan[] = [];
  demoBorrowers.forEach((spec, borrowerIndex) => {
    for (const loanSpec of spec.loans) {
      const terms = drawTerms(rng, productByName(loanSpec.product), loanSpec.method);
      const id = crypto.randomUUID();
      if (!loanSpec.case) {
        planned.push({ id, borrowerIndex, creditorId: loanSpec.creditor === 'cf' ? second!.id : creditorId, contractNo: '', plan: planPerformingLoan(rng, { terms, today }) });
        continue;
      }
      const { state, bucket, settled, assignee, ageDays } = loanSpec.case;
      const { loan: drawn, case: casePlan } = planDelinquentLoan(rng, { terms, state, bucket, today, windowDays: policy.mediationWindowDays, settledOnClose: settled, ageDays });
      // Restructured and repaid by the plan the history makes (case-histories.ts), not by the seed.
      const plan = historyWithPlan(state) ? { ...drawn, status: 'delinquent' as const, payments: drawn.payments.filter((pay) => pay.label !== 'SETTLE') } : drawn;
      planned.push({ id, borrowerIndex, creditorId: loanSpec.creditor === 'cf' ? second!.id : creditorId, contractNo: '', plan, case: { ...casePlan, assignee, settled } });
    }
  });
  // Contract numbers rise with the start date, with gaps for the bank's other customers.
  let contractCounter = rng.int(100, 400);
  for (const p of [...planned].sort((a, b) => a.plan.startDate.localeCompare(b.plan.startDate))) {
    contractCounter += rng.int(3, 97);
    p.contractNo = `${DEMO_CONTRACT_PREFIX}-${p.plan.startDate.slice(0, 4)}-${String(contractCounter).padStart(6, '0')}`;
  }

  for (const p of planned) {
    await tx.insert(loans).values({
      id: p.id,
      creditorId: p.creditorId,
      borrowerId: borrowerRows[p.borrowerIndex]!.id,
      contractNo: p.contractNo,
      product: p.plan.product,
      principal: p.plan.principal,
      annualRatePpm: p.plan.annualRatePpm,
      termMonths: p.plan.termMonths,
      repaymentMethod: p.plan.repaymentMethod,
      startDate: p.plan.startDate,
      firstDueDate: p.plan.firstDueDate,
      maturityDate: p.plan.maturityDate,
      status: p.plan.status,
      ...scheduleColumns(p.plan.schedule),
    });
    if (p.plan.payments.length > 0) {
      await tx.insert(payments).values(
        p.plan.payments.map((pay) => ({ loanId: p.id, receivedOn: pay.receivedOn, amount: pay.amount, channel: pay.channel, reference: `${p.contractNo}-P${pay.label}` })),
      );
    }
  }

  // Case numbers follow the order cases were opened, as a live system would have issued them.
  const withCases = planned.filter((p): p is PlannedLoan & { case: NonNullable<PlannedLoan['case']> } => p.case !== undefined);
  withCases.sort((a, b) => a.case.openedAt.getTime() - b.case.openedAt.getTime());
  for (const [i, p] of withCases.entries()) {
    const plan = p.case;
    const assigneeKey = plan.assignee ?? (plan.state === 'invited' && i % 2 === 1 ? undefined : mediators[i % mediators.length]!);
    const assigneeId = assigneeKey ? staffIds.get(assigneeKey)! : null;
    const borrower = borrowerRows[p.borrowerIndex]!;
    const caseId = crypto.randomUUID();
    await tx.insert(cases).values({
      id: caseId,
      caseNo: `CASE-${plan.openedDate.slice(0, 4)}-${String(i + 1).padStart(6, '0')}`,
      creditorId: p.creditorId,
      borrowerId: borrower.id,
      loanId: p.id,
      // A state that stands for an agreement is reached through the services afterwards (executed-agreement.ts), so that its
      // offers, agreement, signatures and plan exist: until then the case is where the borrower left it. A broken or
      // ended case lives its history through the services on the seed's clock (case-histories.ts) from negotiating, a
      // statement of hardship is submitted there from engaged.
      state: (DRIVEN_STATES as readonly string[]).includes(plan.state) || plan.state === 'hardship_submitted' ? 'engaged' : isHistory(plan.state) ? 'negotiating' : plan.state,
      assigneeId,
      dpdAtOpen: plan.dpdAtOpen,
      arrearsAtOpen: plan.arrearsAtOpen,
      openedAt: plan.openedAt,
      mediationDeadline: plan.mediationDeadline,
      closedAt: plan.closedAt,
      // Past 'invited', the borrower has opened the case (the dashboard's "engaged").
      engagedAt: plan.state === 'invited' ? null : new Date(plan.openedAt.getTime() + 26 * 3_600_000),
      // Past its window with no agreement: already on the escalation review list (the job would put it there); a history
      // case is put there by the job itself, on the seed's clock.
      escalationReviewSince: ['invited', 'engaged', 'hardship_submitted', 'negotiating'].includes(plan.state) && plan.mediationDeadline <= now ? plan.mediationDeadline : null,
    });
    await insertHistory(tx, rng, { caseId, borrowerId: borrower.id, locale: borrower.locale, assigneeId, plan, today });
  }

  await recordAudit(tx, systemCtx, {
    action: 'seed.demo',
    entityType: 'creditor',
    entityId: creditorId,
    data: { borrowers: borrowerRows.length, loans: planned.length, cases: withCases.length, today },
  });
}

/**
 * A little history per case so the screens are not empty: the invitation SMS,
 * a call for every case past 'invited', a letter before escalation, and a short
 * exchange where the borrower is negotiating. All inside 09:00–18:00, before today.
 */
async function insertHistory(
  tx: Transaction,
  rng: Rng,
  input: { caseId: string; borrowerId: string; locale: string; assigneeId: string | null; plan: CasePlan; today: IsoDate },
) {
  const { caseId, borrowerId, assigneeId, plan } = input;
  const lastDay = plan.closedDate ?? addDays(input.today, -1);
  const dayAfterOpen = (days: number) => {
    const date = addDays(plan.openedDate, days);
    return date < lastDay ? date : lastDay;
  };
  const records: (typeof contactRecords.$inferInsert)[] = [
    { caseId, borrowerId, channel: 'sms', direction: 'outbound', outcome: 'attempted', note: '发送诉前调解邀请短信（含案件链接与核验码）', at: new Date(plan.openedAt.getTime() + 120_000) },
  ];
  const note = callNotes[plan.state];
  if (note && assigneeId) {
    if (rng.chance(0.5)) {
      records.push({ caseId, borrowerId, staffId: assigneeId, channel: 'phone', direction: 'outbound', outcome: 'unanswered', at: shanghaiTime(dayAfterOpen(1), officeMinute(rng)) });
    }
    // An escalated case's letters are the notices its history sends (case-histories.ts).
    // Early states: the first real conversation; later ones: the call that explains where the case stands now.
    const early = ['engaged', 'hardship_submitted', 'negotiating', 'agreed', 'signed_by_borrower'].includes(plan.state);
    // A completed case's call confirms the payment that settled it (an hour after); an ended case's explains its end (before).
    const at = early ? shanghaiTime(dayAfterOpen(2), officeMinute(rng)) : plan.closedAt ? new Date(plan.closedAt.getTime() + (plan.state === 'completed' ? 1 : -1) * 3_600_000) : shanghaiTime(lastDay, officeMinute(rng));
    records.push({ caseId, borrowerId, staffId: assigneeId, channel: 'phone', direction: 'outbound', outcome: 'effective', note, at });
  }
  await tx.insert(contactRecords).values(records);

  // The borrower explained their situation and the mediator answered, before any offer (every case that negotiated).
  if ((['hardship_submitted', 'negotiating', 'agreed'].includes(plan.state) || isHistory(plan.state)) && assigneeId) {
    const lang = input.locale === 'en' ? 'en' : 'zh-CN';
    await tx.insert(negotiationMessages).values([
      { caseId, authorType: 'borrower', authorId: borrowerId, body: rng.pick(borrowerMessages[lang]), createdAt: shanghaiTime(dayAfterOpen(1), officeMinute(rng)) },
      { caseId, authorType: 'staff', authorId: assigneeId, body: mediatorReplies[plan.state === 'hardship_submitted' ? 'statement' : 'message'][lang], createdAt: shanghaiTime(dayAfterOpen(2), 17 * 60 + 30) },
    ]);
  }
}
