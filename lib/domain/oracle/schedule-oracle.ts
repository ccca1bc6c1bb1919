import { frac, roundHalfUp, type Fraction } from './fraction';

/**
 * The oracle for schedules (test-only, shares no code with lib/domain): the
 * rules of schedule.ts written again from their description, with linear
 * searches where the engine bisects.
 */
type Method = 'equal_installment' | 'equal_principal' | 'interest_only_bullet';
export type OracleParts = { principal: number[]; interest: number[]; covers: boolean };

const ONE: Fraction = frac(1);

/** Interest for a period `months` long: balance × rate ppm / 10⁶ / 12 × months, half-up. */
export function oracleInterest(balance: number, ratePpm: number, months: Fraction): number {
  return roundHalfUp({ n: BigInt(balance) * BigInt(ratePpm) * months.n, d: 12_000_000n * months.d });
}

/** The exact level payment repaying `balance` in `count` periods (the first `first` months long), half-up. */
const levels = new Map<string, number>();
export function oracleLevelPayment(balance: number, ratePpm: number, count: number, first: Fraction): number {
  const key = `${balance}/${ratePpm}/${count}/${first.n}/${first.d}`;
  const known = levels.get(key);
  if (known !== undefined) return known;
  if (levels.size > 10_000) levels.clear();
  const value = levelPayment(balance, ratePpm, count, first);
  levels.set(key, value);
  return value;
}

function levelPayment(balance: number, ratePpm: number, count: number, first: Fraction): number {
  if (ratePpm === 0) return roundHalfUp(frac(balance, count));
  // Balance after k periods with payment A: B·g1·g^(k−1) − A·(g^(k−1) + … + 1) = 0, g = 1 + r, g1 = 1 + r·first.
  const r = frac(ratePpm, 12_000_000);
  const g = { n: r.d + r.n, d: r.d };
  const g1 = { n: r.d * first.d + r.n * first.n, d: r.d * first.d };
  let gPow = frac(1);
  let sum = frac(0);
  for (let k = 0; k < count - 1; k++) {
    sum = { n: sum.n * gPow.d + gPow.n * sum.d, d: sum.d * gPow.d };
    gPow = { n: gPow.n * g.n, d: gPow.d * g.d };
  }
  sum = { n: sum.n * gPow.d + gPow.n * sum.d, d: sum.d * gPow.d }; // + g^(count−1)
  const owed = { n: BigInt(balance) * g1.n * gPow.n, d: g1.d * gPow.d };
  return roundHalfUp({ n: owed.n * sum.d, d: owed.d * sum.n });
}

/** Parts that differ by at most one fen, the extra fen on the last ones. */
export function oracleSplit(total: number, count: number): number[] {
  const out: number[] = [];
  let left = total;
  for (let i = 0; i < count; i++) {
    const part = Math.floor(left / (count - i)); // what is left, shared among the parts still to come: the fen over goes last
    out.push(part);
    left -= part;
  }
  return out;
}

function pass(principal: number, rates: readonly number[], method: Method, first: Fraction, moved: (i: number) => number): OracleParts {
  const n = rates.length;
  const p: number[] = [];
  const it: number[] = [];
  let covers = true;
  let balance = principal;
  let level = 0;
  let evenParts: number[] = [];
  let segStart = 0;
  for (let i = 0; i < n; i++) {
    const months = i === 0 ? first : ONE;
    if (i === 0 || rates[i] !== rates[i - 1]) {
      segStart = i;
      level = oracleLevelPayment(balance, rates[i]!, n - i, months);
      evenParts = oracleSplit(balance, n - i);
    }
    const interest = oracleInterest(balance, rates[i]!, months);
    let part = 0;
    if (i === n - 1) part = balance;
    else if (method === 'equal_installment') {
      const pay = level + moved(i);
      if (interest > 0 && pay <= interest) covers = false;
      part = Math.min(balance, Math.max(0, pay - interest));
    } else if (method === 'equal_principal') part = Math.min(balance, evenParts[i - segStart]!);
    balance -= part;
    p.push(part);
    it.push(interest);
  }
  return { principal: p, interest: it, covers };
}

/**
 * Level payments; when the last differs from the one before by more than 5 fen, the first k of the final level run
 * move by a fen (k the last count before the remainder changes side), then the m just before the last (likewise),
 * and the better of m and m + 1 is kept if it improves on the plain schedule.
 */
export function oracleAmortise(principal: number, rates: readonly number[], method: Method, first: Fraction = ONE): OracleParts {
  const n = rates.length;
  const plain = pass(principal, rates, method, first, () => 0);
  if (method !== 'equal_installment' || n < 3) return plain;
  const rest = (x: OracleParts) => x.principal[n - 1]! + x.interest[n - 1]! - x.principal[n - 2]! - x.interest[n - 2]!;
  if (Math.abs(rest(plain)) <= 5) return plain;
  let from = n - 1;
  while (from > 0 && rates[from - 1] === rates[n - 1]) from--;
  const room = n - 1 - from;
  const step = rest(plain) > 0 ? 1 : -1;
  const withMoves = (k: number, m: number) => pass(principal, rates, method, first, (i) => (i >= from && i < n - 1 && (i < from + k || i >= n - 1 - m) ? step : 0));
  let k = 0;
  while (k < room && rest(withMoves(k + 1, 0)) * step > 0) k++;
  let m = 0;
  while (k + m < room && rest(withMoves(k, m + 1)) * step > 0) m++;
  let best = plain;
  for (const mm of [m, m + 1]) {
    if (k + mm > room) continue;
    const c = withMoves(k, mm);
    if (Math.abs(rest(c)) < Math.abs(rest(best))) best = c;
  }
  return best;
}
