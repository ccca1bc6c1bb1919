'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { ActionResult } from '@/lib/server/action-result';

/** An admin form's round trip: busy while the action runs, errors beside their fields, the page refreshed on success. */
export function useActionForm() {
  const errorText = useErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string>();
  const [done, setDone] = useState(false);
  async function run<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T> | null> {
    setBusy(true);
    setDone(false);
    const result = await call().catch(() => null);
    setBusy(false);
    if (result?.ok) {
      setErrors({});
      setFormError(undefined);
      setDone(true);
      router.refresh();
      return result;
    }
    setErrors(Object.fromEntries(Object.entries(result?.fieldErrors ?? {}).map(([k, v]) => [k, errorText(v)])));
    setFormError(result ? errorText(result.formError) : errorText('errors.UNAVAILABLE'));
    return result;
  }
  return { busy, errors, formError, done, run, errorText };
}
