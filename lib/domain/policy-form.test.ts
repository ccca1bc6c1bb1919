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
});
