import { computeArrears } from '@/lib/domain/arrears';
import type { CaseState } from '@/lib/domain/case-state';
import { addDays, addMonths, daysBetween, type IsoDate } from '@/lib/domain/dates';
import type { Fen } from '@/lib/domain/money';
import { defaultPolicy, type CreditorPolicy } from '@/lib/domain/policy';
import { buildSchedule, type RepaymentMethod, type ScheduledInstallment } from '@/lib/domain/schedule';
import type { Rng } from './random';

/**
 * Loan and case timelines for seed data. Everything is worked backwards from
 * "today" so the demo looks current on any day: pick how long the case has been
 * open and how many days past due the loan is now, place the first unpaid
 * installment on that date, build the contractual schedule around it, and
 * record a payment for every earlier installment. Arrears and DPD at opening
 * then follow from the schedule, exactly as the arrears service will see them.
 */

export type Product = {
  name: string;
  principalYuan: readonly [number, number];
  stepYuan: number;
  ratePpm: readonly [number, number];
  terms: readonly number[];
  methods: readonly RepaymentMethod[];
  weight: number;
};

export const products: readonly Product[] = [
  { name: '个人消费贷', principalYuan: [10_000, 300_000], stepYuan: 1_000, ratePpm: [43_500, 120_000], terms: [12, 24, 36, 48, 60], methods: ['equal_installment', 'equal_principal'], weight: 30 },
  { name: '经营贷', principalYuan: [50_000, 500_000], stepYuan: 10_000, ratePpm: [40_000, 80_000], terms: [12, 24, 36], methods: ['interest_only_bullet', 'equal_principal', 'equal_installment'], weight: 20 },
  { name: '网商信用贷', principalYuan: [5_000, 50_000], stepYuan: 500, ratePpm: [100_000, 180_000], terms: [6, 12, 18, 24], methods: ['equal_installment'], weight: 25 },
  { name: '农户小额信用贷', principalYuan: [10_000, 200_000], stepYuan: 1_000, ratePpm: [50_000, 90_000], terms: [12, 24, 36], methods: ['interest_only_bullet', 'equal_principal'], weight: 15 },
  { name: '装修分期贷', principalYuan: [30_000, 300_000], stepYuan: 1_000, ratePpm: [45_000, 90_000], terms: [24, 36, 48, 60], methods: ['equal_installment', 'equal_principal'], weight: 10 },
];

export const productWeights = products.map((p) => [p, p.weight] as const);

export function productByName(name: string): Product {
  const product = products.find((p) => p.name === name);
  if (!product) throw new RangeError(`unknown product ${name}`);
  return product;
}

export type Bucket = 'M1' | 'M2' | 'M3' | 'M4+';
export const buckets: readonly Bucket[] = ['M1', 'M2', 'M3', 'M4+'];

/** DPD ranges kept a few days inside each bucket, since moving a due date off the 29th–31st adds up to three days. */
const bucketDays: Record<Bucket, readonly [number, number]> = { M1: [8, 27], M2: [34, 57], M3: [64, 87], 'M4+': [95, 360] };

/** How long ago a case in each state was opened (days); long-running states need loans far past due. */
const stateAgeDays: Record<CaseState, readonly [number, number]> = {
  invited: [1, 3],
  engaged: [2, 6],
  hardship_submitted: [3, 9],
  negotiating: [4, 16],
  agreed: [6, 16],
  signed_by_borrower: [7, 18],
  // A plan agreed a few days after opening, running long enough for its first installments to fall due (one paid late).
  plan_active: [100, 125],
  breached: [100, 170],
  completed: [150, 330],
  escalated: [40, 75],
  closed: [10, 45],
};

const paymentChannels = [
  ['auto_debit', 60],
  ['mobile_banking', 25],
  ['branch_counter', 10],
  ['bank_transfer', 5],
] as const;

type LoanStatus = 'performing' | 'delinquent' | 'restructured' | 'repaid';
/** `label` makes the payment's reference unique within its loan: the installment number, or SETTLE. */
export type PlannedPayment = { label: string; receivedOn: IsoDate; amount: Fen; channel: string };

