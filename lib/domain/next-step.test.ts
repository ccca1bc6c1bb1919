import { describe, expect, it } from 'vitest';
import { caseStates } from './case-state';
import { nextStep, type NextStepFacts } from './next-step';

const base: NextStepFacts = { state: 'hardship_submitted', hardship: 'submitted', offersToAnswer: 0, ownProposalOpen: false, agreement: null, reviewPending: false, agreementLapsed: false };

describe("the borrower's next step", () => {
  it('is to answer the offers waiting, whatever the state is called (four offers after the statement)', () => {
    expect(nextStep({ ...base, offersToAnswer: 4 })).toEqual({ kind: 'answerOffers', href: 'offers', count: 4, reviewPending: false });
    expect(nextStep({ ...base, state: 'engaged', hardship: 'none', offersToAnswer: 2 })).toMatchObject({ kind: 'answerOffers', count: 2 });
  });

  it('follows the statement, the own proposal and the agreement', () => {
    expect(nextStep({ ...base, state: 'invited', hardship: 'none' })).toEqual({ kind: 'startHardship', href: 'hardship' });
    expect(nextStep({ ...base, state: 'engaged', hardship: 'draft' })).toEqual({ kind: 'continueHardship', href: 'hardship' });
    expect(nextStep(base)).toEqual({ kind: 'askForOptions', href: 'offers' });
    expect(nextStep({ ...base, state: 'negotiating', ownProposalOpen: true })).toEqual({ kind: 'waitForMediator', href: 'offers' });
    expect(nextStep({ ...base, state: 'agreed', agreement: 'awaiting_borrower' })).toEqual({ kind: 'signAgreement', href: 'agreement' });
    expect(nextStep({ ...base, state: 'signed_by_borrower', agreement: 'signed_by_borrower' })).toEqual({ kind: 'awaitCountersignature', href: 'agreement' });
    expect(nextStep({ ...base, state: 'plan_active', agreement: 'executed' })).toEqual({ kind: 'followPlan', href: 'agreement' });
    expect(nextStep({ ...base, state: 'breached' })).toEqual({ kind: 'contactMediator', href: 'thread' });
    expect(nextStep({ ...base, state: 'breached', offersToAnswer: 1 })).toMatchObject({ kind: 'answerOffers' });
  });

  it('after an agreement lapsed unsigned, is to choose a plan again, not to begin with the statement', () => {
    expect(nextStep({ ...base, state: 'negotiating', hardship: 'none', agreementLapsed: true })).toEqual({ kind: 'askForOptions', href: 'offers' });
    expect(nextStep({ ...base, state: 'negotiating', hardship: 'draft', agreementLapsed: true })).toEqual({ kind: 'askForOptions', href: 'offers' });
    expect(nextStep({ ...base, state: 'negotiating', hardship: 'none', agreementLapsed: true, offersToAnswer: 3 })).toMatchObject({ kind: 'answerOffers', count: 3 });
    expect(nextStep({ ...base, state: 'negotiating', hardship: 'none', agreementLapsed: true, ownProposalOpen: true })).toEqual({ kind: 'waitForMediator', href: 'offers' });
    // A new agreement made since: its signature.
    expect(nextStep({ ...base, state: 'agreed', agreement: 'awaiting_borrower', agreementLapsed: false })).toEqual({ kind: 'signAgreement', href: 'agreement' });
  });

  it('an ended case says how it ended; an agreement not yet signed by the borrower asks for the signature', () => {
    expect(nextStep({ ...base, state: 'completed', offersToAnswer: 2 })).toEqual({ kind: 'repaid', href: null });
    expect(nextStep({ ...base, state: 'escalated', offersToAnswer: 2 })).toEqual({ kind: 'escalated', href: null });
    expect(nextStep({ ...base, state: 'closed', offersToAnswer: 2 })).toEqual({ kind: 'closed', href: null });
    expect(nextStep({ ...base, state: 'agreed', agreement: null })).toEqual({ kind: 'signAgreement', href: 'agreement' });
    expect(nextStep({ ...base, state: 'agreed', agreement: 'signed_by_borrower' })).toEqual({ kind: 'awaitCountersignature', href: 'agreement' });
    expect(nextStep({ ...base, state: 'signed_by_borrower', agreement: 'awaiting_borrower', offersToAnswer: 1 })).toEqual({ kind: 'awaitCountersignature', href: 'agreement' });
  });

  it('every state that asks something of the borrower says where to do it', () => {
    for (const state of caseStates) {
      for (const hardship of ['none', 'draft', 'submitted'] as const) {
        for (const offersToAnswer of [0, 2]) {
          const step = nextStep({ ...base, state, hardship, offersToAnswer });
          const waitingOnlyForOthers = ['repaid', 'escalated', 'closed'].includes(step.kind);
          expect(step.href === null, `${state}/${hardship}/${offersToAnswer}`).toBe(waitingOnlyForOthers);
        }
      }
    }
  });
});
