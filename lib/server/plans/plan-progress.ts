import 'server-only';
import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { cases, contactRecords, notifications, staffUsers, type PaymentAccount } from '@/db/schema';
import type { IsoDate } from '@/lib/domain/dates';
import { delayWindow, type PlanAllocation, type PlanInstallmentState, type PlanResult } from '@/lib/domain/plan';
import type { Actor } from '../actor';
import { loadVisibleCase } from '../cases/case-access';
import { arrearsOf, loanWithHistory } from '../loans/loan-history';
import { excessLeft } from './record-refund';
import { loadPlanOfCase, planIsOpen, planState, planToday, withoutPayment, type LoadedPlan } from './load-plan';

export type PlanStatus = 'active' | 'breached' | 'completed' | 'ended';

export type PlanInstallmentDto = {
  seq: number;
  dueDate: IsoDate;
  /** Set when the one-time delay moved it. */
  delayedFrom: IsoDate | null;
  graceEnds: IsoDate;
  amount: number;
  paid: number;
  outstanding: number;
  interestCancelled: number;
  state: PlanInstallmentState;
  paidOn: IsoDate | null;
};

export type PlanDocumentDto = {
  id: string;
  kind: 'delay_addendum' | 'settlement_certificate';
  documentNo: string;
  verificationCode: string;
  issuedAt: string;
  /** A settlement certificate withdrawn when the payment that paid the plan off was reversed. */
  withdrawn: { at: string; on: IsoDate; reason: string } | null;
};

/** What both sides see of a plan: the borrower on their pages, the mediator on the case file. */
export type PlanProgressDto = {
  caseId: string;
  agreementId: string;
  agreementNo: string;
  agreementDate: IsoDate;
  status: PlanStatus;
  today: IsoDate;
  graceDays: number;
  breachMisses: number;
  installments: PlanInstallmentDto[];
  totals: PlanResult['totals'] & { excessLeft: number };
  next: PlanResult['next'];
  consecutiveMisses: number;
  breach: { at: string; waiver: 'lost' | 'kept' | 'none'; waived: number; owedUnderContract: number | null } | null;
  completedAt: string | null;
  /** The loan's contract number is what the borrower quotes with a transfer, for the creditor to match the payment. */
  howToPay: { creditorName: string; creditorNameEn: string; servicePhone: string; account: PaymentAccount | null; contractNo: string };
  delay: { offered: boolean; maxDays: number; available: boolean; used: { fromDate: IsoDate; toDate: IsoDate; days: number; at: string } | null };
  documents: PlanDocumentDto[];
  /** The payments the plan counts (reversed ones left out), newest first, with the installments each went to. */
  received: PlanReceiptDto[];
};

export type PlanReceiptDto = { receivedOn: IsoDate; amount: number; installments: number[]; excess: number };

export type PlanPaymentDto = {
  id: string;
  receivedOn: IsoDate;
  amount: number;
  channel: string;
  reference: string;
  source: string;
  note: string | null;
  recordedBy: string | null;
  recordedAt: string;
  reversal: { reason: string; at: string; by: string | null } | null;
  allocations: PlanAllocation[];
  excess: number;
  /** Reversing it would leave the plan, paid off, unpaid: its settlement certificate would be withdrawn. */
  undoesCompletion: boolean;
};

export type PlanActivityDto = { at: string; kind: 'message' | 'contact'; channel: string; what: string; status: string; blockedRule: string | null };

export type StaffPlanDto = PlanProgressDto & {
  payments: PlanPaymentDto[];
  refunds: { id: string; amount: number; refundedOn: IsoDate; reference: string; note: string | null; recordedBy: string | null }[];
  activity: PlanActivityDto[];
};

function statusOf(plan: LoadedPlan): PlanStatus {
  if (plan.agreement.planCompletedAt) return 'completed';
  if (plan.agreement.planBreachedAt) return 'breached';
  return plan.kase.state === 'plan_active' ? 'active' : 'ended';
}

