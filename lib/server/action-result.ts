import 'server-only';
import { ZodError } from 'zod';
import { parseMessage } from '@/lib/validation/message';
import { isAppError } from './errors';
import { logger } from './logger';

/**
 * What every server action returns. Errors are message keys plus values; the
 * form translates them and shows each beside its field.
 */
export type FieldError = {
  key: string;
  params?: Record<string, string | number>;
  /** The rules a refused offer breaks, each with its values, for the form to name in words. */
  violations?: { rule: string; params?: Record<string, string | number> }[];
};
export type ActionResult<T = undefined> =
  | ({ ok: true } & (T extends undefined ? { data?: undefined } : { data: T }))
  | { ok: false; fieldErrors: Record<string, FieldError>; formError?: FieldError };

export function actionError(error: unknown): { ok: false; fieldErrors: Record<string, FieldError>; formError?: FieldError } {
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, FieldError> = {};
    for (const issue of error.issues) {
      const field = issue.path.join('.') || '_form';
      // A schema's message is a key with its values (lib/validation/message.ts); a library's own text is not shown.
      fieldErrors[field] ??= parseMessage(issue.message) ?? { key: 'validation.invalid' };
    }
    return { ok: false, fieldErrors };
  }
  if (isAppError(error)) {
    // A validation refusal may name its own message (e.g. validation.nameMismatch).
    const message: FieldError = { key: error.message.startsWith('validation.') ? error.message : `errors.${error.code}`, params: error.params };
    if (Array.isArray(error.details)) message.violations = error.details as FieldError['violations'];
    return error.field ? { ok: false, fieldErrors: { [error.field]: message } } : { ok: false, fieldErrors: {}, formError: message };
  }
  // A database or programming error never reaches the user as such.
  logger.error({ err: { name: (error as Error)?.name, message: String((error as Error)?.message ?? error) } }, 'action failed');
  return { ok: false, fieldErrors: {}, formError: { key: 'errors.UNAVAILABLE' } };
}

/** The body of every server action: run the service, map any error to what the form shows. */
export async function runAction<T>(work: () => Promise<T>): Promise<ActionResult<T extends void ? undefined : T>> {
  try {
    const data = await work();
    return (data === undefined ? { ok: true } : { ok: true, data }) as ActionResult<T extends void ? undefined : T>;
  } catch (error) {
    return actionError(error);
  }
}
