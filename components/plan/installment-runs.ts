/** Installment numbers as runs of consecutive ones ([8, 9, …, 36] → [[8, 36]]): a settlement pays dozens at once. */
export function installmentRuns(seqs: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const n of [...seqs].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && last[0] !== 0 && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs;
}