export type LoanPlan = {
  product: string;
  principal: Fen;
  annualRatePpm: number;
  termMonths: number;
  repaymentMethod: RepaymentMethod;
  startDate: IsoDate;
  firstDueDate: IsoDate;
  maturityDate: IsoDate;
  status: LoanStatus;
  schedule: ScheduledInstallment[];
  payments: PlannedPayment[];
};

export type CasePlan = {
  state: CaseState;
  dpdAtOpen: number;
  arrearsAtOpen: Fen;
  openedDate: IsoDate;
  openedAt: Date;
  mediationDeadline: Date;
  closedAt: Date | null;
  closedDate: IsoDate | null;
};

type Terms = Pick<LoanPlan, 'product' | 'principal' | 'annualRatePpm' | 'termMonths' | 'repaymentMethod'>;

export function drawTerms(rng: Rng, product: Product, method?: RepaymentMethod): Terms {
  const [minYuan, maxYuan] = product.principalYuan;
  const steps = rng.int(0, Math.floor((maxYuan - minYuan) / product.stepYuan));
  // Rates on a 0.05 % grid, as banks quote them.
  const rate = rng.int(product.ratePpm[0] / 500, product.ratePpm[1] / 500) * 500;
  return {
    product: product.name,
    principal: (minYuan + steps * product.stepYuan) * 100,
    annualRatePpm: rate,
    termMonths: rng.pick(product.terms),
    repaymentMethod: method ?? rng.pick(product.methods),
  };
}

/** A moment on a Shanghai calendar day: the creditor's office hours, not UTC midnight. */
export function shanghaiTime(date: IsoDate, minutesOfDay: number): Date {
  const hh = String(Math.floor(minutesOfDay / 60)).padStart(2, '0');
  const mm = String(minutesOfDay % 60).padStart(2, '0');
  return new Date(`${date}T${hh}:${mm}:00+08:00`);
}

/** Office-hours minute of the day (09:00–17:59). */
export function officeMinute(rng: Rng): number {
  return rng.int(9 * 60, 18 * 60 - 1);
}

/** Due dates on the 29th–31st drift when months are added; banks avoid them too, so use the 28th at the latest. */
function clampDay(date: IsoDate): IsoDate {
  const day = Number(date.slice(8, 10));
  return day > 28 ? addDays(date, 28 - day) : date;
}

function paymentsUpTo(rng: Rng, schedule: ScheduledInstallment[], count: number): PlannedPayment[] {
  return schedule.slice(0, count).map((inst) => ({
    label: String(inst.seq).padStart(2, '0'),
    receivedOn: addDays(inst.dueDate, -rng.int(0, 3)),
    amount: inst.amount,
    channel: rng.weighted(paymentChannels),
  }));
}

function loanDates(firstDueDate: IsoDate, termMonths: number) {
  return { startDate: addMonths(firstDueDate, -1), firstDueDate, maturityDate: addMonths(firstDueDate, termMonths - 1) };
}

/** A loan paid on time so far: every installment due before today has its payment. */
export function planPerformingLoan(rng: Rng, input: { terms: Terms; today: IsoDate }): LoanPlan {
  const { terms, today } = input;
  const paid = rng.int(1, terms.termMonths - 1);
  // The last paid due date is 1–20 days ago, so the next one is at least five days ahead.
  const lastPaidDue = clampDay(addDays(today, -rng.int(1, 20)));
  const firstDueDate = addMonths(lastPaidDue, -(paid - 1));
  const schedule = buildSchedule({ principal: terms.principal, annualRatePpm: terms.annualRatePpm, months: terms.termMonths, method: terms.repaymentMethod, firstDueDate });
  return { ...terms, ...loanDates(firstDueDate, terms.termMonths), status: 'performing', schedule, payments: paymentsUpTo(rng, schedule, paid) };
}

export type DelinquentInput = {
  terms: Terms;
  state: CaseState;
  /** Wanted DPD bucket today; moved to a later one when the state's timeline cannot fit it. */
  bucket: Bucket;
  today: IsoDate;
  windowDays: number;
  /** For closed cases: the borrower settled in full (loan repaid) rather than the case being withdrawn. */
  settledOnClose?: boolean;
  /** The creditor's policy, which prices the settlement (penalty, allocation); the default policy if not given. */
  policy?: CreditorPolicy;
  /** How long ago the case was opened, when the caller wants a wider spread than the state's usual range (the generator's cohorts). */
  ageDays?: number;
};

