'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useErrorText } from '@/lib/i18n/use-error-text';

type Failure = { ok: false; fieldErrors: Record<string, { key: string; params?: Record<string, string | number> }>; formError?: { key: string; params?: Record<string, string | number> } };
type Result<T> = ({ ok: true } & { data?: T }) | Failure;

/**
 * One case-file form's submission: runs its server action, puts each error beside its field (or above the button),
 * keeps what was typed on failure, and refreshes the page's server-rendered parts on success.
 */
export function useCaseForm() {
  const errorText = useErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string>();
  async function submit<T>(run: () => Promise<Result<T>>, onSuccess?: (data: T | undefined) => void) {
    setBusy(true);
    setFormError(undefined);
    setFieldErrors({});
    const result = await run().catch(() => null);
    setBusy(false);
    if (!result) return setFormError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) {
      setFieldErrors(Object.fromEntries(Object.entries(result.fieldErrors).map(([field, message]) => [field, errorText(message)])));
      if (result.formError) setFormError(errorText(result.formError));
      else if (!Object.keys(result.fieldErrors).length) setFormError(errorText('errors.UNAVAILABLE'));
      return;
    }
    onSuccess?.(result.data);
    router.refresh();
  }
  return { busy, fieldErrors, formError, submit };
}
