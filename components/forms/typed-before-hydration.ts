'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { FieldValues } from 'react-hook-form';

/**
 * Becomes true once the first form that uses this has mounted in the browser: before that, the page is still being
 * hydrated (a form mounted later, after a navigation or a click, has nothing typed into it yet).
 */
let hydrated = false;

export function getPath(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), source);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((key, i) => {
    if (!node[key] || typeof node[key] !== 'object') node[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys.at(-1)!] = value;
}

/**
 * What the fields of the server-rendered form (`formId`) hold right now: on a slow phone, or a heavy page, the user
 * may type before the page's scripts have run, and that text is in the page, not in the form's values. Read once,
 * while the page is being hydrated, before the form library takes the fields over, so that every field keeps exactly
 * what was typed into it: the form library then sets each field to what it already holds, not to its default, and
 * what is typed meanwhile is neither lost nor run together with the default ("12" and "24" made "1224").
 */
function typedBeforeHydration<T extends FieldValues>(formId: string, values: T): T {
  if (hydrated || typeof document === 'undefined') return values;
  const form = document.getElementById(formId);
  if (!(form instanceof HTMLFormElement)) return values;
  const out = structuredClone(values) as Record<string, unknown>;
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) || !element.name) continue;
    if (getPath(values, element.name) === undefined) continue;
    setPath(out, element.name, element instanceof HTMLInputElement && element.type === 'checkbox' ? element.checked : element.value);
  }
  return out as T;
}

/**
 * A form's starting values: its defaults, or what was typed into its server-rendered fields before the page was
 * hydrated. The form must carry `id={formId}` and render each field with its value (`defaultValue`), so that the
 * server-rendered page shows it and takes typing.
 */
export function useTypedBeforeHydration<T extends FieldValues>(formId: string, defaults: T): T {
  const [initial] = useState(() => typedBeforeHydration(formId, defaults));
  useEffect(() => {
    hydrated = true;
  }, []);
  return initial;
}

const noSubscription = () => () => {};
/**
 * False while the page renders on the server and while it is hydrated, true from then on (and at once for a component
 * mounted later). What a form shows from its values (a preview, the fields a choice reveals) is drawn from the
 * server's values until then, so that hydration finds the page it rendered, and from what was typed just after.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
