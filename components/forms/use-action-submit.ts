'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { ActionResult } from '@/lib/server/action-result';

type Data<T> = T extends undefined ? undefined : T;

/**
 * One staff form's round trip through its server action: busy while it runs; on a refusal each
 * message beside its field (or above the button, and "unavailable" when the action gave no reason
 * or could not be reached), with nothing typed lost; on success `done`, the caller's follow-up,
 * and the page's server-rendered parts refreshed. Every staff form submits through this one hook.
 */
export function useActionSubmit() {
  const errorText = useErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string>();
  const [done, setDone] = useState(false);
  async function submit<T>(call: () => Promise<ActionResult<T>>, onSuccess?: (data: Data<T>) => void): Promise<ActionResult<T> | null> {
    setBusy(true);
    setDone(false);
    setErrors({});
    setFormError(undefined);
    const result = await call().catch(() => null);
    setBusy(false);
    if (!result) {
      setFormError(errorText('errors.UNAVAILABLE'));
      return null;
    }
    if (!result.ok) {
      setErrors(Object.fromEntries(Object.entries(result.fieldErrors).map(([field, message]) => [field, errorText(message)])));
      const unexplained = !result.formError && !Object.keys(result.fieldErrors).length;
      setFormError(unexplained ? errorText('errors.UNAVAILABLE') : errorText(result.formError));
      return result;
    }
    setDone(true);
    onSuccess?.(result.data as Data<T>);
    router.refresh();
    return result;
  }
  return { busy, errors, formError, done, submit, errorText };
}
