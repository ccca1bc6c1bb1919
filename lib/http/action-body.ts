/**
 * Is a server-action request body one that Next (React's decodeReply) can
 * decode without failing? Next answers a body it cannot decode with HTTP 500
 * and logs it as a server error (16.4: action-handler.js, "TODO: consider
 * checking if the error is an ApiError"), so the proxy checks bodies first and
 * refuses what would fail with 400 (413 when too large), logged at warn
 * (ADR 0010).
 *
 * The check accepts what React's encodeReply produces for the arguments
 * Concord's forms send (plain objects, arrays, strings, numbers, booleans,
 * null, undefined, dates, FormData with files, and references to an object
 * repeated in them) and refuses everything else: unknown `$` tags, references
 * to parts or paths that are not there, streams, promises, server and
 * temporary references, and nesting deeper than any form.
 */
export type BodyVerdict = { ok: true } | { ok: false; status: 400 | 405 | 413; reason: string };

export const MAX_REPLY_DEPTH = 64;
/** Next refuses more arguments than this with an error (a 500). */
export const MAX_ARGUMENTS = 1000;

type Parts = { get(name: string): FormDataEntryValue | null } | null;

const exact = new Set(['$undefined', '$Infinity', '$-Infinity', '$-0', '$NaN']);

function refuse(reason: string, status: 400 | 405 | 413 = 400): BodyVerdict {
  return { ok: false, status, reason };
}

/** Walks one part's JSON, checking every `$` string; `path` is where we are, for references. */
function checkValue(value: unknown, root: unknown, parts: Parts, path: string[], depth: number): string | null {
  if (depth > MAX_REPLY_DEPTH) return 'nested too deep';
  if (typeof value === 'string') return value.startsWith('$') ? checkTag(value, root, parts, path) : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = checkValue(value[i], root, parts, [...path, String(i)], depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = checkValue(item, root, parts, [...path, key], depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

function checkTag(value: string, root: unknown, parts: Parts, at: string[]): string | null {
  if (value.startsWith('$$') || exact.has(value)) return null;
  const tag = value[1];
  const rest = value.slice(2);
  if (tag === 'D') return Number.isNaN(Date.parse(rest)) ? 'bad date' : null;
  if (tag === 'n') return /^-?\d{1,300}$/.test(rest) ? null : 'bad bigint';
  if (tag === 'K') return /^[0-9a-f]{1,8}$/.test(rest) ? null : 'bad form data reference';
  if (tag === 'B') {
    if (!/^[0-9a-f]{1,8}$/.test(rest) || !parts) return 'bad blob reference';
    const blob = parts.get(String(parseInt(rest, 16)));
    return blob !== null && typeof blob !== 'string' ? null : 'missing blob';
  }
  // "$0:a:b": the object at a.b of the root, repeated where it appears again.
  const reference = /^\$0((?::[^:]*)+)$/.exec(value);
  if (reference) {
    const path = reference[1]!.slice(1).split(':');
    let target: unknown = root;
    for (const key of path) {
      if (!target || typeof target !== 'object' || !Object.prototype.hasOwnProperty.call(target, key)) return 'dangling reference';
      target = (target as Record<string, unknown>)[key];
    }
    if (!target || typeof target !== 'object') return 'reference to a value';
    const cyclic = path.length <= at.length && path.every((key, i) => at[i] === key);
    return cyclic ? 'cyclic reference' : null;
  }
  return 'unsupported reference';
}

function checkJson(text: string, parts: Parts): BodyVerdict {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return refuse('not JSON');
  }
  // Next calls the action with action.apply(null, root): anything but a list throws there, or in the action (null).
  if (!Array.isArray(root) || root.length > MAX_ARGUMENTS) return refuse('not an argument list');
  const problem = checkValue(root, root, parts, [], 0);
  return problem ? refuse(problem) : { ok: true };
}

/** A body sent as text (React's reply when it needs no parts), as bytes: it must be UTF-8 too. */
export function checkTextBytes(bytes: Uint8Array): BodyVerdict {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('not UTF-8');
  }
  return checkTextReply(text);
}

export function checkTextReply(text: string): BodyVerdict {
  if (!text.trim()) return refuse('empty body');
  return checkJson(text, null);
}

/** A multipart body: its root part "0" and the parts it references. */
export function checkMultipartReply(form: FormData): BodyVerdict {
  // One root: with two, this would check the first and Next read the other.
  const roots = form.getAll('0');
  const root = roots[0];
  if (roots.length !== 1 || typeof root !== 'string') return refuse('no root part');
  return checkJson(root, form);
}

/**
 * A form posted by the browser itself to a server action (a `<form action={…}>`
 * without JavaScript): multipart, naming its action in a `$ACTION_ID_<id>`
 * field, the other fields the form's own. Bound actions (`$ACTION_REF_`) and
 * form state (`$ACTION_KEY`) are React's too, but no form here uses them, and
 * their metadata is decoded like a reply: refused.
 */
export function checkFormPost(form: FormData): BodyVerdict {
  const special = [...form.keys()].filter((key) => key.startsWith('$ACTION_'));
  if (special.some((key) => !key.startsWith('$ACTION_ID_'))) return refuse('unsupported form action');
  if (!special.some((key) => /^\$ACTION_ID_[0-9a-f]{2,}$/.test(key))) return refuse('post without an action', 405);
  return { ok: true };
}

/**
 * A POST to a page (not /api): a server action called by Next's client (the
 * Next-Action header, a reply body) or by a form without JavaScript (checkFormPost);
 * nothing else is posted to pages. `length` is the declared Content-Length;
 * `bytes` the body as the proxy sees it, cut at `limit` when longer.
 */
export async function checkActionPost(input: { actionId: string | null; contentType: string; length: number | null; bytes: () => Promise<Uint8Array> }, limit: number): Promise<BodyVerdict> {
  const multipart = input.contentType.startsWith('multipart/form-data');
  if (!input.actionId && !multipart) return refuse('post without an action', 405);
  if (input.length !== null && input.length > limit) return refuse('body over the limit', 413);
  const bytes = await input.bytes();
  // A body of undeclared length that reaches the limit was cut short there.
  if (input.length === null && bytes.length >= limit - 64 * 1024) return refuse('body over the limit', 413);
  if (!multipart) return checkTextBytes(bytes);
  const form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': input.contentType } }).formData().catch(() => null);
  if (!form) return refuse('malformed multipart');
  return input.actionId ? checkMultipartReply(form) : checkFormPost(form);
}