async function progressOf(db: Executor, plan: LoadedPlan, now: Date): Promise<PlanProgressDto> {
  const today = planToday(plan, now);
  const result = planState(plan, today);
  const { snapshot } = plan;
  const relief = snapshot.priced.waived.total > 0 || Boolean(snapshot.terms.relief?.rateReduction);
  const waiver = !relief ? 'none' : snapshot.policy.waiverFallsAwayOnBreach ? 'lost' : 'kept';
  let breach: PlanProgressDto['breach'] = null;
  if (plan.agreement.planBreachedAt) {
    // When the relief falls away, what the loan contract says is owed (less everything paid, the plan's payments
    // included): the same arrears engine as the loan page, on the payments not reversed.
    let owedUnderContract: number | null = null;
    if (waiver === 'lost') {
      const history = await loanWithHistory(db, { creditorId: null }, plan.kase.loanId);
      if (history) owedUnderContract = arrearsOf(history, today).totals.enforceableTotalToSettle;
    }
    breach = { at: plan.agreement.planBreachedAt.toISOString(), waiver, waived: snapshot.priced.waived.total, owedUnderContract };
  }
  const bySeq = new Map(plan.installments.map((row) => [row.seq, row]));
  const maxDays = snapshot.policy.selfServiceDelayMaxDays;
  const window = delayWindow({ plan: result, today, maxDays, used: plan.delay !== null, open: planIsOpen(plan) });
  return {
    caseId: plan.kase.id,
    agreementId: plan.agreement.id,
    agreementNo: snapshot.agreementNo,
    agreementDate: snapshot.date,
    status: statusOf(plan),
    today,
    graceDays: plan.rules.graceDays,
    breachMisses: plan.rules.breachConsecutiveMisses,
    installments: result.installments.map((r) => {
      const row = bySeq.get(r.seq)!;
      return { seq: r.seq, dueDate: r.dueDate, delayedFrom: row.originalDueDate !== row.dueDate ? row.originalDueDate : null, graceEnds: r.graceEnds, amount: r.amount, paid: r.paidTotal, outstanding: r.outstanding, interestCancelled: r.interestCancelled, state: r.state, paidOn: r.paidOn };
    }),
    totals: { ...result.totals, excessLeft: excessLeft(plan, result) },
    next: result.next,
    consecutiveMisses: result.consecutiveMisses,
    breach,
    completedAt: plan.agreement.planCompletedAt?.toISOString() ?? null,
    howToPay: { creditorName: plan.creditor.name, creditorNameEn: plan.creditor.nameEn, servicePhone: plan.creditor.servicePhone, account: plan.creditor.paymentAccount ?? null, contractNo: snapshot.loan.contractNo },
    delay: {
      offered: maxDays > 0,
      maxDays,
      available: window.ok,
      used: plan.delay ? { fromDate: plan.delay.fromDate, toDate: plan.delay.toDate, days: plan.delay.days, at: plan.delay.createdAt.toISOString() } : null,
    },
    documents: plan.documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      documentNo: d.documentNo,
      verificationCode: d.verificationCode,
      issuedAt: d.issuedAt.toISOString(),
      withdrawn: d.withdrawal ? { at: d.withdrawal.withdrawnAt.toISOString(), on: planToday(plan, d.withdrawal.withdrawnAt), reason: d.withdrawal.reason } : null,
    })),
    received: result.payments
      .map((p) => ({ receivedOn: p.receivedOn, amount: p.amount, installments: [...new Set(p.allocations.filter((a) => a.total > 0).map((a) => a.seq))], excess: p.excess }))
      .reverse()
      .sort((a, b) => (a.receivedOn < b.receivedOn ? 1 : a.receivedOn > b.receivedOn ? -1 : 0)),
  };
}

/** The plan of a case the actor may see, once its agreement is executed; null before. */
export async function getPlanProgress(actor: Actor, caseId: unknown, now: Date = new Date()): Promise<PlanProgressDto | null> {
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const plan = await loadPlanOfCase(db, kase);
  return plan ? progressOf(db, plan, now) : null;
}

/**
 * Whether the plan stands in for the loan's arrears on the borrower's pages: while it runs and once it is paid in
 * full. After a breach whose relief falls away, what the loan contract says is owed is what counts again.
 */
export function planReplacesArrears(plan: PlanProgressDto | null | undefined): plan is PlanProgressDto {
  return Boolean(plan) && !(plan!.status === 'breached' && plan!.breach?.waiver === 'lost');
}

/** States in which a case has a plan to show: from countersigning on. */
export const planStates = ['plan_active', 'breached', 'completed'] as const;

/** The plan on a loan of the borrower's, if one of its cases has one (the latest). */
export async function getPlanOfLoan(actor: Actor, loanId: string, now: Date = new Date()): Promise<PlanProgressDto | null> {
  if (actor.type !== 'borrower') return null;
  const db = getDb();
  const [kase] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.loanId, loanId), eq(cases.borrowerId, actor.id), inArray(cases.state, [...planStates])))
    .orderBy(desc(cases.openedAt))
    .limit(1);
  if (!kase) return null;
  const plan = await loadPlanOfCase(db, kase);
  return plan ? progressOf(db, plan, now) : null;
}

