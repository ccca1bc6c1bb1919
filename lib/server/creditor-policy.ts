import 'server-only';
import { parsePolicy, type CreditorPolicy } from '@/lib/domain/policy';

/**
 * A creditor's stored policy, validated: kept by its JSON text, so a page
 * read does not run the schema again for a policy it has already checked,
 * and a changed policy is a new text and is validated afresh. Frozen, as
 * one object is shared by every request.
 */
const validated = new Map<string, CreditorPolicy>();
const limit = 500;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

export function creditorPolicy(stored: unknown): CreditorPolicy {
  const key = JSON.stringify(stored ?? {});
  let policy = validated.get(key);
  if (!policy) {
    policy = deepFreeze(parsePolicy(stored));
    if (validated.size >= limit) validated.clear();
    validated.set(key, policy);
  }
  return policy;
}
