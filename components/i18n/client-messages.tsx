import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

/** What every client component may need: the page chrome and the error page. */
export const baseClientNamespaces = ['common', 'errorPage'] as const;
/** What every form adds: field validation messages and the service's error messages. */
export const formClientNamespaces = ['validation', 'errors'] as const;

/**
 * Hands client components only the message namespaces they use, so a cheap
 * phone downloads and parses a page's strings, not the whole application's
 * (and the server serializes them on every request). The root layout passes
 * none; a nested provider wraps the interactive parts of a page, once per
 * page, with their own namespaces and the form namespaces.
 */
export async function ClientMessages({ namespaces, timeZone, children }: { namespaces?: readonly string[]; /** The reader's time zone (a borrower's own), for the instants client components write. */ timeZone?: string; children: ReactNode }) {
  const messages = (await getMessages()) as Record<string, unknown>;
  const wanted = namespaces ? [...baseClientNamespaces, ...formClientNamespaces, ...namespaces] : baseClientNamespaces;
  const picked = Object.fromEntries(wanted.map((ns) => [ns, messages[ns]]));
  return (
    <NextIntlClientProvider messages={picked} {...(timeZone ? { timeZone } : {})}>
      {children}
    </NextIntlClientProvider>
  );
}
