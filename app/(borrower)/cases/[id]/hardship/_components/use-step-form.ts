'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type FieldValues, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { applyServerErrors } from '@/components/forms/apply-server-errors';
import { useErrorText } from '@/lib/i18n/use-error-text';

export type SaveResult = { ok: true } | { ok: false; fieldErrors: Record<string, { key: string; params?: Record<string, string | number> }>; formError?: { key: string; params?: Record<string, string | number> } };

/**
 * One step's form: validated on the phone with the same zod schema the server
 * uses; what the server refuses comes back beside the field; the typed text is
 * what is sent (the server parses it again), so nothing typed is lost.
 */
export function useStepForm<T extends FieldValues>(schema: z.ZodType, defaultValues: T, save: (values: T) => Promise<SaveResult>) {
  const errorText = useErrorText();
  const [formError, setFormError] = useState<string>();
  const form = useForm<T>({ resolver: zodResolver(schema as never) as unknown as Resolver<T>, defaultValues: defaultValues as never, mode: 'onTouched' });
  const onSubmit = form.handleSubmit(async () => {
    setFormError(undefined);
    const result = await save(form.getValues()).catch(() => ({ ok: false as const, fieldErrors: {}, formError: { key: 'errors.UNAVAILABLE' } }));
    if (!result.ok) setFormError(applyServerErrors(result, form.setError, errorText));
  });
  const error = (message: unknown) => errorText(typeof message === 'string' ? message : undefined);
  return { form, onSubmit, formError, error };
}
