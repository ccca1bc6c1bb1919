import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { planDelays, planInstallments } from '@/db/schema';
import { delayEffect, delayWindow, type DelayEffect, type DelayRefusal, type DelayRequest, type DelayWindow } from '@/lib/domain/plan';
import { formatMoney } from '@/lib/domain/money';
import { delaySchema } from '@/lib/validation/plan';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { queueNotification } from '../notifications';
import { loadVisiblePlan, planIsOpen, planState, planToday, type LoadedPlan } from './load-plan';
import { issuePlanDocument, type SealDeps } from './plan-documents';
import { syncPlan } from './sync-plan';

export type DelayOptionsDto =
  | { available: true; window: DelayWindow; graceDays: number; effect: DelayEffect | null }
  | { available: false; reason: DelayRefusal; used: { fromDate: string; toDate: string; days: number; at: string; addendumId: string | null } | null };

function delayRequest(plan: LoadedPlan, now: Date): DelayRequest {
  const today = planToday(plan, now);
  return { plan: planState(plan, today), today, maxDays: plan.snapshot.policy.selfServiceDelayMaxDays, used: plan.delay !== null, open: planIsOpen(plan) };
}

/** What the borrower may delay today, and (with `days`) the effect of it, shown before they confirm. Only the borrower's own plan. */
export async function getDelayOptions(actor: Actor, caseId: unknown, days?: number, now: Date = new Date()): Promise<DelayOptionsDto> {
  if (actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const plan = await loadVisiblePlan(getDb(), actor, caseId);
  const request = delayRequest(plan, now);
  const window = delayWindow(request);
  if (!window.ok) {
    const addendum = plan.documents.find((d) => d.kind === 'delay_addendum');
    const used = plan.delay ? { fromDate: plan.delay.fromDate, toDate: plan.delay.toDate, days: plan.delay.days, at: plan.delay.createdAt.toISOString(), addendumId: addendum?.id ?? null } : null;
    return { available: false, reason: window.reason, used };
  }
  const effect = days === undefined ? null : delayEffect(request, days, plan.rules.graceDays);
  return { available: true, window: window.window, graceDays: plan.rules.graceDays, effect: effect?.ok ? effect.effect : null };
}

/**
 * The borrower takes the plan's one-time delay from their own page: the next installment still to pay moves back by
 * the days chosen (within the agreement's limit), without a new agreement. In one transaction: the installment's
 * new date, the delay (unique per agreement: a second request, even a simultaneous one, is refused with the reason),
 * the sealed addendum, the audit event, and a message to the borrower.
 */
export async function confirmDelay(ctx: Ctx, caseId: unknown, raw: unknown, now: Date = new Date(), deps?: SealDeps) {
  const { actor } = ctx;
  if (actor.type !== 'borrower') throw new AppError('NOT_FOUND');
  const { days } = delaySchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const plan = await loadVisiblePlan(tx, actor, caseId, { forUpdate: true });
    const result = delayEffect(delayRequest(plan, now), days, plan.rules.graceDays);
    if (!result.ok) throw new AppError('CONFLICT', { message: `validation.${result.reason}` });
    const { effect } = result;
    const installment = plan.installments.find((row) => row.seq === effect.seq)!;
    const [delay] = await tx
      .insert(planDelays)
      .values({ agreementId: plan.agreement.id, installmentId: installment.id, fromDate: effect.from, toDate: effect.to, days: effect.days, requestedByType: 'borrower', requestedById: actor.id, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!delay) throw new AppError('CONFLICT', { message: 'validation.delay.used' });
    await tx
      .update(planInstallments)
      .set({ dueDate: effect.to, details: sql`${planInstallments.details} || ${JSON.stringify({ delayedFrom: effect.from, delayDays: effect.days })}::jsonb` })
      .where(and(eq(planInstallments.id, installment.id), eq(planInstallments.dueDate, effect.from)));
    installment.dueDate = effect.to;
    plan.delay = delay;
    const addendum = await issuePlanDocument(
      tx,
      plan,
      { kind: 'delay_addendum', seq: effect.seq, outstanding: effect.outstanding, fromDate: effect.from, toDate: effect.to, days: effect.days, graceEnds: effect.graceEnds, maxDays: plan.snapshot.policy.selfServiceDelayMaxDays, confirmed: { at: now.toISOString(), ip: ctx.meta.ip ?? null, device: ctx.meta.userAgent?.slice(0, 200) ?? null } },
      now,
      deps,
    );
    await recordAudit(tx, ctx, {
      action: 'plan.delayed',
      entityType: 'agreement',
      entityId: plan.agreement.id,
      data: { seq: effect.seq, fromDate: effect.from, toDate: effect.to, days: effect.days, outstanding: effect.outstanding, addendum: addendum.documentNo, sha256: addendum.sha256 },
    });
    await syncPlan(tx, ctx, plan, now, deps);
    const money = formatMoney(effect.outstanding, plan.borrower.locale === 'en' ? 'en' : 'zh-CN');
    // The borrower did this themselves: a note in the portal, not a text that would count against their message limits.
    await queueNotification(tx, { channel: 'in_app', recipientType: 'borrower', recipientId: plan.borrower.id, toAddress: plan.borrower.phone, template: 'planDelayConfirmed', locale: plan.borrower.locale, values: { seq: effect.seq, amount: money, fromDate: { day: effect.from }, toDate: { day: effect.to } }, caseId: plan.kase.id });
    return { effect, addendumId: addendum.id };
  });
}
