/**
 * fast-check for mutation runs (npm run mutation, vitest.mutation.config.ts aliases 'fast-check' here): the domain's
 * tests run once per mutant, so each property is kept to a couple of dozen random cases (MUTATION_PROPERTY_RUNS, 25 by
 * default; the full counts run in npm test) — enough for a mutant to be caught, and hours shorter. The hand-worked
 * examples run unchanged.
 */
import * as real from '../../node_modules/fast-check/lib/fast-check.js';

const runs = Number(process.env.MUTATION_PROPERTY_RUNS ?? 25);

export * from '../../node_modules/fast-check/lib/fast-check.js';
export const assert: typeof real.assert = ((property: Parameters<typeof real.assert>[0], params?: Parameters<typeof real.assert>[1]) =>
  real.assert(property, { ...params, numRuns: Math.min(params?.numRuns ?? 100, runs) })) as typeof real.assert;
const fc = { ...real, assert };
export default fc;
