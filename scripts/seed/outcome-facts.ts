import type { CaseState } from '@/lib/domain/case-state';
import { dpdBucket } from '@/lib/domain/dates';
import { dpdBuckets } from '@/lib/domain/dashboard';
import type { Fen } from '@/lib/domain/money';
import type { OutcomeKind } from '@/lib/domain/outcomes';
import type { CasePlan, PlannedPayment } from './loans';
import type { Rng } from './random';

/**
 * What happened to a generated case on the way to its state, for the
 * dashboard: when the borrower engaged, submitted a hardship statement, was
 * shown an offer and signed; whether the plan broke or was paid off; the
 * outcomes on record; whether any staff member was in touch. Drawn from a
 * seeded PRNG with rates a mediation desk might see: about half the invited
 * borrowers engage, a third of those who engage sign, about one in four
 * agreements breaks within a year, and most resolutions still involve a call.
 */
export type OutcomeRecord = { outcome: OutcomeKind; at: Date; recovered?: Fen; waived?: Fen; claimed?: Fen; restructured?: Fen; from: CaseState; to: CaseState; supersededAt?: Date };

export type CaseFactsPlan = {
  engagedAt: Date | null;
  escalationReviewSince: Date | null;
  bucket: number;
  hardshipAt: Date | null;
  offeredAt: Date | null;
  signedAt: Date | null;
  breachedAt: Date | null;
  completedAt: Date | null;
  staffContact: boolean;
  restructured: Fen;
  waived: Fen;
  recovered: Fen;
  outcomes: OutcomeRecord[];
};

const DAY = 86_400_000;
const signedStates: readonly CaseState[] = ['plan_active', 'breached', 'completed'];
const reviewable: readonly CaseState[] = ['invited', 'engaged', 'hardship_submitted', 'negotiating'];
const closedWithout: readonly (readonly [OutcomeKind, number])[] = [['no_agreement', 35], ['borrower_unreachable', 30], ['dispute', 10], ['withdrawn_by_creditor', 25]];

/** Days from opening to signing: mostly one to four weeks, a long tail past the window (extensions). */
function daysToSign(rng: Rng): number {
  const r = rng.next();
  if (r < 0.15) return rng.int(3, 7);
  if (r < 0.6) return rng.int(8, 21);
  if (r < 0.9) return rng.int(22, 30);
  return rng.int(31, 55);
}

