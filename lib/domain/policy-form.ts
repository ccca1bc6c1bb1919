import type { z } from 'zod';
import { creditorPolicySchema, type CreditorPolicy } from './policy';

/**
 * The creditor policy form, read off the policy schema itself (policy.ts is the
 * one source of every bound: the form never repeats a number). Each setting
 * becomes a field with the schema's kind, bounds and default, and the legal
 * source that sets its ceiling where there is one (policy-sources.ts).
 */
export type PolicyField =
  | { path: string; kind: 'number'; integer: boolean; min?: number; max?: number; optional: boolean; default?: number }
  | { path: string; kind: 'boolean'; default?: boolean }
  | { path: string; kind: 'choice'; options: string[]; default?: string }
  | { path: string; kind: 'time'; default?: string }
  | { path: string; kind: 'fixed'; value: string };

type Node = z.ZodType & { def: { type: string; innerType?: Node; defaultValue?: unknown; values?: unknown[]; element?: Node }; minValue?: number | null; maxValue?: number | null; isInt?: boolean; options?: string[]; shape?: Record<string, Node> };

/** Settings edited on a page of their own (the notice sequence, with the creditor's counsel and courts), not on this form. */
export const editedElsewhere: readonly string[] = ['noticeSequence'];

function describe(path: string, node: Node, optional = false, fallback?: unknown): PolicyField[] {
  if (editedElsewhere.includes(path)) return [];
  const type = node.def.type;
  if (type === 'default') return describe(path, node.def.innerType!, optional, node.def.defaultValue);
  if (type === 'optional') return describe(path, node.def.innerType!, true, fallback);
  if (type === 'object') {
    return Object.entries(node.shape!).flatMap(([key, child]) => describe(path ? `${path}.${key}` : key, child, false, (fallback as Record<string, unknown> | undefined)?.[key]));
  }
  if (type === 'number') {
    return [{ path, kind: 'number', integer: Boolean(node.isInt), min: node.minValue ?? undefined, max: node.maxValue ?? undefined, optional, default: fallback as number | undefined }];
  }
  if (type === 'boolean') return [{ path, kind: 'boolean', default: fallback as boolean | undefined }];
  if (type === 'enum') return [{ path, kind: 'choice', options: [...node.options!], default: fallback as string | undefined }];
  if (type === 'string') return [{ path, kind: 'time', default: fallback as string | undefined }];
  // Literals (the day-count basis) and the allocation order are fixed by law and shown, not edited.
  if (type === 'literal') return [{ path, kind: 'fixed', value: String(node.def.values?.[0]) }];
  return [{ path, kind: 'fixed', value: Array.isArray(fallback) ? fallback.join(' → ') : String(fallback ?? '') }];
}

export const policyFields: readonly PolicyField[] = describe('', creditorPolicySchema as unknown as Node);

export function readPath(policy: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), policy);
}

function writePath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

/**
 * A policy from what the form posted (text for numbers and times, "on" for a
 * ticked box), on top of the current policy so that fixed settings keep their
 * value. The caller validates the result with the policy schema.
 */
export function policyFromForm(current: CreditorPolicy, posted: Record<string, unknown>): Record<string, unknown> {
  const next = structuredClone(current) as Record<string, unknown>;
  for (const field of policyFields) {
    const raw = posted[field.path];
    if (field.kind === 'fixed') continue;
    if (field.kind === 'boolean') writePath(next, field.path, raw === true || raw === 'on' || raw === 'true');
    else if (field.kind === 'number') {
      const text = typeof raw === 'string' ? raw.normalize('NFKC').trim() : typeof raw === 'number' ? String(raw) : '';
      if (text === '' && field.optional) writePath(next, field.path, undefined);
      // Not a number stays text, for the schema to refuse beside the field.
      else writePath(next, field.path, /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
    } else writePath(next, field.path, typeof raw === 'string' ? raw.trim() : raw);
  }
  return next;
}

/** The settings that differ between two policies, by path, with both values. */
export function policyChanges(before: CreditorPolicy, after: CreditorPolicy): { path: string; before: unknown; after: unknown }[] {
  return policyFields
    .filter((f) => f.kind !== 'fixed')
    .map((f) => ({ path: f.path, before: readPath(before, f.path), after: readPath(after, f.path) }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
}
