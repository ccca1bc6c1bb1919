import { describe, expect, it } from 'vitest';
import { creditorPolicySchema, defaultPolicy } from './policy';
import { editedElsewhere, policyChanges, policyFields, policyFromForm, readPath } from './policy-form';
import { policySources } from './policy-sources';

describe('the policy form read off the policy schema', () => {
  it('lists every setting of the policy, each with its source (or marked as the creditor’s own choice)', () => {
    const leaves = (value: unknown, path = ''): string[] =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k)) : [path];
    // Every setting the default policy has is a field (but those with a page of their own); the optional policy rate is one too.
    const own = (path: string) => editedElsewhere.some((head) => path === head || path.startsWith(`${head}.`));
    expect(policyFields.map((f) => f.path).sort()).toEqual([...leaves(defaultPolicy).filter((path) => !own(path)), 'extension.policyAnnualRatePpm'].sort());
    for (const field of policyFields) expect(Object.keys(policySources), field.path).toContain(field.path);
  });

  it('takes its bounds from the schema: a value at a bound passes it, one past it fails', () => {
    for (const field of policyFields) {
      if (field.kind !== 'number' || field.max === undefined) continue;
      const at = policyFromForm(defaultPolicy, { [field.path]: String(field.max) });
      const past = policyFromForm(defaultPolicy, { [field.path]: String(field.max + 1) });
      // Sibling rules (a window that must not wrap, say) aside, the bound is the schema's own.
      const atResult = creditorPolicySchema.safeParse(at);
      expect(atResult.success || atResult.error.issues.every((i) => i.path.join('.') !== field.path), field.path).toBe(true);
      expect(creditorPolicySchema.safeParse(past).error?.issues.map((i) => i.path.join('.')), field.path).toContain(field.path);
    }
  });

  it('builds a policy from what the form posts and names what changed', () => {
    const posted = Object.fromEntries(policyFields.filter((f) => f.kind !== 'fixed').map((f) => [f.path, f.kind === 'boolean' ? (readPath(defaultPolicy, f.path) ? 'on' : undefined) : String(readPath(defaultPolicy, f.path) ?? '')]));
    const same = creditorPolicySchema.parse(policyFromForm(defaultPolicy, posted));
    expect(same).toEqual(defaultPolicy);
    const changed = creditorPolicySchema.parse(policyFromForm(defaultPolicy, { ...posted, graceDays: '5', 'authority.mediator.maxInterestWaivePct': '10', waiverFallsAwayOnBreach: undefined }));
    expect(policyChanges(defaultPolicy, changed)).toEqual([
      { path: 'graceDays', before: 3, after: 5 },
      { path: 'authority.mediator.maxInterestWaivePct', before: 30, after: 10 },
      { path: 'waiverFallsAwayOnBreach', before: true, after: false },
    ]);
  });

  it('leaves text that is not a number for the schema to refuse', () => {
    const result = creditorPolicySchema.safeParse(policyFromForm(defaultPolicy, { graceDays: 'three' }));
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('graceDays');
  });

  it('describes each kind of setting from the schema: its bounds, whether whole, optional, its default', () => {
    const field = (path: string) => policyFields.find((f) => f.path === path);
    expect(field('graceDays')).toEqual({ path: 'graceDays', kind: 'number', integer: true, min: 0, max: 30, optional: false, default: 3 });
    expect(field('totalCostCapAnnualPct')).toEqual({ path: 'totalCostCapAnnualPct', kind: 'number', integer: false, min: 0, max: 24, optional: false, default: 24 });
    expect(field('extension.policyAnnualRatePpm')).toEqual({ path: 'extension.policyAnnualRatePpm', kind: 'number', integer: true, min: 0, max: 240_000, optional: true, default: undefined });
    expect(field('compoundOnOverdueInterest')).toEqual({ path: 'compoundOnOverdueInterest', kind: 'boolean', default: true });
    expect(field('borrowerProposalClosesSuggestions')).toEqual({ path: 'borrowerProposalClosesSuggestions', kind: 'boolean', default: false });
    expect(field('allocationScope')).toEqual({ path: 'allocationScope', kind: 'choice', options: ['whole_debt', 'per_installment'], default: 'whole_debt' });
    expect(field('installments.spreadBase')).toEqual({ path: 'installments.spreadBase', kind: 'choice', options: ['arrears', 'outstanding'], default: 'outstanding' });
    expect(field('contact.windowStart')).toEqual({ path: 'contact.windowStart', kind: 'time', default: '08:00' });
    expect(field('dayCountBasis')).toEqual({ path: 'dayCountBasis', kind: 'fixed', value: '360' });
    expect(field('allocationOrder')).toEqual({ path: 'allocationOrder', kind: 'fixed', value: 'fees → penalty → compound → interest → principal' });
    expect(field('authority.supervisor.maxPlanMonths')).toMatchObject({ kind: 'number', integer: true, min: 1, max: 60, default: 60 });
    expect(policyFields.some((f) => f.path.startsWith('noticeSequence'))).toBe(false);
  });

  it('reads what a person types: full-width digits, spaces, decimals; a ticked box; a blank optional number', () => {
    const read = (posted: Record<string, unknown>) => policyFromForm(defaultPolicy, posted);
    // "12" is 12, however typed (the defect once seen elsewhere saved "12" as 2).
    for (const typed of ['12', ' 12 ', '１２', 12]) expect(readPath(read({ graceDays: typed }), 'graceDays'), String(typed)).toBe(12);
    expect(readPath(read({ totalCostCapAnnualPct: '18.5' }), 'totalCostCapAnnualPct')).toBe(18.5);
    expect(readPath(read({ graceDays: '-1' }), 'graceDays')).toBe(-1);
    for (const typed of ['1e3', '12abc', '1,000', '.5']) expect(readPath(read({ graceDays: typed }), 'graceDays'), typed).toBe(typed.normalize('NFKC').trim());
    // A required number left blank stays blank text, for the schema to refuse; an optional one is removed.
    expect(readPath(read({ graceDays: '' }), 'graceDays')).toBe('');
    expect(readPath(read({ 'extension.policyAnnualRatePpm': '' }), 'extension.policyAnnualRatePpm')).toBeUndefined();
    expect(readPath(read({ 'extension.policyAnnualRatePpm': '120000' }), 'extension.policyAnnualRatePpm')).toBe(120_000);
    // A box is ticked by "on" (a browser), "true" or true; anything else, or nothing, is unticked.
    for (const ticked of ['on', 'true', true]) expect(readPath(read({ compoundOnOverdueInterest: ticked }), 'compoundOnOverdueInterest'), String(ticked)).toBe(true);
    for (const unticked of [undefined, 'off', 'yes', false, '']) expect(readPath(read({ compoundOnOverdueInterest: unticked }), 'compoundOnOverdueInterest'), String(unticked)).toBe(false);
    // Times and choices lose their spaces; what is fixed by law keeps its value whatever is posted.
    expect(readPath(read({ 'contact.windowStart': ' 09:00 ' }), 'contact.windowStart')).toBe('09:00');
    expect(readPath(read({ allocationScope: ' per_installment ' }), 'allocationScope')).toBe('per_installment');
    const fixed = read({ dayCountBasis: '365', allocationOrder: 'principal' });
    expect(readPath(fixed, 'dayCountBasis')).toBe(360);
    expect(readPath(fixed, 'allocationOrder')).toEqual(defaultPolicy.allocationOrder);
  });

  it('names no change where a policy is the same, and never a setting fixed by law', () => {
    expect(policyChanges(defaultPolicy, structuredClone(defaultPolicy))).toEqual([]);
    const other = { ...structuredClone(defaultPolicy), dayCountBasis: 365 } as unknown as typeof defaultPolicy;
    expect(policyChanges(defaultPolicy, other)).toEqual([]);
    expect(readPath(defaultPolicy, 'contact.nothing.here')).toBeUndefined();
  });
});

