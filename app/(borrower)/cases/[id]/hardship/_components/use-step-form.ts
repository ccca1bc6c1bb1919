'use client';

import { useEffect, useMemo, useState } from 'react';
import { useForm, type FieldValues, type Path } from 'react-hook-form';
import type { z } from 'zod';
import { applyServerErrors } from '@/components/forms/apply-server-errors';
import { getPath, useTypedBeforeHydration } from '@/components/forms/typed-before-hydration';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type * as hardshipValidation from '@/lib/validation/hardship';
import { lazyZodResolver } from '@/lib/validation/lazy-resolver';

/** The statement's schemas (and zod), loaded when the borrower starts on the form, not with the page (issue #13). */
export type HardshipValidation = typeof hardshipValidation;
let validation: Promise<HardshipValidation> | undefined;
export function loadHardshipValidation(): Promise<HardshipValidation> {
  validation ??= import('@/lib/validation/hardship');
  validation.catch(() => (validation = undefined));
  return validation;
}

/** The schemas once they are needed (`needed`) and loaded; null until then. */
export function useHardshipValidation(needed: boolean): HardshipValidation | null {
  const [loaded, setLoaded] = useState<HardshipValidation | null>(null);
  useEffect(() => {
    if (needed && !loaded) void loadHardshipValidation().then(setLoaded, () => undefined);
  }, [needed, loaded]);
  return loaded;
}

export type SaveResult = { ok: true } | { ok: false; fieldErrors: Record<string, { key: string; params?: Record<string, string | number> }>; formError?: { key: string; params?: Record<string, string | number> } };
export type AutosaveState = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; at: string } | { state: 'failed' };

/** After the borrower stops typing for this long, what they typed is saved. */
export const AUTOSAVE_DELAY_MS = 800;

/**
 * One step's form: validated on the phone with the same zod schema the server
 * uses (`schema` loads it, when the borrower first types or leaves a field); what the server refuses comes back beside the field; the typed text is
 * what is sent (the server parses it again), so nothing typed is lost — not
 * what was typed before the page finished loading (kept as typed), nor what is
 * typed and then the page reloaded (saved as the borrower types, `autosave`).
 * `field(name)` registers a field with its value in the server-rendered page.
 */
export function useStepForm<T extends FieldValues>(
  formId: string,
  schema: () => Promise<z.ZodType>,
  defaultValues: T,
  save: (values: T) => Promise<SaveResult>,
  autosave?: (values: T) => Promise<string | false>,
) {
  const errorText = useErrorText();
  const [formError, setFormError] = useState<string>();
  const initial = useTypedBeforeHydration(formId, defaultValues);
  const [saved, setSaved] = useState<AutosaveState>({ state: 'idle' });
  const resolver = useMemo(() => lazyZodResolver<T>(schema), [schema]);
  const form = useForm<T>({ resolver, defaultValues: initial as never, mode: 'onTouched' });
  // The save-as-you-type waits for a pause in typing; the step's own save cancels what is still waiting.
  const [pending] = useState(() => ({ timer: null as ReturnType<typeof setTimeout> | null }));

  useEffect(() => {
    // The first keystroke fetches the schema, so it is there when the field is left.
    const preload = form.subscribe({ formState: { values: true }, callback: () => resolver.preload() });
    if (!autosave) return preload;
    const flush = async () => {
      setSaved({ state: 'saving' });
      const at = await autosave(form.getValues()).catch(() => false as const);
      setSaved(at ? { state: 'saved', at } : { state: 'failed' });
    };
    // Something typed before the page was ready is saved as soon as it is.
    if (JSON.stringify(initial) !== JSON.stringify(defaultValues)) void flush();
    const subscription = form.subscribe({
      formState: { values: true },
      callback: ({ type }) => {
        if (type !== 'change') return;
        if (pending.timer) clearTimeout(pending.timer);
        pending.timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
      },
    });
    return () => {
      preload();
      subscription();
      if (pending.timer) clearTimeout(pending.timer);
    };
    // Mount only: the step's form, saver and first values stay the same for the life of the step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onSubmit = form.handleSubmit(async () => {
    setFormError(undefined);
    // The step's own save replaces anything waiting to be saved as typing.
    if (pending.timer) clearTimeout(pending.timer);
    const result = await save(form.getValues()).catch(() => ({ ok: false as const, fieldErrors: {}, formError: { key: 'errors.UNAVAILABLE' } }));
    if (!result.ok) setFormError(applyServerErrors(result, form.setError, errorText));
  });
  const error = (message: unknown) => errorText(typeof message === 'string' ? message : undefined);
  /** A text field or select, registered, with its value already in the server-rendered page. */
  const field = (name: Path<T>) => ({ ...form.register(name), defaultValue: getPath(initial, name) as string | undefined });
  /** A checkbox, registered, ticked in the server-rendered page when it is. */
  const checkbox = (name: Path<T>) => ({ ...form.register(name), defaultChecked: getPath(initial, name) === true });
  return { form, onSubmit, formError, error, field, checkbox, saved, formId };
}
