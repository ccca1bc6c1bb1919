import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { messageOf } from '@/lib/validation/message';

type ServerError = { key: string; params?: Record<string, string | number> };

/**
 * Puts a server action's field errors next to their fields (keeping what was
 * typed; the field translates the message where it is drawn) and returns the
 * message for the form as a whole, translated, if any.
 */
export function applyServerErrors<T extends FieldValues>(
  result: { fieldErrors: Record<string, ServerError>; formError?: ServerError },
  setError: UseFormSetError<T>,
  translate: (message: ServerError) => string | undefined,
): string | undefined {
  let unplaced: ServerError | undefined;
  for (const [path, error] of Object.entries(result.fieldErrors)) {
    if (path === '_form' || path === 'statement' || path === 'file') unplaced ??= error;
    else setError(path as Path<T>, { type: 'server', message: messageOf(error) }, { shouldFocus: true });
  }
  const form = result.formError ?? unplaced;
  return form ? translate(form) : undefined;
}