/** The plans of several of the borrower's cases at once (the home page), by case id. */
export async function getMyPlans(actor: Actor, caseIds: readonly string[], now: Date = new Date()): Promise<Map<string, PlanProgressDto>> {
  const out = new Map<string, PlanProgressDto>();
  if (actor.type !== 'borrower') return out;
  for (const id of caseIds) {
    const progress = await getPlanProgress(actor, id, now);
    if (progress) out.set(id, progress);
  }
  return out;
}

/** The staff view: the same progress, plus every payment with its allocation, reversals, refunds, and the reminders and contacts since the plan started. */
export async function getStaffPlan(actor: Actor, caseId: unknown, now: Date = new Date()): Promise<StaffPlanDto | null> {
  if (actor.type !== 'staff') return null;
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const plan = await loadPlanOfCase(db, kase);
  if (!plan) return null;
  const progress = await progressOf(db, plan, now);
  const result = planState(plan, progress.today);
  const byPayment = new Map(result.payments.map((p) => [p.id, p]));
  const since = plan.agreement.executedAt ?? plan.agreement.createdAt;
  const staffIds = [...new Set([...plan.payments.flatMap((p) => [p.recordedById, p.reversal?.reversedById]), ...plan.refunds.map((r) => r.recordedById)].filter((v): v is string => Boolean(v)))];
  const [names, messages, contacts] = await Promise.all([
    staffIds.length ? db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(inArray(staffUsers.id, staffIds)) : Promise.resolve([]),
    db
      .select({ at: notifications.createdAt, sentAt: notifications.sentAt, channel: notifications.channel, template: notifications.template, status: notifications.status, error: notifications.error, deferredBy: notifications.deferredBy })
      .from(notifications)
      .where(and(eq(notifications.caseId, kase.id), eq(notifications.recipientType, 'borrower'), gte(notifications.createdAt, since)))
      .orderBy(asc(notifications.createdAt)),
    db
      .select({ at: contactRecords.at, channel: contactRecords.channel, outcome: contactRecords.outcome, note: contactRecords.note, blockedRule: contactRecords.blockedRule, direction: contactRecords.direction })
      .from(contactRecords)
      .where(and(eq(contactRecords.caseId, kase.id), gte(contactRecords.at, since)))
      .orderBy(asc(contactRecords.at)),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const activity: PlanActivityDto[] = [
    // A message the contact rules held back waits for the next allowed moment (lib/server/outbox/dispatch.ts): 'deferred', with the rule.
    ...messages.map((m) => {
      const deferred = m.status === 'pending' && m.deferredBy !== null;
      // A message sent is listed when it went out (one queued at night goes in the morning, within the contact hours).
      return { at: (m.sentAt ?? m.at).toISOString(), kind: 'message' as const, channel: m.channel, what: m.template, status: deferred ? 'deferred' : m.status, blockedRule: m.status === 'blocked' ? m.error : deferred ? m.deferredBy : null };
    }),
    // An automatic SMS is written both as a message and a contact attempt: the contact record adds nothing to it then.
    ...contacts.filter((c) => !(c.channel === 'sms' && c.note && messages.some((m) => m.template === c.note))).map((c) => ({ at: c.at.toISOString(), kind: 'contact' as const, channel: c.channel, what: c.note ?? c.direction, status: c.outcome, blockedRule: c.blockedRule })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    ...progress,
    payments: plan.payments.map((p) => ({
      id: p.id,
      receivedOn: p.receivedOn,
      amount: p.amount,
      channel: p.channel,
      reference: p.reference,
      source: p.source,
      note: p.note,
      recordedBy: p.recordedById ? (nameOf.get(p.recordedById) ?? null) : null,
      recordedAt: p.createdAt.toISOString(),
      reversal: p.reversal ? { reason: p.reversal.reason, at: p.reversal.reversedAt.toISOString(), by: nameOf.get(p.reversal.reversedById) ?? null } : null,
      allocations: byPayment.get(p.id)?.allocations ?? [],
      excess: byPayment.get(p.id)?.excess ?? 0,
      undoesCompletion: Boolean(plan.agreement.planCompletedAt) && !p.reversal && !planState(withoutPayment(plan, p.id), progress.today).completedOn,
    })),
    refunds: plan.refunds.map((r) => ({ id: r.id, amount: r.amount, refundedOn: r.refundedOn, reference: r.reference, note: r.note, recordedBy: nameOf.get(r.recordedById) ?? null })),
    activity,
  };
}
