import type { FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';

/**
 * A react-hook-form resolver that validates with a zod schema loaded when it is
 * first needed, as zodResolver does once it is there. zod and the schemas are
 * about 40 kB of compressed JavaScript, as much as the rest of a form page above
 * the framework's floor; a phone that opens a page with a form needs them only
 * once the borrower starts filling it in, not to paint it (issue #13). The load
 * starts when the form first takes focus (`preload`, for the form's onFocus, so
 * the code is usually there by the first blur) or at the first validation,
 * whichever comes first, and happens once; if it fails, the form is sent as it
 * is and the server's validation (every action validates again) answers.
 *
 * `load` must import the schema's module dynamically (`() => import('…').then(m => m.schema)`):
 * a static import of the schema puts zod back into the page's first load.
 */
export type LazyResolver<T extends FieldValues> = Resolver<T> & { preload: () => void };

export function lazyZodResolver<T extends FieldValues>(load: () => Promise<z.ZodType>): LazyResolver<T> {
  let loading: Promise<Resolver<T>> | undefined;
  const ready = () => {
    loading ??= Promise.all([import('@hookform/resolvers/zod'), load()]).then(([{ zodResolver }, schema]) => zodResolver(schema as never) as unknown as Resolver<T>);
    // A failed load (the network dropped) is tried again at the next validation.
    loading.catch(() => (loading = undefined));
    return loading;
  };
  const resolver: Resolver<T> = async (values, context, options) => {
    const validate = await ready().catch(() => null);
    // Without the schema (the phone is offline), the form goes to the server, which validates it again and answers field by field.
    return validate ? validate(values, context, options) : { values, errors: {} };
  };
  return Object.assign(resolver, { preload: () => void ready().catch(() => undefined) });
}
