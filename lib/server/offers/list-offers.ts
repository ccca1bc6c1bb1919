import 'server-only';
import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { offers } from '@/db/schema';
import type { OfferTerms, PricedOffer } from '@/lib/domain/offer-terms';
import type { Actor } from '../actor';
import { loadVisibleCase } from '../cases/case-access';

export type OfferDto = {
  id: string;
  round: number;
  parentOfferId: string | null;
  authorType: 'borrower' | 'staff' | 'system' | 'anonymous';
  status: string;
  terms: OfferTerms;
  /** The whole priced offer (schedule included) for open and accepted offers; closed ones carry the summary only. */
  priced: PricedOffer | null;
  /**
   * What the negotiation's history says of every offer, closed ones included: the payments' lowest and highest amount
   * (a level plan's are a fen or two apart, schedule.ts amortise) and the down payment before them.
   */
  summary: { regularPayment: number; numberOfPayments: number; totalPayable: number; waived: number; downPayment: number; lowestPayment: number; highestPayment: number };
  message: string | null;
  approvalReason: string | null;
  decisionReason: string | null;
  expiresAt: string;
  /** Whole days until expiry (0 on the last day), for the countdown. */
  createdAt: string;
  version: number;
};

/**
 * An offer open for an answer: its whole priced offer is there to show. In the negotiation workspace an offer priced on
 * an earlier day is shown priced on today's arrears, as accepting it would price it (`pricedOn`: the day it was made
 * with its figures then; null when they are today's), with the key of those payments for the accept button.
 */
export type OpenOfferDto = OfferDto & { status: 'proposed'; priced: PricedOffer; pricedOn?: string | null; paymentsKey?: string };

export function openOffers(offers: OfferDto[]): OpenOfferDto[] {
  return offers.flatMap((offer) => (offer.status === 'proposed' && offer.priced ? [{ ...offer, status: offer.status, priced: offer.priced }] : []));
}

/** The history's summary of a priced offer (the same figures listOffers reads from an offer's columns). */
export function summaryOf(priced: PricedOffer): OfferDto['summary'] {
  const amounts = priced.schedule.map((row) => row.amount);
  return {
    regularPayment: priced.regularPayment,
    numberOfPayments: priced.numberOfPayments,
    totalPayable: priced.totalPayable,
    waived: priced.waived.total,
    downPayment: priced.downPayment,
    lowestPayment: amounts.length ? Math.min(...amounts) : 0,
    highestPayment: amounts.length ? Math.max(...amounts) : 0,
  };
}

/** The negotiation thread's offers, oldest first; a borrower does not see offers still waiting for a supervisor. */
export async function listOffers(actor: Actor, caseId: unknown): Promise<OfferDto[]> {
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const live = sql<boolean>`${offers.status} in ('proposed', 'pending_approval', 'accepted')`;
  const { priced: _priced, ...columns } = getTableColumns(offers);
  // A long negotiation has many closed offers: their schedules are not read back.
  const rows = await db
    .select({
      ...columns,
      priced: sql<PricedOffer | null>`case when ${live} then ${offers.priced} end`,
      downPayment: sql<number>`coalesce((${offers.priced}->>'downPayment')::bigint, 0)`.mapWith(Number),
      lowestPayment: sql<number>`coalesce((select min((r->>'amount')::bigint) from jsonb_array_elements(${offers.priced}->'schedule') r), 0)`.mapWith(Number),
      highestPayment: sql<number>`coalesce((select max((r->>'amount')::bigint) from jsonb_array_elements(${offers.priced}->'schedule') r), 0)`.mapWith(Number),
    })
    .from(offers)
    .where(eq(offers.caseId, kase.id))
    .orderBy(asc(offers.createdAt), asc(offers.seq));
  return rows
    .filter((r) => actor.type !== 'borrower' || (r.status !== 'pending_approval' && !(r.status === 'rejected' && r.requiresApproval && !r.approvedAt)))
    .map((r) => ({
      id: r.id,
      round: r.round,
      parentOfferId: r.parentOfferId,
      authorType: r.authorType,
      status: r.status,
      terms: r.terms,
      priced: r.priced,
      summary: {
        regularPayment: r.regularPayment,
        numberOfPayments: r.numberOfPayments,
        totalPayable: r.totalPayable,
        waived: r.waivedAmount,
        downPayment: r.downPayment,
        lowestPayment: r.lowestPayment,
        highestPayment: r.highestPayment,
      },
      message: r.message,
      approvalReason: actor.type === 'staff' ? r.approvalReason : null,
      decisionReason: r.decisionReason,
      expiresAt: r.expiresAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    }));
}
