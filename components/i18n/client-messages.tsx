import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

/** What every form adds: field validation messages and the service's error messages. */
export const formClientNamespaces = ['validation', 'errors'] as const;

/**
 * Hands client components only the message namespaces they use, so a cheap
 * phone downloads its page's strings, not the whole application's (and the
 * server serializes them on every request). The messages are compiled at build
 * time (next.config.js), so the phone formats them with icu-minify's small
 * formatter and parses no ICU text. There is no provider in the root layout:
 * a page without client components (/help, the error page) ships none of it;
 * a page wraps its interactive parts in one provider, once, with their own
 * namespaces and the form namespaces.
 */
export async function ClientMessages({ namespaces, timeZone, children }: { namespaces: readonly string[]; /** The reader's time zone (a borrower's own), for the instants client components write. */ timeZone?: string; children: ReactNode }) {
  const messages = (await getMessages()) as Record<string, unknown>;
  const picked = Object.fromEntries([...formClientNamespaces, ...namespaces].map((ns) => [ns, messages[ns]]));
  return (
    <NextIntlClientProvider messages={picked} {...(timeZone ? { timeZone } : {})}>
      {children}
    </NextIntlClientProvider>
  );
}
