import type { Fen } from './money';

/**
 * What a borrower's own proposal does to the offers on the table, so that the
 * borrower sees it before sending and the server does exactly that: it replaces
 * the open offer of a person (a mediator's counter-offer, or the borrower's own
 * earlier proposal: one open offer from a person at a time, ADR 0004); the
 * system's suggestions stay open unless the creditor's policy says a proposal
 * closes them too. It is compared with the cheapest of the offers it replaces,
 * or of all open offers when it replaces none.
 */
export type OpenOffer = { id: string; authorType: 'borrower' | 'staff' | 'system' | 'anonymous'; totalPayable: Fen; regularPayment: Fen };

export type ProposalImpact = {
  replaced: string[];
  kept: string[];
  /** The cheapest (lowest total) offer compared with; null when nothing is open. */
  best: OpenOffer | null;
  /** Whether `best` is among the replaced offers. */
  bestIsReplaced: boolean;
  /** proposal total − best total: positive when the proposal costs more. */
  totalDifference: Fen | null;
  monthlyDifference: Fen | null;
};

export function proposalImpact(open: readonly OpenOffer[], proposal: { totalPayable: Fen; regularPayment: Fen }, closesSuggestions: boolean): ProposalImpact {
  const replaced = open.filter((o) => o.authorType !== 'system' || closesSuggestions);
  const kept = open.filter((o) => !replaced.includes(o));
  const cheapest = (list: readonly OpenOffer[]) => [...list].sort((a, b) => a.totalPayable - b.totalPayable || a.regularPayment - b.regularPayment)[0] ?? null;
  const best = cheapest(replaced) ?? cheapest(open);
  return {
    replaced: replaced.map((o) => o.id),
    kept: kept.map((o) => o.id),
    best,
    bestIsReplaced: best !== null && replaced.includes(best),
    totalDifference: best ? proposal.totalPayable - best.totalPayable : null,
    monthlyDifference: best ? proposal.regularPayment - best.regularPayment : null,
  };
}