export function planCaseFacts(rng: Rng, input: { state: CaseState; plan: CasePlan; payments: PlannedPayment[]; now: Date }): CaseFactsPlan {
  const { state, plan, now } = input;
  const opened = plan.openedAt.getTime();
  const until = plan.closedAt?.getTime() ?? now.getTime();
  const within = (days: number) => new Date(Math.min(opened + days * DAY + rng.int(0, 8 * 3_600_000), until - 60_000));
  const signed = signedStates.includes(state);
  const engaged = state !== 'invited' && (signed || !['closed', 'escalated'].includes(state) || rng.chance(0.5));
  const engagedAt = engaged ? within(rng.int(0, 4)) : null;
  const hardship =
    state === 'hardship_submitted' || (state === 'negotiating' && rng.chance(0.55)) || (['agreed', 'signed_by_borrower', ...signedStates].includes(state) && rng.chance(0.45)) || (engaged && rng.chance(0.15));
  const hardshipAt = hardship && engagedAt ? new Date(Math.min(engagedAt.getTime() + rng.int(1, 3) * DAY, until - 60_000)) : null;
  const offered = ['negotiating', 'agreed', 'signed_by_borrower', ...signedStates].includes(state) || (state === 'hardship_submitted' && rng.chance(0.3)) || (['closed', 'escalated'].includes(state) && engaged && rng.chance(0.5));
  const offeredAt = offered && engagedAt ? new Date(Math.min((hardshipAt ?? engagedAt).getTime() + rng.int(0, 2) * DAY + 3_600_000, until - 30_000)) : null;

  let signedAt: Date | null = null;
  let breachedAt: Date | null = null;
  let completedAt: Date | null = null;
  let restructured = 0;
  let waived = 0;
  const outcomes: OutcomeRecord[] = [];
  if (signed) {
    const latest = state === 'completed' ? until - 30 * DAY : now.getTime() - DAY;
    signedAt = new Date(Math.max(opened + 2 * DAY, Math.min(opened + daysToSign(rng) * DAY + rng.int(9, 17) * 3_600_000, latest)));
    // The plan: the arrears with a little interest spread over it; relief on the penalty side.
    restructured = Math.round((plan.arrearsAtOpen * rng.int(105, 160)) / 100);
    waived = Math.round((plan.arrearsAtOpen * rng.int(0, 15)) / 100);
    outcomes.push({ outcome: 'agreement_signed', at: signedAt, restructured, from: 'signed_by_borrower', to: 'plan_active' });
    if (state === 'breached') {
      breachedAt = new Date(Math.min(signedAt.getTime() + rng.int(45, 300) * DAY, now.getTime() - DAY));
    } else if (state === 'completed') {
      completedAt = plan.closedAt ?? new Date(until);
      outcomes[0]!.supersededAt = completedAt;
    }
  }
  const settled = input.payments.find((p) => p.label === 'SETTLE');
  if (state === 'completed') outcomes.push({ outcome: 'paid_in_full', at: completedAt!, recovered: settled?.amount ?? restructured, from: 'plan_active', to: 'completed' });
  if (state === 'escalated') outcomes.push({ outcome: 'escalated_to_litigation', at: plan.closedAt ?? now, claimed: plan.arrearsAtOpen, from: 'negotiating', to: 'escalated' });
  if (state === 'closed') {
    if (settled && rng.chance(0.7)) outcomes.push({ outcome: 'paid_in_full', at: plan.closedAt!, recovered: settled.amount, from: 'negotiating', to: 'closed' });
    else if (settled) {
      const forgiven = Math.round((settled.amount * rng.int(5, 25)) / 100);
      outcomes.push({ outcome: 'partial_settlement', at: plan.closedAt!, recovered: settled.amount - forgiven, waived: forgiven, from: 'negotiating', to: 'closed' });
    } else outcomes.push({ outcome: rng.weighted(closedWithout), at: plan.closedAt!, from: engaged ? 'negotiating' : 'invited', to: 'closed' });
  }
  const current = outcomes.find((o) => !o.supersededAt);
  const resolvedOutcome = current && ['agreement_signed', 'paid_in_full', 'partial_settlement'].includes(current.outcome);
  // Self-service: about a third of resolutions need no staff contact; unresolved cases nearly always had some.
  const staffContact = signedAt || resolvedOutcome ? rng.chance(0.65) : state === 'invited' ? rng.chance(0.3) : rng.chance(0.9);

  // Received since opening: the settlement, or the plan's installments paid so far (none after a breach).
  const openedDate = plan.openedDate;
  let recovered = input.payments.filter((p) => p.receivedOn >= openedDate).reduce((sum, p) => sum + p.amount, 0);
  if (signedAt && state !== 'completed') {
    const planMonths = rng.int(6, 36);
    const end = breachedAt ?? now;
    const monthsPaid = Math.max(0, Math.min(planMonths, Math.floor((end.getTime() - signedAt.getTime()) / (30 * DAY))));
    recovered += Math.round((restructured * monthsPaid) / planMonths);
  }
  for (const o of outcomes) if (o.outcome === 'partial_settlement') waived += o.waived ?? 0;
  if (current?.recovered) recovered = Math.max(recovered, current.recovered);

  return {
    engagedAt,
    escalationReviewSince: reviewable.includes(state) && plan.mediationDeadline.getTime() <= now.getTime() ? plan.mediationDeadline : null,
    bucket: dpdBuckets.indexOf(dpdBucket(plan.dpdAtOpen)),
    hardshipAt,
    offeredAt,
    signedAt,
    breachedAt,
    completedAt,
    staffContact: Boolean(staffContact),
    restructured,
    waived,
    recovered,
    outcomes,
  };
}
