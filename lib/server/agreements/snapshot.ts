import 'server-only';
import { z } from 'zod';
import type { AgreementSnapshot } from '@/lib/domain/agreement';
import type { OfferTerms, PricedOffer } from '@/lib/domain/offer-terms';

/**
 * The agreement snapshot as stored (agreements.snapshot): checked when it is
 * written and whenever it is read, because it outlives the release that wrote
 * it. An agreement is signed days after it is made and verified years later,
 * by whatever code runs then; a snapshot that does not have the shape this
 * release expects stops with an error naming the field, instead of printing
 * an agreement with a blank where a figure should be.
 *
 * The schemas state the shape only (whole fen, ISO dates, the closed sets of
 * words), not today's policy limits, which older agreements need not meet.
 * `satisfies` ties them to the TypeScript types: a field added to a type fails
 * the type check here until the stored shape, and what an older snapshot
 * without it reads as, is decided (make the field optional, or upgrade it here).
 */
const fen = z.number().int();
const count = z.number().int().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const method = z.enum(['equal_installment', 'equal_principal']);

export const storedOfferTerms = z.object({
  extensionMonths: count.optional(),
  installments: z.object({ months: count, method, downPayment: fen, firstDueDate: isoDate }).optional(),
  relief: z
    .object({
      penaltyWaivePct: z.number(),
      compoundWaivePct: z.number(),
      interestWaivePct: z.number(),
      principalWaive: fen,
      rateReduction: z.object({ pct: z.number(), months: count }).optional(),
    })
    .optional(),
  // A hardship pause before the installments (absent from agreements made before pauses existed).
  pause: z.object({ months: count, interest: z.enum(['frozen', 'reduced']), ratePct: z.number() }).optional(),
}) satisfies z.ZodType<OfferTerms>;

const owed = z.object({ principal: fen, interest: fen, penalty: fen, compound: fen, fees: fen, total: fen });

export const storedPricedOffer = z.object({
  structure: z.enum(['settlement', 'installments', 'extension', 'extension_installments']),
  asOf: isoDate,
  schedule: z.array(z.object({ seq: count, dueDate: isoDate, principal: fen, interest: fen, charges: fen, amount: fen, source: z.enum(['plan', 'contract']), balanceAfter: fen })),
  downPayment: fen,
  regularPayment: fen,
  peakPayment: fen,
  numberOfPayments: count,
  firstDueDate: isoDate.nullable(),
  endDate: isoDate,
  newMaturityDate: isoDate.nullable(),
  totalPayable: fen,
  newInterest: fen,
  newFees: fen,
  owedToday: owed,
  waived: z.object({ penalty: fen, compound: fen, interest: fen, principal: fen, total: fen }),
  // principal: charges already paid above the cap, credited against principal (issue 10; absent from older agreements).
  capReduction: z.object({ penalty: fen, compound: fen, fees: fen, interest: fen, principal: fen.optional(), total: fen }),
  carried: owed,
  financed: z.object({ principal: fen, charges: fen, total: fen }),
  balanceFinanced: fen,
  installmentBase: fen,
  owedBefore: fen,
  saving: fen,
  affordable: z.boolean().nullable(),
  cap: z.object({ cap: fen, charges: fen, paidAboveCap: fen, excess: fen }),
  fitsCap: z.boolean(),
  // Whether a level payment covers its interest (issue 10; absent from older agreements).
  coversInterest: z.boolean().optional(),
  pause: z.object({ months: count, interest: z.enum(['frozen', 'reduced']), ratePct: z.number(), from: isoDate, until: isoDate, interestCharged: fen }).optional(),
}) satisfies z.ZodType<PricedOffer>;

export const storedSnapshot = z.object({
  agreementNo: z.string().min(1),
  verificationCode: z.string().min(1),
  locale: z.enum(['zh-CN', 'en']),
  date: isoDate,
  creditor: z.object({ name: z.string(), nameEn: z.string(), creditCode: z.string(), address: z.string(), servicePhone: z.string(), court: z.string() }),
  borrower: z.object({ name: z.string(), residentIdMasked: z.string(), phoneMasked: z.string(), address: z.string().nullable() }),
  caseNo: z.string(),
  loan: z.object({ contractNo: z.string(), product: z.string(), principal: fen, annualRatePpm: count, termMonths: count, startDate: isoDate, maturityDate: isoDate }),
  arrears: z.object({
    asOf: isoDate,
    overduePrincipal: fen,
    overdueInterest: fen,
    penalty: fen,
    compound: fen,
    fees: fen,
    totalOverdue: fen,
    notYetDuePrincipal: fen,
    totalToSettle: fen,
    enforceableTotalToSettle: fen,
    daysPastDue: count,
  }),
  terms: storedOfferTerms,
  priced: storedPricedOffer,
  policy: z.object({ graceDays: count, breachConsecutiveMisses: count, waiverFallsAwayOnBreach: z.boolean(), selfServiceDelayMaxDays: count, allocationScope: z.enum(['whole_debt', 'per_installment']).optional() }),
  consentVersion: z.string().min(1),
  // The clauses' version (absent: the first one, 2026-11-v1, made before it was recorded).
  textVersion: z.string().min(1).optional(),
}) satisfies z.ZodType<AgreementSnapshot>;

/** A snapshot about to be stored, or read back, checked against the shape this release reads (see above); a mismatch is an error naming the fields. */
export function parseSnapshot(stored: unknown, agreementNo?: string): AgreementSnapshot {
  const parsed = storedSnapshot.safeParse(stored);
  if (!parsed.success) throw new Error(`The snapshot of agreement ${agreementNo ?? '(unknown)'} does not have the shape this release reads:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
