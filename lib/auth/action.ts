import 'server-only';
import type { z } from 'zod';
import { actionError, runAction, type ActionResult } from '@/lib/server/action-result';
import type { Actor, Ctx } from '@/lib/server/actor';
import { AppError } from '@/lib/server/errors';
import { withoutNul } from '@/lib/validation/envelope';
import { currentCtx } from './session';

/**
 * Every server action is one of these (ADR 0010): anyone can POST to an action
 * with any arguments, so the raw arguments are checked against the action's
 * schema before anything uses them, exactly one argument, with every NUL
 * character removed from its text first (PostgreSQL's text and jsonb cannot
 * hold one). A wrong shape gets a validation answer, never an exception; an
 * action that needs a signed-in borrower or staff member says when the
 * session has ended. Errors from the service become what the form shows
 * (runAction). Like dub's chain of action clients, in one function.
 */
type Needs = 'anyone' | 'signedIn' | 'borrower' | 'staff';
type Signed<N extends Needs> = N extends 'borrower'
  ? Ctx & { actor: Extract<Actor, { type: 'borrower' }> }
  : N extends 'staff'
    ? Ctx & { actor: Extract<Actor, { type: 'staff' }> }
    : N extends 'signedIn'
      ? Ctx & { actor: Extract<Actor, { type: 'borrower' | 'staff' }> }
      : Ctx;

function satisfies(needs: Needs, actor: Actor): boolean {
  if (needs === 'anyone') return true;
  if (needs === 'signedIn') return actor.type === 'borrower' || actor.type === 'staff';
  return actor.type === needs;
}
type Result<R> = ActionResult<R extends void ? undefined : R>;

const invalid = { ok: false as const, fieldErrors: {}, formError: { key: 'validation.invalid' } };

export function defineAction<S extends z.ZodType, R, N extends Needs = 'anyone'>(
  needs: N,
  schema: S,
  run: (input: z.output<S>, ctx: Signed<N>) => Promise<R>,
): (input: z.input<S>) => Promise<Result<R>> {
  return async (...args: unknown[]): Promise<Result<R>> => {
    if (args.length !== 1) return invalid;
    let parsed: z.ZodSafeParseResult<z.output<S>>;
    try {
      parsed = schema.safeParse(withoutNul(args[0]));
    } catch {
      return invalid;
    }
    if (!parsed.success) return invalid;
    const ctx = await currentCtx();
    if (!satisfies(needs, ctx.actor)) return actionError(new AppError('SESSION_EXPIRED'));
    return runAction(() => run(parsed.data, ctx as Signed<N>));
  };
}
