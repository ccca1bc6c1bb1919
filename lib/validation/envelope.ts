import { z } from 'zod';

/**
 * The shapes of what a server action receives, checked before the action uses
 * any of it (lib/auth/action.ts). Anyone can POST to an action with any body,
 * so these are about shape only; the services validate the content with the
 * forms' own schemas and messages.
 */
export const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/** Some object (the service validates its fields). */
export const anObject = z.record(z.string(), z.unknown());

/** Text as typed; its length is the service's to judge, with the message the form shows beside the field. */
export const text = z.string();

/** A FormData with one value per name, read into an object and checked against `shape`. */
export function formData<T extends z.ZodRawShape>(shape: T) {
  return z
    .instanceof(FormData)
    .transform((data): Record<string, unknown> => Object.fromEntries([...new Set(data.keys())].map((key) => [key, data.getAll(key).length === 1 ? data.get(key) : data.getAll(key)])))
    .pipe(z.object(shape));
}

const MAX_DEPTH = 64;

/**
 * The value with NUL removed from every string in it (plain objects, arrays,
 * FormData): PostgreSQL's text and jsonb cannot hold one, and no form has a
 * use for it. Deeper than any form is refused.
 */
export function withoutNul(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new RangeError('nested too deep');
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map((item) => withoutNul(item, depth + 1));
  if (value instanceof FormData) {
    const clean = new FormData();
    for (const [key, entry] of value.entries()) {
      if (typeof entry === 'string') clean.append(withoutNul(key) as string, withoutNul(entry) as string);
      else clean.append(withoutNul(key) as string, entry, withoutNul(entry.name) as string);
    }
    return clean;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [withoutNul(key), withoutNul(item, depth + 1)]));
  }
  return value;
}
