import { describe, expect, it } from 'vitest';
import { canTransition, caseStates } from './case-state';
import { closingOutcomes, endStateFor, needsEscalationReview, outcomeAmounts, outcomeKinds, renewedMediationDeadline, reopenableStates, reopenState, resolvingOutcomes, reviewableStates } from './outcomes';

describe('how a mediation ends', () => {
  it('each outcome takes the case where DESIGN.md says: litigation escalated, a plan paid off completed, an agreement its plan, the rest closed', () => {
    expect(endStateFor('escalated_to_litigation', 'negotiating')).toBe('escalated');
    expect(endStateFor('escalated_to_litigation', 'plan_active')).toBe('escalated');
    expect(endStateFor('agreement_signed', 'signed_by_borrower')).toBe('plan_active');
    expect(endStateFor('paid_in_full', 'plan_active')).toBe('completed');
    // Paid in full before any plan (the borrower paid the arrears outright): closed, not completed.
    expect(endStateFor('paid_in_full', 'negotiating')).toBe('closed');
    for (const kind of ['partial_settlement', 'no_agreement', 'borrower_unreachable', 'dispute', 'withdrawn_by_creditor'] as const) {
      for (const from of ['invited', 'negotiating', 'plan_active', 'breached'] as const) expect(endStateFor(kind, from), `${kind} from ${from}`).toBe('closed');
    }
  });

  it('an outcome recorded by hand from an open case is a move the state machine allows', () => {
    for (const kind of closingOutcomes) {
      for (const from of ['invited', 'engaged', 'hardship_submitted', 'negotiating', 'plan_active'] as const) {
        expect(canTransition(from, endStateFor(kind, from)), `${kind} from ${from}`).toBe(true);
      }
    }
  });

  it('states the amounts each outcome carries; "agreement signed" is never recorded by hand and counts as a resolution', () => {
    expect(outcomeAmounts).toEqual({
      agreement_signed: [],
      paid_in_full: ['amountRecovered'],
      partial_settlement: ['amountRecovered', 'amountWaived'],
      no_agreement: [],
      borrower_unreachable: [],
      dispute: [],
      escalated_to_litigation: ['amountClaimed'],
      withdrawn_by_creditor: [],
    });
    expect(closingOutcomes).toEqual(outcomeKinds.filter((k) => k !== 'agreement_signed'));
    expect(closingOutcomes).toHaveLength(7);
    expect([...resolvingOutcomes].sort()).toEqual(['agreement_signed', 'paid_in_full', 'partial_settlement']);
  });

  it('ended cases reopen into negotiation, which the state machine allows from each', () => {
    expect([...reopenableStates].sort()).toEqual(['closed', 'completed', 'escalated']);
    expect(reopenState).toBe('negotiating');
    for (const from of reopenableStates) expect(canTransition(from, reopenState), from).toBe(true);
  });

  it('a new round of mediation runs the policy window from now, and never shortens a later deadline', () => {
    const now = new Date('2026-12-02T02:00:00Z');
    // Passed on Nov 14; a 30-day window from Dec 2, 10:00 in Beijing ends on Jan 1, 10:00.
    expect(renewedMediationDeadline(new Date('2026-11-14T16:00:00Z'), now, 30).toISOString()).toBe('2027-01-01T02:00:00.000Z');
    expect(renewedMediationDeadline(new Date('2026-11-14T16:00:00Z'), now, 7).toISOString()).toBe('2026-12-09T02:00:00.000Z');
    // Still 40 days to run: kept.
    expect(renewedMediationDeadline(new Date('2027-01-11T02:00:00Z'), now, 30).toISOString()).toBe('2027-01-11T02:00:00.000Z');
    // Exactly the window's end: the same moment either way.
    expect(renewedMediationDeadline(new Date('2027-01-01T02:00:00Z'), now, 30).toISOString()).toBe('2027-01-01T02:00:00.000Z');
  });
});

describe('the escalation review list', () => {
  const deadline = new Date('2026-12-01T16:00:00Z');
  it('takes a case still before any agreement once its deadline is reached, to the millisecond', () => {
    for (const state of reviewableStates) {
      expect(needsEscalationReview({ state, mediationDeadline: deadline }, new Date(deadline.getTime() - 1)), state).toBe(false);
      expect(needsEscalationReview({ state, mediationDeadline: deadline }, deadline), state).toBe(true);
      expect(needsEscalationReview({ state, mediationDeadline: deadline }, new Date(deadline.getTime() + 86_400_000)), state).toBe(true);
    }
  });

  it('never takes a case with an agreement, a plan, or one that has ended', () => {
    const others = caseStates.filter((s) => !reviewableStates.includes(s));
    expect(others.sort()).toEqual(['agreed', 'breached', 'closed', 'completed', 'escalated', 'plan_active', 'signed_by_borrower']);
    for (const state of others) expect(needsEscalationReview({ state, mediationDeadline: deadline }, new Date(deadline.getTime() + 86_400_000)), state).toBe(false);
  });
});