export function planDelinquentLoan(rng: Rng, input: DelinquentInput): { loan: LoanPlan; case: CasePlan } {
  const { terms, state, today, windowDays } = input;
  const age = input.ageDays ?? rng.int(...stateAgeDays[state]);
  let bucketIndex = buckets.indexOf(input.bucket);
  let dpdRange: readonly [number, number];
  for (;;) {
    const bucket = buckets[bucketIndex]!;
    const [min, max] = bucketDays[bucket];
    const lo = Math.max(min, age + 5); // opened at least five days after the first missed due date
    const hi = bucket === 'M4+' ? Math.max(max, lo + 60) : max;
    if (lo <= hi) {
      dpdRange = [lo, hi];
      break;
    }
    bucketIndex++;
  }
  const firstUnpaidDue = clampDay(addDays(today, -rng.int(...dpdRange)));

  // Which installment was missed first: bullet loans often fail at the balloon; a first-payment default is rare.
  const n = terms.termMonths;
  const firstUnpaidSeq =
    terms.repaymentMethod === 'interest_only_bullet' && rng.chance(0.4) ? n : rng.chance(0.05) ? 1 : rng.int(Math.min(2, n), n);
  const firstDueDate = addMonths(firstUnpaidDue, -(firstUnpaidSeq - 1));
  const schedule = buildSchedule({ principal: terms.principal, annualRatePpm: terms.annualRatePpm, months: n, method: terms.repaymentMethod, firstDueDate });
  const payments = paymentsUpTo(rng, schedule, firstUnpaidSeq - 1);
  const unpaid = schedule.slice(firstUnpaidSeq - 1);

  const openedDate = addDays(today, -age);
  const openedAt = shanghaiTime(openedDate, officeMinute(rng));
  const dpdAtOpen = daysBetween(firstUnpaidDue, openedDate);
  const arrearsAtOpen = unpaid.filter((i) => i.dueDate < openedDate).reduce((sum, i) => sum + i.amount, 0);

  const yesterday = addDays(today, -1);
  let closedDate: IsoDate | null = null;
  if (state === 'escalated') closedDate = addDays(openedDate, windowDays + rng.int(1, 5));
  else if (state === 'closed') closedDate = addDays(openedDate, rng.int(2, age - 1));
  else if (state === 'completed') closedDate = addDays(today, -rng.int(2, 40));
  if (closedDate && closedDate > yesterday) closedDate = yesterday;

  let status: LoanStatus = 'delinquent';
  if (state === 'plan_active' || state === 'breached') status = 'restructured';
  const settled = state === 'completed' || (state === 'closed' && input.settledOnClose === true);
  if (settled && closedDate) {
    status = 'repaid';
    // Paid off on the closing day: what the arrears engine says settles the loan that day — everything due with its
    // penalty and compound interest, and the principal not yet due (no future interest) — so a repaid loan owes nothing.
    const owed = computeArrears({
      loan: { principal: terms.principal, annualRatePpm: terms.annualRatePpm, startDate: addMonths(firstDueDate, -1) },
      installments: schedule.map((i) => ({ seq: i.seq, dueDate: i.dueDate, principalDue: i.principal, interestDue: i.interest, feesDue: 0 })),
      payments,
      asOf: closedDate,
      policy: input.policy ?? defaultPolicy,
    });
    payments.push({ label: 'SETTLE', receivedOn: closedDate, amount: owed.totals.totalToSettle, channel: 'bank_transfer' });
  }

  return {
    loan: { ...terms, ...loanDates(firstDueDate, n), status, schedule, payments },
    case: {
      state,
      dpdAtOpen,
      arrearsAtOpen,
      openedDate,
      openedAt,
      mediationDeadline: new Date(openedAt.getTime() + windowDays * 86_400_000),
      closedAt: closedDate ? shanghaiTime(closedDate, officeMinute(rng)) : null,
      closedDate,
    },
  };
}
