import { isNegotiable, type CaseState } from './case-state';

/**
 * The borrower's next step, from the case's real state (not from the state
 * name alone: a case "hardship submitted" may already have four offers
 * waiting). Every step that asks something of the borrower comes with where to
 * do it; the case page shows it as a link.
 */
export type NextStepFacts = {
  state: CaseState;
  hardship: 'none' | 'draft' | 'submitted';
  /** Open offers the borrower may answer (the system's and the mediator's). */
  offersToAnswer: number;
  /** The borrower's own proposal is open, waiting for the mediator. */
  ownProposalOpen: boolean;
  /** The current agreement's status, if there is one. */
  agreement: 'awaiting_borrower' | 'signed_by_borrower' | 'executed' | null;
  /** A mediator's review of the case is pending (e.g. a hardship pause was offered). */
  reviewPending: boolean;
  /** The case's newest agreement lapsed unsigned on its first payment day: the borrower had chosen a plan, and chooses again. */
  agreementLapsed: boolean;
};

export type NextStep =
  | { kind: 'startHardship' | 'continueHardship'; href: 'hardship' }
  | { kind: 'answerOffers'; href: 'offers'; count: number; reviewPending: boolean }
  | { kind: 'waitForMediator' | 'askForOptions'; href: 'offers' }
  | { kind: 'signAgreement' | 'awaitCountersignature' | 'followPlan'; href: 'agreement' }
  | { kind: 'contactMediator'; href: 'thread' }
  | { kind: 'repaid' | 'escalated' | 'closed'; href: null };

export function nextStep(f: NextStepFacts): NextStep {
  switch (f.state) {
    case 'completed':
      return { kind: 'repaid', href: null };
    case 'escalated':
      return { kind: 'escalated', href: null };
    case 'closed':
      return { kind: 'closed', href: null };
    case 'plan_active':
      return { kind: 'followPlan', href: 'agreement' };
    case 'signed_by_borrower':
      return { kind: 'awaitCountersignature', href: 'agreement' };
    case 'agreed':
      return f.agreement === 'awaiting_borrower' || f.agreement === null ? { kind: 'signAgreement', href: 'agreement' } : { kind: 'awaitCountersignature', href: 'agreement' };
    default:
      break;
  }
  if (f.state === 'breached' && f.offersToAnswer === 0 && !f.ownProposalOpen) return { kind: 'contactMediator', href: 'thread' };
  if (!isNegotiable(f.state)) return { kind: 'closed', href: null };
  if (f.offersToAnswer > 0) return { kind: 'answerOffers', href: 'offers', count: f.offersToAnswer, reviewPending: f.reviewPending };
  if (f.ownProposalOpen) return { kind: 'waitForMediator', href: 'offers' };
  if (f.agreementLapsed) return { kind: 'askForOptions', href: 'offers' };
  if (f.hardship === 'none') return { kind: 'startHardship', href: 'hardship' };
  if (f.hardship === 'draft') return { kind: 'continueHardship', href: 'hardship' };
  return { kind: 'askForOptions', href: 'offers' };
}
